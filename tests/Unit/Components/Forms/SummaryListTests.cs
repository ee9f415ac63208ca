using Bunit;

namespace MobilnyUrzednik.Components.Forms;

// ACCESSIBILITY.md: F09 ("Zmień" links with distinct accessible names, "Zmień adres"), F04 (the
// answers shown back as text, every line of them).
public class SummaryListTests : ComponentTestContext
{
    private static readonly IReadOnlyList<SummaryRow> Rows =
    [
        new("Imię i nazwisko", ["Anna Nowak-Kowalska"], "/zgloszenie/osoba?zmien=1", "imię i nazwisko"),
        new("Adres", ["ul. Długa 5/3", "00-950 Warszawa"], "/zgloszenie/adres?zmien=1", "adres"),
        new("Telefon", ["600 100 200"], "/zgloszenie/kontakt?zmien=1", "telefon"),
    ];

    [Fact]
    public void SummaryList_ChangeLinks_EachNamedAfterItsRow()
    {
        var cut = Render<SummaryList>(p => p.Add(x => x.Rows, Rows));

        var names = cut.FindAll("a").Select(a => a.TextContent).ToList();
        Assert.Equal(["Zmień imię i nazwisko", "Zmień adres", "Zmień telefon"], names);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void SummaryList_ChangeLinks_VisibleWordIsZmienAndTheRestHidden()
    {
        var cut = Render<SummaryList>(p => p.Add(x => x.Rows, Rows));

        Assert.All(cut.FindAll("a"), a =>
        {
            var hidden = a.QuerySelector(".visually-hidden");
            Assert.NotNull(hidden);
            var visible = a.TextContent.Replace(hidden.TextContent, string.Empty, StringComparison.Ordinal);
            Assert.Equal("Zmień", Words(visible));
        });
    }

    [Fact]
    public void SummaryList_ChangeLinks_GoToTheirQuestion()
    {
        var cut = Render<SummaryList>(p => p.Add(x => x.Rows, Rows));

        Assert.Equal(
            ["/zgloszenie/osoba?zmien=1", "/zgloszenie/adres?zmien=1", "/zgloszenie/kontakt?zmien=1"],
            cut.FindAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void SummaryList_SeveralLines_EachLineShown()
    {
        var cut = Render<SummaryList>(p => p.Add(x => x.Rows, Rows));

        var address = cut.FindAll(".summary-list__row")[1];
        Assert.Equal("Adres", Words(address.QuerySelector("dt")?.TextContent));
        Assert.Equal(
            ["ul. Długa 5/3", "00-950 Warszawa"],
            address.QuerySelectorAll(".summary-list__value .summary-list__line").Select(l => l.TextContent));
    }

    [Fact]
    public void SummaryList_RowWithoutChangeHref_HasNoLink()
    {
        var cut = Render<SummaryList>(p => p.Add(x => x.Rows, [new SummaryRow("Numer sprawy", ["K7P-4QX-9M"], null, "numer")]));

        Assert.Empty(cut.FindAll("a"));
        Assert.Equal("K7P-4QX-9M", Words(cut.Find("dd").TextContent));
    }

    [Fact]
    public void SummaryList_MarkupInAnswer_ShownAsText()
    {
        var cut = Render<SummaryList>(p => p.Add(
            x => x.Rows,
            [new SummaryRow("Opis", ["<script>alert(1)</script>", "<b>ważne</b>"], "/zgloszenie/opis?zmien=1", "opis")]));

        Assert.Equal(
            ["<script>alert(1)</script>", "<b>ważne</b>"],
            cut.FindAll(".summary-list__line").Select(l => l.TextContent));
        Assert.Empty(cut.FindAll("script, b"));
    }
}
