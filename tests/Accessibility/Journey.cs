using System.Text.RegularExpressions;

namespace MobilnyUrzednik.Accessibility;

/// <summary>The answers a test gives; the defaults are a complete, valid request for oneself.</summary>
public sealed record JourneyAnswers
{
    public string Reason { get; init; } = "Ze względu na wiek";

    /// <summary>"Dla mnie", or any other choice for someone else (then the submitter step is asked).</summary>
    public string ForWhom { get; init; } = "Dla mnie";

    public string Matter { get; init; } = "Wniosek o dowód osobisty";

    public string Description { get; init; } = "Mama potrzebuje nowego dowodu, stary stracił ważność w maju.";

    public string ResidentName { get; init; } = "Janina Kowalczyk";

    public string ResidentPhone { get; init; } = "600 100 200";

    public string Street { get; init; } = "Główna 5 m. 3";

    public string PostalCode { get; init; } = "00-950";

    public string Town { get; init; } = "Przykładowo";

    public string SubmitterName { get; init; } = "Marek Nowak";

    public string SubmitterPhone { get; init; } = "+48 601-234-567";

    public string Contact { get; init; } = "Telefonicznie";

    public string? Email { get; init; }

    public string? AccessNeed { get; init; } = "Telefon tuż przed wejściem";

    public string? AccessNotes { get; init; } = "Dzwonek nie działa, proszę pukać.";

    public bool ForSomeoneElse => ForWhom != "Dla mnie";

    /// <summary>
    /// A neighbour files for someone else, typing as people do: no phone for the resident, the postal
    /// code without its dash, the submitter's phone with a country code and dashes, no access needs.
    /// </summary>
    public static JourneyAnswers ForNeighbour { get; } = new()
    {
        ForWhom = "Dla sąsiada lub sąsiadki",
        Description = "Potrzebny nowy dowód osobisty, stary stracił ważność w maju.",
        ResidentName = "Zofia Łęcka",
        ResidentPhone = string.Empty,
        PostalCode = "00950",
        SubmitterName = "Piotr Nowak",
        SubmitterPhone = "+48 601-202-303",
        AccessNeed = null,
        AccessNotes = null,
    };
}

/// <summary>
/// The request journey as a resident meets it: addresses, headings (the same Polish words as the
/// .resx files) and a walk through it by pointer with given answers. Not a page object: it holds no
/// state, and each test still says what it checks.
/// </summary>
public static class Journey
{
    public const string TitleSuffix = " – Mobilny Urzędnik";

    public static class Headings
    {
        public const string Start = "Poproś o wizytę urzędnika w domu";
        public const string Residence = "Czy osoba, do której ma przyjść urzędnik, mieszka w Gminie Przykładowo?";
        public const string Reason = "Dlaczego ta osoba nie może przyjść do urzędu?";
        public const string ForWhom = "Dla kogo jest ta wizyta?";
        public const string Matter = "W jakiej sprawie ma przyjść urzędnik?";
        public const string Description = "Opisz krótko, co trzeba załatwić";
        public const string ResidentSelf = "Twoje dane";
        public const string ResidentOther = "Dane osoby, do której przyjdzie urzędnik";
        public const string AddressSelf = "Twój adres";
        public const string AddressOther = "Adres, pod który ma przyjść urzędnik";
        public const string Submitter = "Twoje dane";
        public const string Contact = "Jak mamy się z Tobą kontaktować?";
        public const string AccessNeeds = "Czy podczas wizyty potrzebne jest coś szczególnego?";
        public const string Times = "Od kiedy może być wizyta?";
        public const string Check = "Sprawdź zgłoszenie przed wysłaniem";
        public const string Confirmation = "Zgłoszenie wysłane";
        public const string NotEligible = "Nie możemy umówić wizyty przez tę stronę";
        public const string Status = "Sprawdź status zgłoszenia";
    }

    /// <summary>A tracking code as the confirmation shows it: "K7P-4QX-9M".</summary>
    public static readonly Regex CodePattern = new("^[34679ACDEFGHJKMNPQRTWXY]{3}-[34679ACDEFGHJKMNPQRTWXY]{3}-[34679ACDEFGHJKMNPQRTWXY]{2}$");

