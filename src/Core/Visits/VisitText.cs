using System.Globalization;
using System.Resources;

namespace MobilnyUrzednik.Core.Visits;

/// <summary>
/// The visits' Polish words (VisitMessages.resx): the notes written into a request's history, which the resident reads
/// on the status page whatever language the staff member uses, and the words of the commands' problems (keys of the
/// same resources, worded by the staff pages).
/// </summary>
public static class VisitText
{
    public static CultureInfo Polish { get; } = CultureInfo.GetCultureInfo("pl-PL");

    private static readonly ResourceManager Resources = new("MobilnyUrzednik.Core.Visits.VisitMessages", typeof(VisitText).Assembly);

    /// <summary>The text for <paramref name="key"/>, formatted with <paramref name="args"/> in Polish.</summary>
    public static string Get(string key, params object[] args)
    {
        var text = Resources.GetString(key, Polish) ?? throw new InvalidOperationException($"No visit message {key}.");
        return args.Length == 0 ? text : string.Format(Polish, text, args);
    }

    /// <summary>"wtorek, 24 listopada 2026".</summary>
    public static string Day(DateOnly date) => date.ToString("dddd, d MMMM yyyy", Polish);

    /// <summary>"24 listopada 2026", for a date inside a sentence.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Polish);

    /// <summary>"08:00–10:00", as the status page writes it.</summary>
    public static string Window(TimeOnly start, TimeOnly end) => Time(start) + "–" + Time(end);

    /// <summary>"08:00".</summary>
    public static string Time(TimeOnly time) => time.ToString("HH:mm", Polish);
}
