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
}
