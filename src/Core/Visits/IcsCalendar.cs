using System.Globalization;
using System.Text;

namespace MobilnyUrzednik.Core.Visits;

/// <summary>
/// One event of a calendar file, in Warsaw wall-clock time. The UID is stable for the visit through its re-bookings, so
/// a calendar app moves the event instead of adding another; <see cref="Sequence"/> rises with every change, and a
/// cancelled visit stays in the feed as STATUS:CANCELLED so subscribed calendars take it off.
/// </summary>
public sealed record IcsEvent(string Uid, DateOnly Date, TimeOnly Start, TimeOnly End, string Summary, string? Location, string? Description, IcsStatus Status, int Sequence = 0);

/// <summary>An event's STATUS (RFC 5545 3.8.1.11).</summary>
public enum IcsStatus
{
    Tentative,
    Confirmed,
    Cancelled,
}

/// <summary>
/// Writes iCalendar (RFC 5545): CRLF line ends, lines folded at 75 octets without splitting a character,
/// TEXT escaped, times with TZID=Europe/Warsaw and the zone's VTIMEZONE so any calendar app shows the
/// same wall-clock time the resident was promised.
/// </summary>
public static class IcsCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    private const string Zone = "Europe/Warsaw";
    private const int MaxOctets = 75;

    /// <summary>The UID of a visit's event: the first visit of its chain of re-bookings (<see cref="Visit.SeriesKey"/>).</summary>
    public static string VisitUid(int visitId) => $"wizyta-{visitId.ToString(CultureInfo.InvariantCulture)}@mobilny-urzednik";

    /// <summary>The calendar as text; <paramref name="stamp"/> is when it was produced (DTSTAMP).</summary>
    public static string Write(IEnumerable<IcsEvent> events, DateTimeOffset stamp, string calendarName)
    {
        var sb = new StringBuilder();
        void Line(string line) => sb.Append(Fold(line)).Append("\r\n");

        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Mobilny Urzednik//Wizyty//PL");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("X-WR-CALNAME:" + Escape(calendarName));
        Line("X-WR-TIMEZONE:" + Zone);
        foreach (var tz in Timezone)
        {
            Line(tz);
        }

        var dtstamp = stamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var e in events)
        {
            Line("BEGIN:VEVENT");
            Line("UID:" + e.Uid);
            Line("SEQUENCE:" + e.Sequence.ToString(CultureInfo.InvariantCulture));
            Line("DTSTAMP:" + dtstamp);
            Line($"DTSTART;TZID={Zone}:{Local(e.Date, e.Start)}");
            Line($"DTEND;TZID={Zone}:{Local(e.Date, e.End)}");
            Line("SUMMARY:" + Escape(e.Summary));
            if (!string.IsNullOrEmpty(e.Location))
            {
                Line("LOCATION:" + Escape(e.Location));
            }

            if (!string.IsNullOrEmpty(e.Description))
            {
                Line("DESCRIPTION:" + Escape(e.Description));
            }

            Line("STATUS:" + e.Status.ToString().ToUpperInvariant());
            Line(e.Status == IcsStatus.Cancelled ? "TRANSP:TRANSPARENT" : "TRANSP:OPAQUE");
            Line("END:VEVENT");
        }

        Line("END:VCALENDAR");
        return sb.ToString();
    }

    /// <summary>Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 3.3.11).</summary>
    public static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>
    /// Folds a content line so no physical line is longer than 75 octets of UTF-8 (RFC 5545 3.1); a continuation
    /// starts with one space. A character (or surrogate pair) is never split across lines.
    /// </summary>
    public static string Fold(string line)
    {
        if (Encoding.UTF8.GetByteCount(line) <= MaxOctets)
        {
            return line;
        }

        var sb = new StringBuilder();
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > MaxOctets)
            {
                sb.Append("\r\n ");
                octets = 1;
            }

            sb.Append(rune.ToString());
            octets += size;
        }

        return sb.ToString();
    }

    private static string Local(DateOnly date, TimeOnly time) =>
        date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "T" + time.ToString("HHmmss", CultureInfo.InvariantCulture);

    // Europe/Warsaw since 1977 (EU summer time): last Sunday of March 2:00 → CEST, last Sunday of October 3:00 → CET.
    private static readonly string[] Timezone =
    [
        "BEGIN:VTIMEZONE",
        "TZID:" + Zone,
        "X-LIC-LOCATION:" + Zone,
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ];
}
