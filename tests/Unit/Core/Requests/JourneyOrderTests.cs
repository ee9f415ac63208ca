namespace MobilnyUrzednik.Core.Requests;

public sealed class JourneyOrderTests
{
    // A question added to the definitions but left out of an order would never be asked there: each order asks every
    // question of the definition exactly once.
    [Fact]
    public void EveryOrder_AsksEveryQuestionOfTheDefinition_ExactlyOnce()
    {
        foreach (var order in new[] { JourneyOrder.Web, JourneyOrder.Kiosk })
        {
            var asked = order.Pages.SelectMany(p => p.Questions).Select(q => q.Id).ToList();
            Assert.Equal(JourneyQuestions.All.Select(q => q.Id).Order(StringComparer.Ordinal), asked.Order(StringComparer.Ordinal));
        }
    }

    // The kiosk asks "for whom" first: it decides how every later question is worded.
    [Fact]
    public void Kiosk_AsksForWhomFirst_TheSiteInTheOrderOfTheSteps()
    {
        Assert.Equal(JourneyQuestions.Relation, JourneyOrder.Kiosk.First.Questions[0]);
        Assert.Equal(JourneyOrder.Web.Pages.Select(p => p.Step), JourneyOrder.Web.Pages.Select(p => p.Step).Order());
    }

    // "Pytanie 1 z 12" and then "Pytanie 2 z 15" (for a neighbour) made the counter jump: the count is given only once
    // the answer that decides it is known, and then stays the same on every screen of the journey.
    [Theory]
    [InlineData(nameof(SubmitterRelation.Neighbour), 15)]
    [InlineData(nameof(SubmitterRelation.Self), 12)]
    public void KioskProgress_CountIsKnownOnlyAfterForWhom_ThenTheSameOnEveryScreen(string relation, int screens)
    {
        var order = JourneyOrder.Kiosk;
        var answers = new RequestAnswers();
        Assert.Equal((1, (int?)null), order.Progress(order.First, answers));

        answers.Relation = relation;
        var seen = new List<(int Position, int? Count)>();
        for (var page = order.First; page is not null; page = order.Next(page, answers))
        {
            seen.Add(order.Progress(page, answers));
        }

        Assert.Equal(Enumerable.Range(1, screens).Select(i => (i, (int?)screens)), seen);
    }
}
