using System.Text;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MobilnyUrzednik.Core.Administration;

namespace MobilnyUrzednik.PublicSite.Components.Panel.Reports;

public class ReportsPageTests : PanelTestContext
{
    [Fact]
    public async Task ReportsPage_NoRequests_ShowsThreeChartsEachWithACaptionedTableAndTheCsvLink()
    {
        await StartAsync(Core.Staff.StaffRoles.Coordinator, "coord-1");

        var cut = Render<ReportsPage>();

        cut.WaitForElement("table");
        Assert.Equal(
            ["Zgłoszenia w kolejnych miesiącach – tabela z liczbami", "Zgłoszenia według spraw – tabela z liczbami", "Zgłoszenia według sposobu złożenia – tabela z liczbami"],
            cut.FindAll("caption").Select(c => c.TextContent));
        var svgs = cut.FindAll("svg");
        Assert.Equal(2, svgs.Count); // no bars for matters when there are no requests
        Assert.All(svgs, svg =>
        {
            Assert.Equal("img", svg.GetAttribute("role"));
            var title = cut.Find("#" + svg.GetAttribute("aria-labelledby"));
            Assert.StartsWith("Wykres słupkowy:", title.TextContent, StringComparison.Ordinal);
        });
        // Twelve months from 23 November 2025 to 22 November 2026 touch thirteen calendar months.
        Assert.Equal(13, cut.FindAll("table")[0].QuerySelectorAll("tbody tr").Length);
        Assert.Contains("Ostatnie 12 miesięcy: od 23 listopada 2025 do 22 listopada 2026.", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("/panel/raporty.csv", cut.Find("a[download]").GetAttribute("href"));
        Assert.Contains("Żadne zgłoszenie z tego okresu nie ma jeszcze umówionej wizyty.", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("listopad 2025", cut.FindAll("table")[0].QuerySelector("tbody th")!.TextContent);
    }

    [Fact]
    public void CsvRows_Report_ArePolishAndSafeForExcel()
    {
        Services.AddLocalization();
        var loc = Services.GetRequiredService<IStringLocalizer<ReportText>>();
        var report = new ProgrammeReport(
            new DateOnly(2025, 12, 1), new DateOnly(2026, 11, 22),
            [new ReportRow("2026-11", 3)],
            [new ReportRow("=HYPERLINK(\"http://zly.example\";\"kliknij\")", 2), new ReportRow("Dowód; nowy", 1)],
            [new ReportRow("Kiosk", 1)],
            2.5, 2, 5, 3, 1);

        var text = Encoding.UTF8.GetString(CsvWriter.ToBytes(ReportLabels.CsvRows(report, loc))[3..]);
        var lines = text.Split("\r\n");

        Assert.Equal("Zestawienie;Pozycja;Wartość", lines[0]);
        Assert.Equal("Zgłoszenia w miesiącu;listopad 2026;3", lines[1]);
        Assert.Equal("Zgłoszenia według spraw;\"'=HYPERLINK(\"\"http://zly.example\"\";\"\"kliknij\"\")\";2", lines[2]);
        Assert.Equal("Zgłoszenia według spraw;\"Dowód; nowy\";1", lines[3]);
        Assert.Equal("Zgłoszenia według sposobu złożenia;Kiosk w bibliotece;1", lines[4]);
        Assert.Contains("Podsumowanie;Zakończone jako procent zamkniętych;33,3", lines);
        Assert.Contains("Podsumowanie;Mediana dni od zgłoszenia do pierwszej umówionej wizyty;2,5", lines);
    }
}
