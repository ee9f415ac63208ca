namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// Walks the request journey with valid answers, by clicking, and lets a test look at every page on
/// the way (before it is answered). Not a page object: just the answers, in the order they are asked.
/// </summary>
internal static class JourneyWalk
{
    public const string ResidentPhone = "600 100 200";
    public const string SubmitterPhone = "+48 601-202-303";

    /// <summary>
    /// Starts a new request and answers every question up to the check page.
    /// <paramref name="atEachPage"/> runs on each question page before it is answered.
    /// </summary>
    public static async Task ToCheckPageAsync(IPage page, bool forSomeoneElse, Func<string, Task>? atEachPage = null)
    {
        atEachPage ??= _ => Task.CompletedTask;
        await page.GotoAsync("/zgloszenie");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rozpocznij" }).ClickAsync();

        await StepAsync(page, "miejsce-zamieszkania", atEachPage, () => Radio(page, "Tak"));
        await StepAsync(page, "powod", atEachPage, () => Radio(page, "Ze względu na wiek"));
        await StepAsync(page, "dla-kogo", atEachPage, () => Radio(page, forSomeoneElse ? "Dla sąsiada lub sąsiadki" : "Dla mnie"));
        await StepAsync(page, "sprawa", atEachPage, () => Radio(page, "Wniosek o dowód osobisty"));
        await StepAsync(page, "opis", atEachPage, () => page.GetByRole(AriaRole.Textbox).FillAsync("Potrzebny nowy dowód osobisty, stary stracił ważność w maju."));
        await StepAsync(page, "mieszkaniec", atEachPage, async () =>
        {
            await page.GetByLabel("Imię i nazwisko", new() { Exact = true }).FillAsync("Zofia Łęcka");
            await page.GetByRole(AriaRole.Textbox, new() { NameRegex = new("^Numer telefonu") }).FillAsync(forSomeoneElse ? string.Empty : ResidentPhone);
        });
        await StepAsync(page, "adres", atEachPage, async () =>
        {
            await page.GetByLabel("Ulica, numer domu i mieszkania").FillAsync("Główna 5 m. 3");
            await page.GetByLabel("Kod pocztowy").FillAsync("00950");
            await page.GetByLabel("Miejscowość").FillAsync("Przykładowo");
        });
        if (forSomeoneElse)
        {
            await StepAsync(page, "zglaszajacy", atEachPage, async () =>
            {
                await page.GetByLabel("Twoje imię i nazwisko").FillAsync("Piotr Nowak");
                await page.GetByLabel("Twój numer telefonu").FillAsync(SubmitterPhone);
                await page.GetByLabel("Ta osoba wie o zgłoszeniu i zgadza się na wizytę").CheckAsync();
            });
        }

        await StepAsync(page, "kontakt", atEachPage, () => Radio(page, "Telefonicznie"));
        await StepAsync(page, "potrzeby", atEachPage, () => Task.CompletedTask);
        await StepAsync(page, "termin", atEachPage, async () =>
        {
            await Radio(page, "Jak najszybciej");
            await Radio(page, "Każda pora");
        });
        await page.WaitForURLAsync("**/zgloszenie/sprawdz");
    }

    /// <summary>The question pages, in order, for a request filed for someone else.</summary>
    public static readonly string[] QuestionPages =
    [
        "miejsce-zamieszkania", "powod", "dla-kogo", "sprawa", "opis", "mieszkaniec", "adres", "zglaszajacy", "kontakt", "potrzeby", "termin",
    ];

    /// <summary>Clicks "Dalej" and waits for the next address.</summary>
    public static async Task ContinueAsync(IPage page)
    {
        var before = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "Dalej" }).ClickAsync();
        await page.WaitForURLAsync(url => url != before);
    }

    private static async Task StepAsync(IPage page, string slug, Func<string, Task> atEachPage, Func<Task> answer)
    {
        await page.WaitForURLAsync($"**/zgloszenie/{slug}");
        await atEachPage(slug);
        await answer();
        await ContinueAsync(page);
    }

    private static Task Radio(IPage page, string label) => page.GetByLabel(label, new() { Exact = true }).CheckAsync();
}
