using System.Globalization;
using Microsoft.Extensions.Localization;
using MobilnyUrzednik.Core.Administration;

namespace MobilnyUrzednik.PublicSite.Components.Panel.Reports;

/// <summary>How the report's rows read in Polish, the same on the page and in the CSV.</summary>
public static class ReportLabels
{
    public static readonly CultureInfo Pl = CultureInfo.GetCultureInfo("pl-PL");

    /// <summary>"2026-11" → "listopad 2026".</summary>
    public static string Month(string yearMonth)
    {
        var date = DateOnly.ParseExact(yearMonth + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return date.ToString("MMMM yyyy", Pl);
    }

    /// <summary>"2026-11" → "lis 2026", for the chart's axis.</summary>
    public static string MonthShort(string yearMonth)
    {
        var date = DateOnly.ParseExact(yearMonth + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Pl.DateTimeFormat.AbbreviatedMonthNames[date.Month - 1] + " " + date.Year.ToString(CultureInfo.InvariantCulture);
    }

    public static string Channel(string channel, IStringLocalizer<ReportText> loc) => loc["Channel_" + channel];

    public static string Days(double days) => days.ToString("0.#", Pl);

    public static string Percent(double share) => share.ToString("0%", Pl);

    /// <summary>The report as rows for the CSV: a header, then one row per figure.</summary>
    public static IEnumerable<IReadOnlyList<string>> CsvRows(ProgrammeReport report, IStringLocalizer<ReportText> loc)
    {
        yield return [loc["CsvTable"], loc["CsvItem"], loc["CsvValue"]];
        foreach (var m in report.PerMonth)
        {
            yield return [loc["CsvPerMonth"], Month(m.Label), m.Count.ToString(CultureInfo.InvariantCulture)];
        }

        foreach (var s in report.PerMatter)
        {
            yield return [loc["CsvPerMatter"], s.Label, s.Count.ToString(CultureInfo.InvariantCulture)];
        }

        foreach (var c in report.PerChannel)
        {
            yield return [loc["CsvPerChannel"], Channel(c.Label, loc), c.Count.ToString(CultureInfo.InvariantCulture)];
        }

        yield return [loc["CsvSummary"], loc["CsvTotal"], report.Total.ToString(CultureInfo.InvariantCulture)];
        yield return [loc["CsvSummary"], loc["CsvClosed"], report.Closed.ToString(CultureInfo.InvariantCulture)];
        yield return [loc["CsvSummary"], loc["CsvCompleted"], report.Completed.ToString(CultureInfo.InvariantCulture)];
        yield return [loc["CsvSummary"], loc["CsvCompletedShare"], report.CompletedShareOfClosed is { } share ? (share * 100).ToString("0.#", Pl) : string.Empty];
        yield return [loc["CsvSummary"], loc["CsvMedian"], report.MedianDaysToVisit is { } median ? Days(median) : string.Empty];
        yield return [loc["CsvSummary"], loc["CsvWithVisit"], report.RequestsWithVisit.ToString(CultureInfo.InvariantCulture)];
    }
}
