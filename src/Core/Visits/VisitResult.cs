using System.Globalization;
using System.Resources;

namespace MobilnyUrzednik.Core.Visits;

/// <summary>A problem with one field of a visits form, in the words the person reads (Polish).</summary>
/// <param name="Field">The form field: one of the <c>Field</c> constants of the service.</param>
/// <param name="Message">What to do, in plain Polish, without the "Błąd:" prefix.</param>
public sealed record VisitError(string Field, string Message);

/// <summary>
/// The answer of a visits command: the problems (nothing was changed), or none and the id of what
/// was created or changed. User errors never throw.
/// </summary>
public sealed record VisitResult(IReadOnlyList<VisitError> Errors, int? Id = null)
{
    public bool Succeeded => Errors.Count == 0;

    public static VisitResult Ok(int? id = null) => new([], id);

    public static VisitResult Fail(string field, string message) => new([new VisitError(field, message)]);
}

/// <summary>
/// The visits' Polish words (VisitMessages.resx): error messages and the notes written into a request's
/// history, which the resident reads on the status page whatever language the staff member uses.
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
