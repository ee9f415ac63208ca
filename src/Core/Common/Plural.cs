using System.Globalization;

namespace MobilnyUrzednik.Core.Common;

/// <summary>
/// The one place where a number meets a noun: "1 dzień, 2 dni, 5 dni", "minęły 24 godziny", "22 години", "1 day".
/// A resource holds the forms separated by "|" — one, few, many (Polish and Ukrainian), or one, other (English) —
/// each either a noun ("dzień|dni|dni": the number goes in front) or a phrase with <c>{0}</c> where the number goes
/// ("minęła {0} godzina|minęły {0} godziny|minęło {0} godzin", so the verb agrees too).
/// </summary>
public static class Plural
{
    /// <summary>Polish, the language of the staff pages (which say counts in Polish whatever the browser asks for).</summary>
    public static CultureInfo Polish { get; } = CultureInfo.GetCultureInfo("pl-PL");

    /// <summary>The grammatical number a count takes.</summary>
    public enum Form
    {
        /// <summary>1 (Polish), 1, 21, 31… but not 11 (Ukrainian), 1 (English).</summary>
        One,

        /// <summary>2–4, 22–24, … but not 12–14 (Polish and Ukrainian).</summary>
        Few,

        /// <summary>Everything else: 0, 5–21, 25… (Polish); the English plural.</summary>
        Many,
    }

    /// <summary>The form <paramref name="number"/> takes in <paramref name="culture"/>'s language.</summary>
    public static Form Of(long number, CultureInfo culture)
    {
        var n = Math.Abs(number);
        var lastDigit = n % 10;
        var lastTwo = n % 100;
        var few = lastDigit is >= 2 and <= 4 && lastTwo is not (>= 12 and <= 14);
        return culture.TwoLetterISOLanguageName switch
        {
            "pl" => n == 1 ? Form.One : few ? Form.Few : Form.Many,
            "uk" or "ru" => lastDigit == 1 && lastTwo != 11 ? Form.One : few ? Form.Few : Form.Many,
            _ => n == 1 ? Form.One : Form.Many,
        };
    }

    /// <summary>
    /// The count written out with the right form of <paramref name="forms"/> ("dzień|dni|dni"), the number in the
    /// culture's digits ("1 000"). A language with fewer forms lists fewer ("day|days"): the last one serves the rest.
    /// </summary>
    public static string Format(long number, string forms, CultureInfo culture)
    {
        var choices = forms.Split('|');
        var form = choices[Math.Min((int)Of(number, culture), choices.Length - 1)].Trim();
        var digits = number.ToString("N0", culture);
        return form.Contains("{0}", StringComparison.Ordinal) ? form.Replace("{0}", digits, StringComparison.Ordinal) : digits + " " + form;
    }
}
