using Bunit;

namespace MobilnyUrzednik.Components.Layout;

// ACCESSIBILITY.md: S02 (status in words, timeline as an ordered list, aria-current="step" on the
// current step only, dates written out).
public class StatusTimelineTests : ComponentTestContext
{
    private static readonly IReadOnlyList<TimelineItem> History =
    [
        new("Zgłoszenie przyjęte", "22 listopada 2026, 10:00"),
        new("Zgłoszenie jest sprawdzane", "22 listopada 2026, 11:00"),
        new("Wizyta umówiona", "23 listopada 2026, 10:00", "Przyjdziemy 3 grudnia rano."),
    ];

    [Fact]
    public void StatusTimeline_History_OrderedListWithOneItemPerStep()
    {
        var cut = Render<StatusTimeline>(p => p.Add(x => x.Items, History));

        var list = cut.Find("ol");
        Assert.Equal(["LI", "LI", "LI"], list.Children.Select(c => c.TagName));
    }

    [Fact]
    public void StatusTimeline_History_OnlyTheLastStepIsCurrent()
    {
        var cut = Render<StatusTimeline>(p => p.Add(x => x.Items, History));

        var items = cut.FindAll("li");
        Assert.Equal([null, null, "step"], items.Select(li => li.GetAttribute("aria-current")));
        Assert.Single(cut.FindAll("[aria-current]"));
    }

    [Fact]
    public void StatusTimeline_History_StatusInWordsWithTheDateAsGiven()
    {
        var cut = Render<StatusTimeline>(p => p.Add(x => x.Items, History));

        Assert.Equal(
            [
                "Zgłoszenie przyjęte 22 listopada 2026, 10:00",
                "Zgłoszenie jest sprawdzane 22 listopada 2026, 11:00",
                "Wizyta umówiona 23 listopada 2026, 10:00 Przyjdziemy 3 grudnia rano.",
            ],
            cut.FindAll("li").Select(li => Words(string.Join(' ', li.Children.Select(c => c.TextContent)))));
    }

    [Fact]
    public void StatusTimeline_StepWithoutNote_NoEmptyNote()
    {
        var cut = Render<StatusTimeline>(p => p.Add(x => x.Items, History));

        Assert.Single(cut.FindAll(".timeline__note"));
        Assert.Equal("Przyjdziemy 3 grudnia rano.", cut.Find("li:last-child .timeline__note").TextContent);
    }

    [Fact]
    public void StatusTimeline_OneStep_ItIsCurrent()
    {
        var cut = Render<StatusTimeline>(p => p.Add(x => x.Items, [new TimelineItem("Zgłoszenie przyjęte", "22 listopada 2026, 10:00")]));

        Assert.Equal("step", cut.Find("li").GetAttribute("aria-current"));
    }
}