    /// <summary>Waits until the page at <paramref name="path"/> shows <paramref name="heading"/> as its h1 and its title.</summary>
    public static async Task ExpectPageAsync(IPage page, string path, string heading)
    {
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + @"(\?.*)?$"));
        await Expect(page.Locator("main h1")).ToContainTextAsync(heading);
        await Expect(page).ToHaveTitleAsync(heading + TitleSuffix);
    }

    /// <summary>Waits for the page, then runs axe on it: one call per step of a journey.</summary>
    public static async Task ArriveAsync(IPage page, string path, string heading)
    {
        await ExpectPageAsync(page, path, heading);
        await Axe.CheckAsync(page, heading);
    }

    public static ILocator Radio(IPage page, string label) => page.GetByRole(AriaRole.Radio, new() { Name = label, Exact = true });

    public static ILocator Checkbox(IPage page, string label) => page.GetByRole(AriaRole.Checkbox, new() { Name = label, Exact = true });

    public static ILocator Field(IPage page, string label, bool exact = true) => page.GetByRole(AriaRole.Textbox, new() { Name = label, Exact = exact });

    public static ILocator Button(IPage page, string label) => page.GetByRole(AriaRole.Button, new() { Name = label, Exact = true });

    public static ILocator Continue(IPage page) => Button(page, "Dalej");

    /// <summary>Clicks a radio and checks that the click chose it.</summary>
    public static async Task ChooseAsync(IPage page, string label)
    {
        await Radio(page, label).ClickAsync();
        await Expect(Radio(page, label)).ToBeCheckedAsync();
    }

    /// <summary>Clicks into a field and types (replacing what was there).</summary>
    public static async Task TypeAsync(IPage page, string label, string text, bool exact = true)
    {
        var field = Field(page, label, exact);
        await field.ClickAsync();
        await field.FillAsync(text);
    }

    /// <summary>The question pages (their last address segment), in order, for a request filed for someone else.</summary>
    public static readonly IReadOnlyList<string> QuestionPages =
    [
        "miejsce-zamieszkania", "powod", "dla-kogo", "sprawa", "opis", "mieszkaniec", "adres", "zglaszajacy", "kontakt", "potrzeby", "termin",
    ];

    /// <summary>Clicks "Dalej" and waits for the next address.</summary>
    /// <remarks>
    /// Polls the address (an assertion) rather than waiting for a navigation event: an enhanced form post changes the
    /// address within the document, and an event that arrived just before the wait began was missed once on CI.
    /// </remarks>
    public static async Task ContinueAsync(IPage page)
    {
        var before = page.Url;
        await Continue(page).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(before);
    }

    /// <summary>
    /// From /zgloszenie through every question to the check page, by pointer. With <paramref name="axe"/>
    /// every page is scanned on arrival; <paramref name="atEachQuestion"/> (given the page's last address
    /// segment, e.g. "opis") runs on each question page after arrival and before it is answered.
    /// </summary>
    public static async Task WalkToCheckAsync(IPage page, JourneyAnswers a, Func<string, Task>? atEachQuestion = null, bool axe = true)
    {
        async Task AtAsync(string path, string heading)
        {
            await ExpectPageAsync(page, path, heading);
            if (axe)
            {
                await Axe.CheckAsync(page, heading);
            }

            if (atEachQuestion is not null && path.StartsWith("/zgloszenie/", StringComparison.Ordinal) && path != "/zgloszenie/sprawdz")
            {
                await atEachQuestion(path["/zgloszenie/".Length..]);
            }
        }

        await page.GotoAsync("/zgloszenie");
        await AtAsync("/zgloszenie", Headings.Start);
        await Button(page, "Rozpocznij").ClickAsync();

        await AtAsync("/zgloszenie/miejsce-zamieszkania", Headings.Residence);
        await ChooseAsync(page, "Tak");
        await Continue(page).ClickAsync();

        await AtAsync("/zgloszenie/powod", Headings.Reason);
        await ChooseAsync(page, a.Reason);
        await Continue(page).ClickAsync();

        await AtAsync("/zgloszenie/dla-kogo", Headings.ForWhom);
        await ChooseAsync(page, a.ForWhom);
        await Continue(page).ClickAsync();

        await AtAsync("/zgloszenie/sprawa", Headings.Matter);
        await ChooseAsync(page, a.Matter);
        await Continue(page).ClickAsync();

        await AtAsync("/zgloszenie/opis", Headings.Description);
        await TypeAsync(page, Headings.Description, a.Description, exact: false);
        await Continue(page).ClickAsync();

        await AtAsync("/zgloszenie/mieszkaniec", a.ForSomeoneElse ? Headings.ResidentOther : Headings.ResidentSelf);
        await TypeAsync(page, "Imię i nazwisko", a.ResidentName);
        await TypeAsync(page, a.ForSomeoneElse ? "Numer telefonu tej osoby (opcjonalnie)" : "Numer telefonu", a.ResidentPhone);
        await Continue(page).ClickAsync();

        await AtAsync("/zgloszenie/adres", a.ForSomeoneElse ? Headings.AddressOther : Headings.AddressSelf);
        await TypeAsync(page, "Ulica, numer domu i mieszkania", a.Street);
        await TypeAsync(page, "Kod pocztowy", a.PostalCode);
        await TypeAsync(page, "Miejscowość", a.Town);
        await Continue(page).ClickAsync();

        if (a.ForSomeoneElse)
        {
            await AtAsync("/zgloszenie/zglaszajacy", Headings.Submitter);
            await TypeAsync(page, "Twoje imię i nazwisko", a.SubmitterName);
            await TypeAsync(page, "Twój numer telefonu", a.SubmitterPhone);
            await Checkbox(page, "Ta osoba wie o zgłoszeniu i zgadza się na wizytę").ClickAsync();
            await Expect(Checkbox(page, "Ta osoba wie o zgłoszeniu i zgadza się na wizytę")).ToBeCheckedAsync();
            await Continue(page).ClickAsync();
        }

        await AtAsync("/zgloszenie/kontakt", Headings.Contact);
        await ChooseAsync(page, a.Contact);
        if (a.Email is not null)
        {
            await TypeAsync(page, "Adres e-mail (jeśli wybierasz e-mail)", a.Email);
        }

        await Continue(page).ClickAsync();

        await AtAsync("/zgloszenie/potrzeby", Headings.AccessNeeds);
        if (a.AccessNeed is not null)
        {
            await Checkbox(page, a.AccessNeed).ClickAsync();
            await Expect(Checkbox(page, a.AccessNeed)).ToBeCheckedAsync();
        }

        if (a.AccessNotes is not null)
        {
            await TypeAsync(page, "Coś jeszcze, co pomoże w wizycie (opcjonalnie)", a.AccessNotes);
        }

        await Continue(page).ClickAsync();

        await AtAsync("/zgloszenie/termin", Headings.Times);
        await ChooseAsync(page, "Jak najszybciej");
        await ChooseAsync(page, "Każda pora");
        await Continue(page).ClickAsync();

        await AtAsync("/zgloszenie/sprawdz", Headings.Check);
    }

    /// <summary>On the check page: "Wyślij zgłoszenie", then reads the code from the confirmation (axe on it too).</summary>
    public static async Task<string> SendAsync(IPage page)
    {
        await Button(page, "Wyślij zgłoszenie").ClickAsync();
        await ArriveAsync(page, "/zgloszenie/potwierdzenie", Headings.Confirmation);
        return await ReadCodeAsync(page);
    }

    /// <summary>The code on the confirmation as it is shown ("K7P-4QX-9M"), checked against what a screen reader hears.</summary>
    public static async Task<string> ReadCodeAsync(IPage page)
    {
        var groups = await page.Locator(".reference .reference__group").AllTextContentsAsync();
        var code = string.Join('-', groups.Select(g => g.Trim()));
        Assert.Matches(CodePattern, code);

        // Read aloud character by character, in groups: "K 7 P, 4 Q X, 9 M".
        var spelled = string.Join(", ", groups.Select(g => string.Join(' ', g.Trim().ToCharArray())));
        await Expect(page.Locator(".reference .visually-hidden")).ToHaveTextAsync(spelled);
        return code;
    }

    /// <summary>Looks the request up on /status by pointer and checks the answer a resident reads.</summary>
    public static async Task FindOnStatusPageAsync(IPage page, string code, string lastFour)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Sprawdź status", Exact = true }).ClickAsync();
        await ArriveAsync(page, "/status", Headings.Status);
        await TypeAsync(page, "Numer zgłoszenia", code);
        await TypeAsync(page, "4 ostatnie cyfry numeru telefonu", lastFour);
        await Button(page, "Sprawdź status").ClickAsync();
        await ExpectStatusAsync(page, code);
    }

    /// <summary>The status answer: the code in the h1 and title, the status in words, the timeline with the current step.</summary>
    public static async Task ExpectStatusAsync(IPage page, string code)
    {
        var heading = "Zgłoszenie " + code;
        await Expect(page.Locator("main h1")).ToHaveTextAsync(heading);
        await Expect(page).ToHaveTitleAsync(heading + TitleSuffix);
        await Expect(page.Locator(".status-tag")).ToHaveTextAsync("Zgłoszenie przyjęte");
        var steps = page.Locator("ol.timeline > li");
        await Expect(steps).ToHaveCountAsync(1);
        await Expect(steps.Last).ToHaveAttributeAsync("aria-current", "step");
        await Expect(steps.Last).ToContainTextAsync("Zgłoszenie przyjęte");
        await Axe.CheckAsync(page, "status: " + heading);
    }
}
