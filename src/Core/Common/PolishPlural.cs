using System.Globalization;

namespace MobilnyUrzednik.Core.Common;

/// <summary>
/// Polish plural forms of a counted noun: "1 dzień", "2 dni", "5 dni"; "1 wizyta", "22 wizyty", "25 wizyt", "101 wizyt".
/// The rule (CLDR "one", "few", "many" for integers): one for exactly 1; few when the last digit is 2–4 and the last
/// two digits are not 12–14; many for everything else (0, 5–21, 25–31, 101, …).
/// </summary>
public static class PolishPlural
{
    private static readonly CultureInfo Polish = CultureInfo.GetCultureInfo("pl-PL");

    /// <summary>Which of the three forms goes with <paramref name="count"/>.</summary>
    public static PluralForm FormOf(long count)
    {
        var n = Math.Abs(count);
        if (n == 1)
        {
            return PluralForm.One;
        }

        var last = n % 10;
        var lastTwo = n % 100;
        return last is >= 2 and <= 4 && lastTwo is < 12 or > 14 ? PluralForm.Few : PluralForm.Many;
    }

    /// <summary>The form of the noun for <paramref name="count"/>: <c>Choose(5, "dzień", "dni", "dni")</c> is "dni".</summary>
    public static string Choose(long count, string one, string few, string many) => FormOf(count) switch
    {
        PluralForm.One => one,
        PluralForm.Few => few,
        _ => many,
    };

    /// <summary>The count and its noun: <c>Format(22, "minuta", "minuty", "minut")</c> is "22 minuty" (digits grouped the Polish way).</summary>
    public static string Format(long count, string one, string few, string many) =>
        count.ToString("N0", Polish) + " " + Choose(count, one, few, many);

    /// <summary>
    /// The count in a sentence whose three forms are given as one text separated by "|", each with "{0}" for the number:
    /// <c>Format(2, "{0} nowe zgłoszenie|{0} nowe zgłoszenia|{0} nowych zgłoszeń")</c> is "2 nowe zgłoszenia". Resource
    /// files keep the three forms of a sentence together this way.
    /// </summary>
    public static string Format(long count, string forms)
    {
        var parts = forms.Split('|');
        if (parts.Length != 3)
        {
            throw new ArgumentException("Give three forms separated by '|': one, few, many.", nameof(forms));
        }

        return string.Format(Polish, Choose(count, parts[0], parts[1], parts[2]), count.ToString("N0", Polish));
    }
}

/// <summary>The Polish plural forms of a counted noun.</summary>
public enum PluralForm
{
    /// <summary>1: "dzień", "wizyta".</summary>
    One,

    /// <summary>2–4, 22–24, …: "dni", "wizyty".</summary>
    Few,

    /// <summary>0, 5–21, 25–31, 101, …: "dni", "wizyt".</summary>
    Many,
}
