using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// One definition, three front ends (issue 14): walking Core's question definitions, the public site, the kiosk and phone
/// intake each ask exactly those questions, in their order, in the definition's words.
/// </summary>
public sealed class OneJourneyTests(BrowserFixture browser, KioskAndSiteFixture apps) : IClassFixture<KioskAndSiteFixture>
{
    [Fact]
    public async Task PublicSite_ForSomeoneElse_EveryPageAsksItsStepsQuestionsInTheDefinitionsOrder()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = apps.Site.BaseAddress.ToString(), Locale = "pl-PL" });
        var page = await context.NewPageAsync();
        var asked = new List<string[]>();
        await Journey.WalkToCheckAsync(page, JourneyAnswers.ForNeighbour, axe: false, atEachQuestion: async _ => asked.Add(await QuestionsOnAsync(page)));

        var neighbour = new RequestAnswers { Relation = nameof(SubmitterRelation.Neighbour) };
        Assert.Equal(Expected(JourneyOrder.Web, neighbour), asked);
    }

    [Fact]
    public async Task Kiosk_ForOneself_EveryScreenAsksItsQuestionsInTheKiosksOrder_ForWhomFirst()
    {
        await using var context = await browser.Browser.NewContextAsync(Kiosk.KeyboardContext(apps.Kiosk.BaseAddress));
        var page = await context.NewPageAsync();
        var asked = new List<string[]>();
        await KioskWalk.FileForSelfAsync(page, async heading =>
        {
            if (heading is not ("start" or "receipt" or Kiosk.Check))
            {
                asked.Add(await QuestionsOnAsync(page));
            }
        });

        var self = new RequestAnswers { Relation = nameof(SubmitterRelation.Self) };
        Assert.Equal(Expected(JourneyOrder.Kiosk, self), asked);
        Assert.Equal([nameof(RequestAnswers.Relation)], asked[0]);
    }

    [Fact]
    public async Task PhoneIntake_AsksEveryQuestionInTheSitesOrderInTheDefinitionsWords_TheSubmittersOnceForSomeoneElse()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = apps.Site.BaseAddress.ToString(), Locale = "pl-PL" });
        var page = await context.NewPageAsync();
        await Staff.SignInAsync(page, Staff.Coordinator);
        await page.GotoAsync("/panel/zgloszenia/nowe");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Nowe zgłoszenie z telefonu lub e-maila");

        var answers = new RequestAnswers { Relation = nameof(SubmitterRelation.Self) };
        await Expect(page.Locator("[data-question]")).ToHaveCountAsync(JourneyQuestions.All.Count(q => RequestJourney.Applies(q.Step, answers)));
        Assert.Equal(JourneyQuestions.All.Where(q => RequestJourney.Applies(q.Step, answers)).Select(q => q.Id), await QuestionsOnAsync(page));
        await ExpectDefinitionsWordsAsync(page, answers);

        await page.GetByRole(AriaRole.Radio, new() { Name = "Dla sąsiada lub sąsiadki" }).CheckAsync();
        answers.Relation = nameof(SubmitterRelation.Neighbour);
        await Expect(page.Locator("[data-question]")).ToHaveCountAsync(JourneyQuestions.All.Count);
        Assert.Equal(JourneyQuestions.All.Select(q => q.Id), await QuestionsOnAsync(page));
        await ExpectDefinitionsWordsAsync(page, answers);
    }

    /// <summary>The pages of <paramref name="order"/> that apply, each as its questions' ids.</summary>
    private static List<string[]> Expected(JourneyOrder order, RequestAnswers answers) =>
        [.. order.Pages.Where(p => JourneyOrder.Applies(p, answers)).Select(p => p.Questions.Select(q => q.Id).ToArray())];

    private static async Task<string[]> QuestionsOnAsync(IPage page) =>
        [.. await page.Locator("main [data-question]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.question)")];

    /// <summary>Each question's label or legend on the page is the definition's, in Polish.</summary>
    private async Task ExpectDefinitionsWordsAsync(IPage page, RequestAnswers answers)
    {
        var catalogue = apps.Site.Services.GetRequiredService<MatterCatalogue>();
        var words = apps.Site.Services.GetRequiredService<IStringLocalizer<JourneyText>>();
        var c = new QuestionContext(answers, await catalogue.GetOfferedAsync(TestContext.Current.CancellationToken), MobilnyUrzednik.Core.Common.WarsawTime.Today(apps.Site.Services.GetRequiredService<TimeProvider>()), await catalogue.GetMunicipalityAsync(TestContext.Current.CancellationToken));
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("pl-PL");
        try
        {
            foreach (var question in JourneyQuestions.All.Where(q => RequestJourney.Applies(q.Step, answers)))
            {
                await Expect(page.Locator($"[data-question='{question.Id}'] :is(label, legend)").First).ToContainTextAsync(words.Say(question.Label(c)));
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = culture;
        }
    }
}
