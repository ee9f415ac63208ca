using System.Text;

namespace MobilnyUrzednik.Core.Visits;

public class IcsCalendarTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static IcsEvent Event(int id = 7, string? description = null) => new(
        IcsCalendar.VisitUid(id),
        new DateOnly(2026, 11, 24),
        new TimeOnly(10, 0),
        new TimeOnly(12, 0),
        "Wizyta: Wniosek o dowód osobisty (Przykładowo)",
        "Główna 5 m. 3, 00-950 Przykładowo",
        description ?? "Zgłoszenie K7P-4QX-9M.",
        IcsStatus.Tentative);

    [Fact]
    public void Write_EveryLineEndsWithCrLf_NoBareLineFeeds()
    {
        var ics = IcsCalendar.Write([Event()], Stamp, "Moje wizyty");

        Assert.EndsWith("END:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ics.Replace("\r\n", string.Empty, StringComparison.Ordinal));
        Assert.DoesNotContain('\r', ics.Replace("\r\n", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Write_TimesInWarsawWithTheZoneDefined()
    {
        var lines = IcsCalendar.Write([Event()], Stamp, "Moje wizyty").Split("\r\n");

        Assert.Contains("DTSTART;TZID=Europe/Warsaw:20261124T100000", lines);
        Assert.Contains("DTEND;TZID=Europe/Warsaw:20261124T120000", lines);
        Assert.Contains("DTSTAMP:20261122T090000Z", lines);
        var zone = lines.SkipWhile(l => l != "BEGIN:VTIMEZONE").TakeWhile(l => l != "END:VTIMEZONE").ToList();
        Assert.Contains("TZID:Europe/Warsaw", zone);
        Assert.Contains("BEGIN:STANDARD", zone);
        Assert.Contains("BEGIN:DAYLIGHT", zone);
        Assert.True(Array.IndexOf(lines, "BEGIN:VTIMEZONE") < Array.IndexOf(lines, "BEGIN:VEVENT"));
    }

    [Fact]
    public void Write_UidIsStablePerVisit()
    {
        var first = IcsCalendar.Write([Event(7), Event(8)], Stamp, "Moje wizyty").Split("\r\n").Where(l => l.StartsWith("UID:", StringComparison.Ordinal));
        var second = IcsCalendar.Write([Event(7)], Stamp.AddDays(1), "Moje wizyty").Split("\r\n").Where(l => l.StartsWith("UID:", StringComparison.Ordinal));

        Assert.Equal(["UID:wizyta-7@mobilny-urzednik", "UID:wizyta-8@mobilny-urzednik"], first);
        Assert.Equal(["UID:wizyta-7@mobilny-urzednik"], second);
    }

    [Fact]
    public void Escape_CommaSemicolonBackslashAndNewlines()
    {
        Assert.Equal(@"a\, b\; c\\d\ne\nf", IcsCalendar.Escape("a, b; c\\d\r\ne\nf"));
        Assert.Contains(@"LOCATION:Główna 5 m. 3\, 00-950 Przykładowo", IcsCalendar.Write([Event()], Stamp, "x").Split("\r\n"));
    }

    [Fact]
    public void Fold_LongPolishLine_NoLineOver75Octets_CharactersNotSplit_UnfoldsToTheOriginal()
    {
        var description = string.Concat(Enumerable.Repeat("Zażółć gęślą jaźń – źdźbło, ", 12)) + "😀 koniec";
        var ics = IcsCalendar.Write([Event(description: description)], Stamp, "Moje wizyty");

        Assert.All(ics.Split("\r\n"), l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75, $"{Encoding.UTF8.GetByteCount(l)}: {l}"));
        var unfolded = ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        Assert.Contains("DESCRIPTION:" + IcsCalendar.Escape(description) + "\r\n", unfolded, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', ics);
    }

    [Fact]
    public void Fold_ShortLine_Unchanged() => Assert.Equal("SUMMARY:krótko", IcsCalendar.Fold("SUMMARY:krótko"));

    [Fact]
    public void Write_SequenceAndStatus_Cancelled_IsTransparent()
    {
        var ics = IcsCalendar.Write([Event() with { Status = IcsStatus.Cancelled, Sequence = 3 }], Stamp, "Moje wizyty");

        Assert.Contains("SEQUENCE:3", ics.Split("\r\n"));
        Assert.Contains("STATUS:CANCELLED", ics.Split("\r\n"));
        Assert.Contains("TRANSP:TRANSPARENT", ics.Split("\r\n"));
    }
}
