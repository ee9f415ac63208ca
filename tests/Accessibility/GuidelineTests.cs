using System.Text.Json;
using System.Text.RegularExpressions;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// The rows of ACCESSIBILITY.md that need a browser: each test names its row. Journeys, error
/// states and axe on every state are in the journey tests; this class checks what axe cannot.
/// </summary>
public sealed class GuidelineTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    private static readonly string[] InfoPages = ["/", "/status", "/wyglad", "/zgloszenie", "/deklaracja-dostepnosci", "/latwy-tekst", "/jezyk-migowy", "/prywatnosc", UnknownStopLink];

    // The stop page as anyone may open it: a link that is not (or no longer) valid.
    private const string UnknownStopLink = "/powiadomienia/stop/nieznanylink2345";

    // G02: <html lang> follows the language the visitor chose; the switch itself is marked in its own language.
    [Fact]
    public async Task G02_LanguageSwitch_ChangesHtmlLangAndText()
    {
        await Page.GotoAsync("/status");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "pl");
        var english = Page.GetByRole(AriaRole.Link, new() { Name = "English" });
        await Expect(english).ToHaveAttributeAsync("lang", "en");

        await english.ClickAsync();

        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Check the status of a request");
        await Expect(Page).ToHaveURLAsync(new Regex("/status$"));
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Polski" })).ToHaveAttributeAsync("lang", "pl");
        await Axe.CheckAsync(Page, "status page in English");
    }

    // G02: on an English page, what the office typed in Polish (phone hours, the office's name and address) is marked
    // lang="pl", so a screen reader pronounces it as Polish (the audit found it unmarked).
    [Fact]
    public async Task G02_EnglishPages_MarkThePolishDataTheOfficeTyped()
    {
        await Page.GotoAsync("/status");
        await Page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(Page.Locator("main p", new() { HasText = "No request number?" }).Locator("span[lang='pl']")).ToHaveCountAsync(1);

        await Page.GotoAsync("/");
        await Expect(Page.Locator("main li", new() { HasText = "By phone:" }).Locator("span[lang='pl']")).ToHaveCountAsync(1);
        await Expect(Page.Locator("main li", new() { HasText = "In person" }).Locator("span[lang='pl']")).ToHaveCountAsync(2);
        await Axe.CheckAsync(Page, "home page in English");

        // On a Polish page nothing needs marking.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Polski" }).ClickAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "pl");
        await Expect(Page.Locator("main span[lang='pl']")).ToHaveCountAsync(0);
    }

    // G03: every step has its own title "Pytanie – Mobilny Urzędnik"; an error state starts with "Błąd: ".
    [Fact]
    public async Task G03_EveryStep_HasAUniqueTitleAndErrorsArePrefixed()
    {
        var titles = new List<string>();
        await Journey.WalkToCheckAsync(Page, JourneyAnswers.ForNeighbour, axe: false, atEachQuestion: async slug =>
        {
            var title = await Page.TitleAsync();
            Assert.EndsWith(" – Mobilny Urzędnik", title);
            Assert.DoesNotContain("Błąd", title);
            titles.Add(title);
            if (slug is not ("opis" or "potrzeby"))
            {
                await Page.GetByRole(AriaRole.Button, new() { Name = "Dalej" }).ClickAsync();
                await Expect(Page).ToHaveTitleAsync("Błąd: " + title);
            }
        });
        titles.Add(await Page.TitleAsync());

        Assert.Equal(Journey.QuestionPages.Count + 1, titles.Count);
        Assert.Equal(titles.Count, titles.Distinct().Count());
    }

    // G04: one h1; banner, navigation, main and contentinfo landmarks; the skip link is the first Tab stop and lands in main.
    [Theory]
    [MemberData(nameof(Pages))]
    public async Task G04_SkipLink_IsFirstTabStopAndMovesFocusIntoMain(string path)
    {
        await Page.GotoAsync(path);
        await Expect(Page.Locator("h1")).ToHaveCountAsync(1);
        await Expect(Page.GetByRole(AriaRole.Banner)).ToHaveCountAsync(1);
        await Expect(Page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
        await Expect(Page.GetByRole(AriaRole.Contentinfo)).ToHaveCountAsync(1);
        await Expect(Page.GetByRole(AriaRole.Navigation)).ToHaveCountAsync(1);

        await Page.Keyboard.PressAsync("Tab");
        var skip = Page.GetByRole(AriaRole.Link, new() { Name = "Przejdź do treści" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeVisibleAsync();

        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("main")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Tab");
        Assert.True(await Page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"), "After the skip link, Tab continues inside main.");
    }

    public static TheoryData<string> Pages() => new(InfoPages);

    // G05: borders of inputs and the focus ring reach 3:1 against the page (text contrast is axe's color-contrast rule).
    [Fact]
    public async Task G05_InputBordersAndFocusRing_HaveAtLeast3To1Contrast()
    {
        await Page.GotoAsync("/status");
        var input = Page.GetByLabel("Numer zgłoszenia");
        var border = await Page.EvaluateAsync<double>(ContrastScript, new { selector = "#numer", property = "border-top-color" });
        Assert.True(border >= 3, $"Input border contrast {border:0.00}:1 is below 3:1.");

        await input.FocusAsync();
        await Page.Keyboard.PressAsync("Shift+Tab");
        await Page.Keyboard.PressAsync("Tab");
        var outline = await Page.EvaluateAsync<double>(ContrastScript, new { selector = "#numer", property = "outline-color" });
        Assert.True(outline >= 3, $"Focus outline contrast {outline:0.00}:1 is below 3:1.");
    }

    // G05 in the high-contrast theme: a focused link in the header keeps 7:1 on the focus colour (the audit found yellow
    // text on cyan, 1.17:1, because the theme's link colour outranked the focus style).
    [Fact]
    public async Task G05_HighContrast_FocusedHeaderLinks_KeepTheirContrast()
    {
        await Page.GotoAsync("/wyglad?powrot=%2Fstatus");
        await Journey.ChooseAsync(Page, "Wysoki kontrast: jasny tekst na czarnym tle");
        await Journey.Button(Page, "Zapisz wybór").ClickAsync();
        await Expect(Page.Locator("html")).ToHaveClassAsync(new Regex(@"\bcontrast-high\b"));
        await Page.GotoAsync("/status");

        var (low, measured) = await FocusContrast.BelowAsync(Page, "header", 7);
        Assert.True(measured >= 3, $"Only {measured} focusable elements in the header were reached with Tab.");
        Assert.True(low.Count == 0, "Focused header links below 7:1 in high contrast: " + string.Join("; ", low));
    }

    // G06: 200 % text (root font size) on every page of the journey, nothing clipped, no horizontal scroll.
    // G07: reflow at 320 × 640 CSS px with no horizontal scrolling, on every page of the journey.
    // G08: the WCAG 1.4.12 text-spacing overrides lose nothing.
    [Fact]
    public async Task G06_G07_G08_EveryJourneyPage_ReflowsAt320pxAndHolds200PercentTextAndTextSpacing()
    {
        var problems = new List<string>();
        async Task CheckAsync(string label)
        {
            await Page.SetViewportSizeAsync(320, 640);
            problems.AddRange(await LayoutProblemsAsync($"{label} @320px"));
            await Page.SetViewportSizeAsync(1280, 900);
            await Page.EvaluateAsync("() => document.documentElement.style.fontSize = '200%'");
            problems.AddRange(await LayoutProblemsAsync($"{label} @200% text"));
            await Page.EvaluateAsync("() => document.documentElement.style.fontSize = ''");
            await Page.EvaluateAsync("css => { const s = document.createElement('style'); s.dataset.textSpacing = ''; s.textContent = css; document.head.appendChild(s); }", TextSpacingCss);
            await Page.SetViewportSizeAsync(320, 640);
            problems.AddRange(await LayoutProblemsAsync($"{label} with text spacing"));
            await Page.EvaluateAsync("() => document.querySelectorAll('style[data-text-spacing]').forEach(s => s.remove())");
            await Page.SetViewportSizeAsync(1280, 900);
        }

        foreach (var path in InfoPages)
        {
            await Page.GotoAsync(path);
            await CheckAsync(path);
        }

        await Journey.WalkToCheckAsync(Page, JourneyAnswers.ForNeighbour, axe: false, atEachQuestion: async slug =>
        {
            await CheckAsync(slug);
            if (slug is not ("opis" or "potrzeby"))
            {
                await Page.GetByRole(AriaRole.Button, new() { Name = "Dalej" }).ClickAsync();
                await Expect(Page).ToHaveTitleAsync(new Regex("^Błąd: "));
                await CheckAsync(slug + " (errors)");
            }
        });
        await CheckAsync("sprawdz");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Wyślij zgłoszenie" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/zgloszenie/potwierdzenie$"));
        await CheckAsync("potwierdzenie");

        // The sign-up form on the confirmation in its error state and with its notice, and the stop page of its message.
        await Journey.ChooseAsync(Page, "SMS-em");
        await Journey.TypeAsync(Page, Subscribe.AddressLabel, "600 100");
        await Journey.Button(Page, Subscribe.Button).ClickAsync();
        await Expect(Page).ToHaveTitleAsync(new Regex("^Błąd: "));
        await CheckAsync("potwierdzenie (błąd zapisu na wiadomości)");
        await Journey.TypeAsync(Page, Subscribe.AddressLabel, "601 234 567");
        await Journey.Button(Page, Subscribe.Button).ClickAsync();
        await Expect(Subscribe.Notice(Page)).ToBeVisibleAsync();
        await CheckAsync("potwierdzenie (zapisano na wiadomości)");
        await Page.GotoAsync(await Subscribe.ConfirmPathFromMessageAsync(Site, "+48601234567"));
        await Expect(Journey.Button(Page, Subscribe.ConfirmButton)).ToBeVisibleAsync();
        await CheckAsync("potwierdzenie wiadomości");
        await Page.GotoAsync(await Subscribe.RemovalPathAsync(Site, "+48601234567"));
        await Expect(Journey.Button(Page, Subscribe.RemoveButton)).ToBeVisibleAsync();
        await CheckAsync("usunięcie z wiadomości");
        await Page.GotoAsync(await Subscribe.StopPathAsync(Site, "+48601234567"));
        await Expect(Journey.Button(Page, Subscribe.StopButton)).ToBeVisibleAsync();
        await CheckAsync("stop");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    // G10: focus is visible: an outline of at least 2 px appears on focus, and it survives forced colours.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task G10_FocusedControls_ShowAnOutlineOfAtLeast2px(bool forcedColours)
    {
        await Page.EmulateMediaAsync(new() { ForcedColors = forcedColours ? ForcedColors.Active : ForcedColors.None });
        await Page.GotoAsync("/status");
        var seen = new HashSet<string>();
        for (var i = 0; i < 12; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            var state = await Page.EvaluateAsync<JsonElement>("""
                () => {
                    const el = document.activeElement;
                    const focused = getComputedStyle(el);
                    const kind = el.tagName + (el.type ? ':' + el.type : '');
                    return { kind, style: focused.outlineStyle, width: parseFloat(focused.outlineWidth) || 0 };
                }
                """);
            var kind = state.GetProperty("kind").GetString()!;
            Assert.True(state.GetProperty("style").GetString() != "none" && state.GetProperty("width").GetDouble() >= 2,
                $"{kind} has no visible focus outline (forced colours: {forcedColours}).");
            seen.Add(kind);
        }

        // Not focused: no outline, so the ring is a real change.
        await Page.Locator("body").ClickAsync(new() { Position = new() { X = 5, Y = 400 } });
        var unfocused = await Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('#numer')).outlineStyle");
        Assert.Equal("none", unfocused);
        Assert.Contains("A", seen);
        Assert.Contains("INPUT:text", seen);
        Assert.Contains("BUTTON:submit", seen);
    }

    // G11: the focused element is never covered (no sticky bar hides it): the point at its centre hits it.
    [Fact]
    public async Task G11_EveryFocusStopOnTheCheckPage_IsNotCovered()
    {
        await Journey.WalkToCheckAsync(Page, JourneyAnswers.ForNeighbour, axe: false);
        await Page.SetViewportSizeAsync(320, 640);
        var stops = await Page.EvaluateAsync<int>("() => document.querySelectorAll('a[href], button, input').length");
        for (var i = 0; i < stops; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            var covered = await Page.EvaluateAsync<string?>("""
                () => {
                    const el = document.activeElement;
                    if (el === document.body || el.closest('.skip-link')) return null;
                    const r = el.getBoundingClientRect();
                    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 10));
                    return hit && (el === hit || el.contains(hit) || hit.contains(el)) ? null : el.outerHTML.slice(0, 120);
                }
                """);
            Assert.Null(covered);
        }
    }

    // G12: buttons, inputs and links that stand alone are at least 44 × 44 CSS px (links inside a sentence are exempt).
    [Fact]
    public async Task G12_TargetsOnEveryJourneyPage_AreAtLeast44px()
    {
        var small = new List<string>();
        async Task MeasureAsync(string label)
        {
            var found = await Page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('a[href], button, input:not([type=hidden]), textarea')]
                    .filter(el => el.offsetParent !== null && !el.closest('.skip-link, dialog'))
                    .filter(el => {
                        if (el.tagName !== 'A') return true;
                        // A link inside a sentence (its block has other text) is exempt (WCAG 2.5.8 "inline").
                        const block = el.closest('p, li, dd, div');
                        return !block || block.textContent.trim() === el.textContent.trim();
                    })
                    .map(el => {
                        let r = el.getBoundingClientRect();
                        const label = el.labels && el.labels[0];
                        const w = Math.round(r.width), h = Math.round(r.height);
                        return w < 44 || h < 44 ? `${el.tagName}#${el.id} "${(el.textContent || el.value || '').trim().slice(0, 30)}" ${w}x${h}` : null;
                    })
                    .filter(x => x)
                """);
            small.AddRange(found.Select(f => $"{label}: {f}"));
        }

        foreach (var path in new[] { "/", "/status", "/wyglad", "/zgloszenie", UnknownStopLink })
        {
            await Page.GotoAsync(path);
            await MeasureAsync(path);
        }

        await Journey.WalkToCheckAsync(Page, JourneyAnswers.ForNeighbour, MeasureAsync, axe: false);
        await MeasureAsync("sprawdz");

        // The confirmation with its sign-up form, and the stop page's button.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Wyślij zgłoszenie" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/zgloszenie/potwierdzenie$"));
        await MeasureAsync("potwierdzenie");
        await Journey.ChooseAsync(Page, "E-mailem");
        await Journey.TypeAsync(Page, Subscribe.AddressLabel, "cel.dotyku@example.pl");
        await Journey.Button(Page, Subscribe.Button).ClickAsync();
        await Expect(Subscribe.Notice(Page)).ToBeVisibleAsync();
        await Page.GotoAsync(await Subscribe.ConfirmPathFromMessageAsync(Site, "cel.dotyku@example.pl"));
        await MeasureAsync("potwierdzenie wiadomości");
        await Page.GotoAsync(await Subscribe.RemovalPathAsync(Site, "cel.dotyku@example.pl"));
        await MeasureAsync("usunięcie z wiadomości");
        await Page.GotoAsync(await Subscribe.StopPathAsync(Site, "cel.dotyku@example.pl"));
        await MeasureAsync("stop");
        Assert.True(small.Count == 0, string.Join(Environment.NewLine, small));
    }

    // G13: every control's accessible name contains its visible label ("Zmień" → "Zmień adres").
    [Fact]
    public async Task G13_AccessibleNames_ContainTheVisibleLabel()
    {
        var failures = new List<string>();
        async Task RunAsync(string label)
        {
            var result = await Axe.RunRulesAsync(Page, "label-content-name-mismatch", "label", "button-name", "link-name");
            failures.AddRange(result.Violations.SelectMany(v => v.Nodes.Select(n => $"{label}: {v.Id} {n.Html}")));
            Assert.Contains("label-content-name-mismatch", result.Ran);
        }

        await Journey.WalkToCheckAsync(Page, JourneyAnswers.ForNeighbour, RunAsync, axe: false);
        await RunAsync("sprawdz");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        var changeNames = await Page.Locator(".summary-list__actions a").EvaluateAllAsync<string[]>("els => els.map(e => e.textContent.replace(/\\s+/g, ' ').trim())");
        Assert.All(changeNames, n => Assert.StartsWith("Zmień ", n));
        Assert.Contains("Zmień adres", changeNames);
    }

    // G14: "Potrzebujesz pomocy?" sits in the same place in the DOM on every page.
    [Fact]
    public async Task G14_HelpBlock_IsInTheSamePlaceOnEveryPage()
    {
        var positions = new Dictionary<string, string>();
        async Task RecordAsync(string label)
        {
            positions[label] = await Page.EvaluateAsync<string>("""
                () => {
                    const help = document.querySelector('aside.help-block');
                    if (!help) return 'missing';
                    const path = [];
                    for (let el = help; el && el !== document.body; el = el.parentElement) {
                        path.unshift(el.tagName + ':' + [...el.parentElement.children].indexOf(el));
                    }
                    const prev = help.previousElementSibling, next = help.parentElement.nextElementSibling;
                    return path.join('>') + ' after ' + (prev && prev.tagName) + ' before ' + (next && next.tagName) + ' / ' + help.querySelector('h2').textContent;
                }
                """);
        }

        foreach (var path in InfoPages)
        {
            await Page.GotoAsync(path);
            await RecordAsync(path);
        }

        await Journey.WalkToCheckAsync(Page, JourneyAnswers.ForNeighbour, RecordAsync, axe: false);
        Assert.Single(positions.Values.Distinct());
        Assert.Contains("after MAIN before FOOTER / Potrzebujesz pomocy?", positions.Values.First());
    }

    // F05: forgiving input: "+48 601-202-303", "00950" and a lower-case, spaced tracking code are all accepted.
    // F08: "Zmień" returns to the question with the answer filled in, and "Dalej" comes back to check answers.
    [Fact]
    public async Task F05_F08_ForgivingInputAndChangeLinks_ReturnToCheckAnswers()
    {
        await Journey.WalkToCheckAsync(Page, JourneyAnswers.ForNeighbour, axe: false);
        var answers = Page.Locator("main");
        await Expect(answers).ToContainTextAsync("00-950 Przykładowo");
        await Expect(answers).ToContainTextAsync("601 202 303");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Zmień adres" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/zgloszenie/adres\?zmien=1$"));
        await Expect(Page.GetByLabel("Kod pocztowy")).ToHaveValueAsync("00950");
        await Expect(Page.GetByLabel("Ulica, numer domu i mieszkania")).ToHaveValueAsync("Główna 5 m. 3");
        await Page.GetByLabel("Ulica, numer domu i mieszkania").FillAsync("Polna 12");
        await Journey.ContinueAsync(Page);

        await Expect(Page).ToHaveURLAsync(new Regex("/zgloszenie/sprawdz$"));
        await Expect(answers).ToContainTextAsync("Polna 12");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Wyślij zgłoszenie" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/zgloszenie/potwierdzenie$"));
        var code = string.Concat(await Page.Locator(".reference__group").AllTextContentsAsync());

        await Page.GotoAsync("/status");
        await Page.GetByLabel("Numer zgłoszenia").FillAsync($" {code[..3].ToLowerInvariant()} {code[3..6].ToLowerInvariant()} {code[6..].ToLowerInvariant()} ");
        await Page.GetByLabel("4 ostatnie cyfry numeru telefonu").FillAsync(SubmitterLastFour);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sprawdź status" }).ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync($"Zgłoszenie {code[..3]}-{code[3..6]}-{code[6..]}");
    }

    private static string SubmitterLastFour => new string(JourneyAnswers.ForNeighbour.SubmitterPhone.Where(char.IsAsciiDigit).ToArray())[^4..];

    // F06: autocomplete tokens when filing for oneself; none offered for another person's details.
    [Fact]
    public async Task F06_AutocompleteTokens_AreCorrectForOneselfAndOffForSomeoneElse()
    {
        var tokens = new Dictionary<string, string?>();
        await Journey.WalkToCheckAsync(Page, new JourneyAnswers(), axe: false, atEachQuestion: async slug =>
        {
            foreach (var id in new[] { "ResidentName", "ResidentPhone", "Street", "PostalCode", "Town", "ContactEmail" })
            {
                var field = Page.Locator($"#{id}");
                if (await field.CountAsync() == 1)
                {
                    tokens[id] = await field.GetAttributeAsync("autocomplete");
                }
            }
        });

        Assert.Equal("name", tokens["ResidentName"]);
        Assert.Equal("tel", tokens["ResidentPhone"]);
        Assert.Equal("street-address", tokens["Street"]);
        Assert.Equal("postal-code", tokens["PostalCode"]);
        Assert.Equal("address-level2", tokens["Town"]);
        Assert.Equal("email", tokens["ContactEmail"]);

        await Context.ClearCookiesAsync();
        await Journey.WalkToCheckAsync(Page, JourneyAnswers.ForNeighbour, axe: false, atEachQuestion: async slug =>
        {
            if (slug == "adres")
            {
                await Expect(Page.GetByLabel("Kod pocztowy")).ToHaveAttributeAsync("autocomplete", "off");
            }

            if (slug == "zglaszajacy")
            {
                await Expect(Page.GetByLabel("Twoje imię i nazwisko")).ToHaveAttributeAsync("autocomplete", "name");
                await Expect(Page.GetByLabel("Twój numer telefonu")).ToHaveAttributeAsync("autocomplete", "tel");
            }
        });
    }

    // S01: the look-up asks no puzzle and lets people paste the code and the digits.
    [Fact]
    public async Task S01_StatusFields_AcceptPasteAndAskNoPuzzle()
    {
        await Page.GotoAsync("/status");
        foreach (var id in new[] { "numer", "cyfry" })
        {
            var blocked = await Page.EvaluateAsync<bool>("""
                id => {
                    const el = document.getElementById(id);
                    const data = new DataTransfer();
                    data.setData('text/plain', 'K7P-4QX-9M');
                    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
                    return !el.dispatchEvent(event) || el.hasAttribute('onpaste') || el.readOnly;
                }
                """, id);
            Assert.False(blocked, $"Pasting into #{id} is blocked.");
        }

        await Expect(Page.Locator("form input:not([type=hidden])")).ToHaveCountAsync(2);
        await Expect(Page.Locator("iframe, [class*=captcha], [id*=captcha]")).ToHaveCountAsync(0);
    }

    // L01: the accessibility statement carries the statutory a11y-* ids once each, the meta tag points to it,
    // and every page's footer links to it. L02: easy-read and sign-language pages are linked from every page.
    [Fact]
    public async Task L01_L02_StatementIdsAndFooterLinks_ArePresentOnEveryPage()
    {
        foreach (var path in InfoPages)
        {
            await Page.GotoAsync(path);
            var footer = Page.GetByRole(AriaRole.Contentinfo);
            await Expect(footer.GetByRole(AriaRole.Link, new() { Name = "Deklaracja dostępności" })).ToHaveAttributeAsync("href", "/deklaracja-dostepnosci");
            await Expect(footer.GetByRole(AriaRole.Link, new() { Name = "Tekst łatwy do czytania" })).ToHaveAttributeAsync("href", "/latwy-tekst");
            await Expect(footer.GetByRole(AriaRole.Link, new() { Name = "Polski język migowy" })).ToHaveAttributeAsync("href", "/jezyk-migowy");
            await Expect(Page.Locator("meta[name='deklaracja-dostępności']")).ToHaveAttributeAsync("content", new Regex("/deklaracja-dostepnosci$"));
        }

        await Page.GotoAsync("/deklaracja-dostepnosci");
        foreach (var id in StatementIds)
        {
            await Expect(Page.Locator($"[id='{id}']")).ToHaveCountAsync(1);
        }

        // Honest while gaps are known (the audit found "zgodna" over open defects): partly compliant, the gaps listed, the
        // library kiosk covered.
        await Expect(Page.Locator("#a11y-status")).ToContainTextAsync("jest częściowo zgodna z ustawą");
        await Expect(Page.Locator("#a11y-status")).ToContainTextAsync("z powodu niezgodności wymienionych poniżej");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Treści niedostępne" })).ToBeVisibleAsync();
        Assert.True(await Page.Locator("#a11y-niedostepne li").CountAsync() >= 1);
        await Expect(Page.Locator("#a11y-kiosk")).ToContainTextAsync("kiosk");
        await Axe.CheckAsync(Page, "deklaracja dostępności");

        // Dates: <time datetime="YYYY-MM-DD"> for machines, written out in words for people.
        foreach (var id in new[] { "a11y-data-publikacja", "a11y-data-aktualizacja", "a11y-data-sporzadzenie" })
        {
            var date = Page.Locator($"time#{id}");
            await Expect(date).ToHaveAttributeAsync("datetime", new Regex(@"^\d{4}-\d{2}-\d{2}$"));
            await Expect(date).ToHaveTextAsync(new Regex(@"^\d{1,2} \S+ \d{4}$"));
        }
    }

    private static readonly string[] StatementIds =
    [
        "a11y-wstep", "a11y-podmiot", "a11y-zakres", "a11y-url", "a11y-data-publikacja", "a11y-data-aktualizacja", "a11y-status",
        "a11y-data-sporzadzenie", "a11y-kontakt", "a11y-osoba", "a11y-email", "a11y-telefon", "a11y-procedura",
        "a11y-architektura", "a11y-aplikacje", "a11y-komunikacja",
    ];

    private const string TextSpacingCss =
        "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }";

    private async Task<string[]> LayoutProblemsAsync(string label) => (await Page.EvaluateAsync<string[]>("""
        () => {
            const problems = [];
            if (document.documentElement.scrollWidth > window.innerWidth) {
                problems.push(`horizontal scroll: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
            }
            for (const el of document.querySelectorAll('main *, header *, footer *, aside *')) {
                if (el.closest('.visually-hidden, dialog, .skip-link, [hidden]')) continue;
                const cs = getComputedStyle(el);
                if (cs.display === 'none') continue;
                const clipsX = ['hidden', 'clip'].includes(cs.overflowX) && el.scrollWidth > el.clientWidth + 1;
                const clipsY = ['hidden', 'clip'].includes(cs.overflowY) && el.scrollHeight > el.clientHeight + 1;
                if (clipsX || clipsY) problems.push(`clipped: ${el.tagName}.${el.className}`);
            }
            return problems;
        }
        """)).Select(p => $"{label}: {p}").ToArray();

    // The contrast of a colour property of an element against the nearest opaque background behind it.
    private const string ContrastScript = """
        ({ selector, property }) => {
            const parse = c => { const m = c.match(/[\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }; };
            const lum = ({ r, g, b }) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
            const el = document.querySelector(selector);
            let bgEl = el.parentElement, bg = parse(getComputedStyle(bgEl).backgroundColor);
            while (bg.a === 0 && bgEl.parentElement) { bgEl = bgEl.parentElement; bg = parse(getComputedStyle(bgEl).backgroundColor); }
            if (bg.a === 0) bg = { r: 255, g: 255, b: 255, a: 1 };
            const fg = parse(getComputedStyle(el)[property.replace(/-([a-z])/g, (_, c) => c.toUpperCase())]);
            const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
            return (a + 0.05) / (b + 0.05);
        }
        """;
}
