using System.Net;
using System.Text.RegularExpressions;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// One resident's browser without JavaScript, over real HTTP: its own cookies (the draft key and the
/// anti-forgery cookie), plain form posts with the hidden fields the page rendered, redirects followed.
/// Cookies are kept per host, not per port, so the same browser can return to a restarted site.
/// </summary>
internal sealed partial class JourneyClient : IDisposable
{
    private readonly HttpClient _http;
    private Page? _check;

    private readonly CookieContainer _cookies = new();

    /// <param name="baseAddress">The site.</param>
    /// <param name="handler">Makes the handler around the browser's cookies (e.g. one that trusts a test proxy's
    /// certificate); a plain one by default. It must not follow redirects.</param>
    public JourneyClient(Uri baseAddress, Func<CookieContainer, HttpMessageHandler>? handler = null)
    {
        _http = new HttpClient(handler?.Invoke(_cookies) ?? new SocketsHttpHandler { CookieContainer = _cookies, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>The answers each question page gets, in order, for a resident filing for themselves.</summary>
    /// <param name="phone">The resident's phone number.</param>
    /// <param name="contact">How the office is to contact them.</param>
    /// <param name="word">A word put into every free-text answer (name, description, street, town), e.g. a canary.</param>
    private static IEnumerable<(string Page, Dictionary<string, string> Fields)> Questions(string phone, ContactChannel contact, string? word) =>
    [
        ("miejsce-zamieszkania", new() { ["Form.LivesInMunicipality"] = "tak" }),
        ("powod", new() { ["Form.Reason"] = nameof(EligibilityReason.Age) }),
        ("dla-kogo", new() { ["Form.Relation"] = nameof(SubmitterRelation.Self) }),
        ("sprawa", new() { ["Form.MatterSlug"] = "dowod-osobisty" }),
        ("opis", new() { ["Form.Description"] = $"Potrzebny nowy dowód osobisty, stary stracił ważność. {word}".Trim() }),
        ("mieszkaniec", new() { ["Form.ResidentName"] = word is null ? "Janina Kowalczyk" : "Janina " + word, ["Form.ResidentPhone"] = phone }),
        ("adres", new() { ["Form.Street"] = word is null ? "Główna 5 m. 3" : word + " 5 m. 3", ["Form.PostalCode"] = "00-950", ["Form.Town"] = word ?? "Przykładowo" }),
        ("kontakt", new() { ["Form.ContactChannel"] = contact.ToString() }),
        ("potrzeby", new() { ["Form.NeedsCallBeforeVisit"] = "true" }),
        ("termin", new() { ["Form.Timing"] = "asap", ["Form.PartOfDay"] = nameof(PartOfDay.Any) }),
    ];

    /// <summary>From /zgloszenie ("Rozpocznij") through every question to "Sprawdź zgłoszenie przed wysłaniem"; the office is
    /// to contact the resident by <paramref name="contact"/> (a call or an SMS to <paramref name="phone"/>), with
    /// <paramref name="word"/> in every free-text answer when given.</summary>
    public async Task WalkToCheckAsync(string phone, CancellationToken ct, ContactChannel contact = ContactChannel.PhoneCall, string? word = null)
    {
        var page = await GetAsync("/zgloszenie", ct);
        page = await PostAsync(page, new() { ["akcja"] = "nowe" }, ct);
        foreach (var (question, fields) in Questions(phone, contact, word))
        {
            page.ExpectAt("/zgloszenie/" + question);
            page = await PostAsync(page, fields, ct);
        }

        page.ExpectAt("/zgloszenie/sprawdz");
        _check = page;
    }

    /// <summary>
    /// "Wyślij zgłoszenie" on the check page. True when the site answered that it was sent: the redirect to the
    /// confirmation page, which the site gives only after the request is committed.
    /// </summary>
    public async Task<bool> SendAsync(CancellationToken ct)
    {
        using var response = await PostFormAsync(_check ?? throw new InvalidOperationException("Walk to the check page first."), [], ct);
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location
            && new Uri(response.RequestMessage!.RequestUri!, location).AbsolutePath == "/zgloszenie/potwierdzenie";
    }

    /// <summary>Opens the confirmation page (again), on <paramref name="site"/> when given; the tracking code it shows ("K7P-4QX-9M").</summary>
    public async Task<string> ReadConfirmationAsync(Uri? site, CancellationToken ct)
    {
        var page = await GetAsync(new Uri(site ?? _http.BaseAddress!, "/zgloszenie/potwierdzenie").ToString(), ct);
        page.ExpectAt("/zgloszenie/potwierdzenie");
        var groups = ReferenceGroup().Matches(page.Html).Select(m => m.Groups[1].Value.Trim()).ToList();
        return groups.Count == 3 ? string.Join('-', groups) : throw new InvalidOperationException("The confirmation shows no tracking code.");
    }

    /// <summary>The /status look-up; the page's h1 (e.g. "Zgłoszenie K7P-4QX-9M", or the form's title when nothing matched).</summary>
    public async Task<string> LookUpStatusAsync(string code, string lastFour, CancellationToken ct)
    {
        var page = await GetAsync("/status", ct);
        page = await PostAsync(page, new() { ["numer"] = code, ["cyfry"] = lastFour }, ct);
        var h1 = Heading().Match(page.Html);
        return h1.Success ? WebUtility.HtmlDecode(h1.Groups[1].Value).Trim() : throw new InvalidOperationException("The status page has no h1.");
    }

    /// <summary>The /status look-up; the whole page it answers with.</summary>
    public async Task<string> LookUpStatusPageAsync(string code, string lastFour, CancellationToken ct)
    {
        var page = await GetAsync("/status", ct);
        return (await PostAsync(page, new() { ["numer"] = code, ["cyfry"] = lastFour }, ct)).Html;
    }

    /// <summary>The <c>X-Served-By</c> header of the last page (a test's proxy names the node that answered).</summary>
    public string? ServedBy { get; private set; }

    /// <summary>Sets a cookie as if the site had (e.g. a proxy's affinity cookie, to move this browser to another node).</summary>
    public void SetCookie(string name, string value) => _cookies.Add(_http.BaseAddress!, new Cookie(name, value, "/"));

    /// <summary>The staff sign-in form (without a second factor); the path the browser ends on.</summary>
    public async Task<string> SignInStaffAsync(string email, string password, CancellationToken ct)
    {
        var page = await GetAsync("/panel/logowanie", ct);
        page = await PostAsync(page, new() { ["Input.Email"] = email, ["Input.Password"] = password }, ct);
        return page.Url.AbsolutePath;
    }

    /// <summary>Opens <paramref name="path"/> following redirects; the path it ends on and the page's h1.</summary>
    public async Task<(string Path, string Heading)> OpenAsync(string path, CancellationToken ct)
    {
        var page = await GetAsync(path, ct);
        var h1 = Heading().Match(page.Html);
        return (page.Url.AbsolutePath, h1.Success ? WebUtility.HtmlDecode(Regex.Replace(h1.Groups[1].Value, "<[^>]+>", "")).Trim() : "");
    }

    public void Dispose() => _http.Dispose();

    private async Task<Page> GetAsync(string url, CancellationToken ct) => await FollowAsync(await _http.GetAsync(url, ct), ct);

    private async Task<Page> PostAsync(Page page, Dictionary<string, string> fields, CancellationToken ct) =>
        await FollowAsync(await PostFormAsync(page, fields, ct), ct);

    /// <summary>Posts the page's form: its hidden fields (form name, anti-forgery token) and <paramref name="fields"/>.</summary>
    private async Task<HttpResponseMessage> PostFormAsync(Page page, Dictionary<string, string> fields, CancellationToken ct)
    {
        var form = FormElement().Match(page.Html);
        if (!form.Success)
        {
            throw new InvalidOperationException($"{page.Url.AbsolutePath} has no form.");
        }

        var values = HiddenInput().Matches(form.Groups["body"].Value)
            .Select(m => KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value)))
            .Concat(fields)
            .ToList();
        var action = Attribute(form.Groups["open"].Value, "action") is { } a ? new Uri(page.Url, WebUtility.HtmlDecode(a)) : page.Url;
        using var content = new FormUrlEncodedContent(values);
        return await _http.PostAsync(action, content, ct);
    }

    /// <summary>Follows redirects as a browser does (GET the new address) and reads the page it ends on.</summary>
    private async Task<Page> FollowAsync(HttpResponseMessage response, CancellationToken ct)
    {
        for (var hops = 0; response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.RedirectMethod or HttpStatusCode.MovedPermanently && hops < 10; hops++)
        {
            var next = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            response.Dispose();
            response = await _http.GetAsync(next, ct);
        }

        using (response)
        {
            response.EnsureSuccessStatusCode();
            ServedBy = response.Headers.TryGetValues("X-Served-By", out var node) ? node.FirstOrDefault() : null;
            return new Page(response.RequestMessage!.RequestUri!, await response.Content.ReadAsStringAsync(ct));
        }
    }

    private static string? Attribute(string tag, string name)
    {
        var m = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex("(?<open><form\\b[^>]*method=\"post\"[^>]*>)(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<span class=\"reference__group\">([^<]*)</span>")]
    private static partial Regex ReferenceGroup();

    [GeneratedRegex("<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline)]
    private static partial Regex Heading();

    private sealed record Page(Uri Url, string Html)
    {
        /// <summary>Fails when the site did not move on (a validation error, an expired draft) to <paramref name="path"/>.</summary>
        public void ExpectAt(string path)
        {
            if (Url.AbsolutePath != path)
            {
                throw new InvalidOperationException($"Expected {path}, the site showed {Url.AbsolutePath}.");
            }
        }
    }
}
