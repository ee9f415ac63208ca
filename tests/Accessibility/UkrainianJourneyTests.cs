using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// Ukrainian, the third language (issue 14): a whole request in Ukrainian on the site with JavaScript off and on the kiosk
/// with read-aloud, each page in Ukrainian words with lang="uk" and axe clean; the request remembers its language, so the
/// messages about it are written in Ukrainian.
/// </summary>
public sealed class UkrainianJourneyTests(BrowserFixture browser, KioskAndSiteFixture apps) : IClassFixture<KioskAndSiteFixture>
{
    private const string TitleSuffix = " – Мобільний службовець";

    [Fact]
    public async Task Site_WholeRequestInUkrainian_WithJavaScriptOff_EveryPageInUkrainianAxeClean_MessageInUkrainian()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = apps.Site.BaseAddress.ToString(), Locale = "uk-UA", JavaScriptEnabled = false });
        Axe.MarkScriptless(context);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/zgloszenie");
        await page.GetByRole(AriaRole.Link, new() { Name = "Українська" }).ClickAsync();
        await ArriveAsync(page, "/zgloszenie", "Попросіть, щоб службовець прийшов додому");
        await Button(page, "Почати").ClickAsync();

        await ArriveAsync(page, "/zgloszenie/miejsce-zamieszkania", "Чи проживає людина, до якої має прийти службовець, у гміні: Gmina Przykładowo?");
        await Button(page, "Далі").ClickAsync();
        await ArriveAsync(page, "/zgloszenie/miejsce-zamieszkania", "Чи проживає людина, до якої має прийти службовець, у гміні: Gmina Przykładowo?", error: "Виберіть, чи проживає ця людина в гміні");
        await page.GetByLabel("Так", new() { Exact = true }).CheckAsync();
        await Button(page, "Далі").ClickAsync();

        await ArriveAsync(page, "/zgloszenie/powod", "Чому ця людина не може прийти до уряду?");
        await page.GetByLabel("Через вік").CheckAsync();
        await Button(page, "Далі").ClickAsync();

        await ArriveAsync(page, "/zgloszenie/dla-kogo", "Для кого цей візит?");
        await page.GetByLabel("Для сусіда або сусідки").CheckAsync();
        await Button(page, "Далі").ClickAsync();

        await ArriveAsync(page, "/zgloszenie/sprawa", "У якій справі має прийти службовець?");
        await page.GetByLabel("Wniosek o dowód osobisty").CheckAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Wniosek o dowód osobisty" }).Locator("xpath=ancestor::*[@lang][1]")).ToHaveAttributeAsync("lang", "pl");
        await Button(page, "Далі").ClickAsync();

        await ArriveAsync(page, "/zgloszenie/opis", "Коротко опишіть, що потрібно залагодити");
        await page.GetByRole(AriaRole.Textbox).FillAsync("Потрібне нове посвідчення особи.");
        await Button(page, "Далі").ClickAsync();

        await ArriveAsync(page, "/zgloszenie/mieszkaniec", "Дані людини, до якої прийде службовець");
        await page.GetByLabel("Ім’я та прізвище", new() { Exact = true }).FillAsync("Олена Коваленко");
        await Button(page, "Далі").ClickAsync();

        await ArriveAsync(page, "/zgloszenie/adres", "Адреса, куди має прийти службовець");
        await page.GetByLabel("Вулиця, номер будинку та квартири").FillAsync("Główna 5 m. 3");
        await page.GetByLabel("Поштовий індекс").FillAsync("00950");
        await page.GetByLabel("Населений пункт").FillAsync("Przykładowo");
        await Button(page, "Далі").ClickAsync();

        await ArriveAsync(page, "/zgloszenie/zglaszajacy", "Ваші дані");
        await page.GetByLabel("Ваше ім’я та прізвище").FillAsync("Андрій Шевчук");
        await page.GetByLabel("Ваш номер телефону").FillAsync("+48 601 202 303");
        await page.GetByLabel("Ця людина знає про заявку і погоджується на візит").CheckAsync();
        await Button(page, "Далі").ClickAsync();

        await ArriveAsync(page, "/zgloszenie/kontakt", "Як нам із вами зв’язатися?");
        await page.GetByLabel("Електронною поштою", new() { Exact = true }).CheckAsync();
        await page.GetByLabel(new Regex("^Адреса електронної пошти")).FillAsync("andrij.szewczuk@example.pl");
        await Button(page, "Далі").ClickAsync();

        await ArriveAsync(page, "/zgloszenie/potrzeby", "Чи потрібно щось особливе під час візиту?");
        await Button(page, "Далі").ClickAsync();

        await ArriveAsync(page, "/zgloszenie/termin", "Від коли може бути візит?");
        await page.GetByLabel("Якнайшвидше").CheckAsync();
        await page.GetByLabel("Будь-яка пора").CheckAsync();
        await Button(page, "Далі").ClickAsync();

        await ArriveAsync(page, "/zgloszenie/sprawdz", "Перевірте заявку перед надсиланням");
        await Expect(page.Locator("main")).ToContainTextAsync("Олена Коваленко");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Змінити адресу" })).ToHaveAttributeAsync("href", "/zgloszenie/adres?zmien=1");
        await Button(page, "Надіслати заявку").ClickAsync();

        await ArriveAsync(page, "/zgloszenie/potwierdzenie", "Заявку надіслано");
        var code = string.Join('-', (await page.Locator(".reference .reference__group").AllTextContentsAsync()).Select(g => g.Trim()));
        Assert.Matches(Journey.CodePattern, code);

        await using var db = apps.OpenDatabase();
        var request = await db.VisitRequests.SingleAsync(r => r.TrackingCode == code.Replace("-", string.Empty, StringComparison.Ordinal), TestContext.Current.CancellationToken);
        Assert.Equal("uk", request.Language);
        Assert.Equal("Олена Коваленко", request.ResidentName);
        var message = await db.Outbox.SingleAsync(m => m.VisitRequestId == request.Id, TestContext.Current.CancellationToken);
        Assert.StartsWith("Gmina Przykładowo: ми отримали заявку " + code, message.Body, StringComparison.Ordinal);
        Assert.Equal("Заявку " + code + " прийнято", message.Subject);
    }

    [Fact]
    public async Task Kiosk_WholeRequestInUkrainian_ScreensInUkrainianAxeClean_ReadAloudInTheUkrainianVoice_NextPersonStartsInPolish()
    {
        await using var context = await browser.Browser.NewContextAsync(Kiosk.KeyboardContext(apps.Kiosk.BaseAddress));
        var page = await context.NewPageAsync();
        var spoken = Kiosk.RecordSpeech(page);
        var audio = new ConcurrentQueue<(string Type, int Status)>();
        page.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/api/mowa", StringComparison.Ordinal))
            {
                audio.Enqueue((response.Headers.GetValueOrDefault("content-type", string.Empty), response.Status));
            }
        };

        await page.GotoAsync("/");
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(Journey.Headings.Start);
        await page.GetByRole(AriaRole.Button, new() { Name = "Українська" }).ClickAsync();
        await Screen(page, "Попросіть, щоб службовець прийшов додому");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Українська" })).ToHaveAttributeAsync("aria-pressed", "true");

        // Read aloud: Ukrainian words, in the Ukrainian voice, as audio.
        await page.GetByRole(AriaRole.Button, new() { Name = "Прочитати вголос" }).ClickAsync();
        await ExpectSpokenAsync(spoken, "Попросіть, щоб службовець прийшов додому");
        await ExpectAudioAsync(audio);

        await page.GetByRole(AriaRole.Button, new() { Name = "Почати заявку" }).ClickAsync();
        await Screen(page, "Для кого цей візит?");
        await page.GetByLabel("Для мене").CheckAsync();
        await Next(page);
        await Screen(page, "Чи проживає людина, до якої має прийти службовець, у гміні: Gmina Przykładowo?");
        await page.GetByLabel("Так", new() { Exact = true }).CheckAsync();
        await Next(page);
        await Screen(page, "Чому ця людина не може прийти до уряду?");
        await page.GetByLabel("Через вік").CheckAsync();
        await Next(page);
        await Screen(page, "У якій справі має прийти службовець?");
        await page.GetByLabel("Wniosek o dowód osobisty").CheckAsync();
        await Next(page);
        await Screen(page, "Коротко опишіть, що потрібно залагодити (необов’язково)");
        await Next(page);
        await Screen(page, "Як вас звати?");
        await Next(page);
        await Expect(page.Locator("#ResidentName-error")).ToHaveTextAsync("Помилка: Впишіть ім’я та прізвище");
        await Axe.CheckAsync(page, "кіоск: помилка", enhancedContrast: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Прочитати вголос" }).ClickAsync();
        await ExpectSpokenAsync(spoken, "Виникла проблема: Поле Як вас звати: Впишіть ім’я та прізвище");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Як вас звати?" }).FillAsync("Олена Коваленко");
        await Next(page);
        await Screen(page, "Який у вас номер телефону?");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Який у вас номер телефону?" }).FillAsync("605 432 187");
        await Next(page);
        await Screen(page, "Ваша адреса");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Вулиця, номер будинку та квартири" }).FillAsync("Lipowa 12");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Поштовий індекс" }).FillAsync("00-950");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Населений пункт" }).FillAsync("Przykładowo");
        await Next(page);
        await Screen(page, "Як нам із вами зв’язатися?");
        await page.GetByLabel("Телефоном").CheckAsync();
        await Next(page);
        await Screen(page, "Чи потрібно щось особливе під час візиту? (необов’язково)");
        await Next(page);
        await Screen(page, "Від коли може бути візит?");
        await page.GetByLabel("Якнайшвидше").CheckAsync();
        await Next(page);
        await Screen(page, "Яка пора дня підходить?");
        await page.GetByLabel("Будь-яка пора").CheckAsync();
        await Next(page);
        await Screen(page, "Перевірте заявку перед надсиланням");
        await page.GetByRole(AriaRole.Button, new() { Name = "Надіслати заявку" }).ClickAsync();

        await Screen(page, "Заявку надіслано");
        var code = string.Concat((await page.Locator(".reference__group").AllInnerTextsAsync()).Select(g => g.Trim()));
        var spelled = string.Join(", ", TrackingCode.Groups(code).Select(g => string.Join(' ', g.ToCharArray())));
        await ExpectSpokenAsync(spoken, "Номер заявки: " + spelled);
        Assert.DoesNotContain(audio, a => a.Status != 200);

        await using (var db = apps.OpenDatabase())
        {
            var request = await db.VisitRequests.SingleAsync(r => r.TrackingCode == code, TestContext.Current.CancellationToken);
            Assert.Equal("uk", request.Language);
            Assert.Equal(RequestChannel.Kiosk, request.Channel);
        }

        // "Завершити" wipes the visit, its language too: the next person starts in Polish.
        await page.GetByRole(AriaRole.Button, new() { Name = "Завершити" }).ClickAsync();
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(Journey.Headings.Start);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "pl");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "mu_kiosk_jezyk");
    }

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static Task Next(IPage page) => Button(page, "Далі").ClickAsync();

    /// <summary>A site page in Ukrainian: its address, h1 and title, lang="uk", axe clean (and the error state when given).</summary>
    private static async Task ArriveAsync(IPage page, string path, string heading, string? error = null)
    {
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + @"(\?.*)?$"));
        await Expect(page.Locator("main h1")).ToContainTextAsync(heading);
        await Expect(page).ToHaveTitleAsync((error is null ? string.Empty : "Помилка: ") + heading + TitleSuffix);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "uk");
        if (error is not null)
        {
            await Expect(page.Locator("[data-error-summary]")).ToContainTextAsync(error);
        }

        await Axe.CheckAsync(page, "українською: " + heading + (error is null ? string.Empty : " (помилка)"));
    }

    /// <summary>A kiosk screen in Ukrainian: its h1, lang="uk", axe clean at the kiosk's contrast.</summary>
    private static async Task Screen(IPage page, string heading)
    {
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(heading);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "uk");
        await Axe.CheckAsync(page, "кіоск: " + heading, enhancedContrast: true);
    }

    private static async Task ExpectSpokenAsync(ConcurrentQueue<string> spoken, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!spoken.Any(s => s.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Nothing spoken contained \"{text}\". Spoken: {string.Join(" | ", spoken)}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static async Task ExpectAudioAsync(ConcurrentQueue<(string Type, int Status)> audio)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!audio.Any(a => a.Status == 200 && a.Type.StartsWith("audio/wav", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "No audio came back: " + string.Join(" | ", audio));
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
