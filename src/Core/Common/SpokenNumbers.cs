using System.Globalization;
using System.Text;

namespace MobilnyUrzednik.Core.Common;

/// <summary>
/// Numbers as people say them in Polish, turned into digits for a phone number or a postal code: "sześćset jeden,
/// dwieście dwa, trzysta trzy" → "601 202 303", "zero zero myślnik dziewięćset pięćdziesiąt" → "00-950", "plus
/// czterdzieści osiem" → "+48". A group grows while the words fit into it (hundreds, then tens, then units) and a word
/// that does not fit starts the next group, as a listener hears it; "zero" is always a digit of its own. Digits already
/// in the text are kept. Other words ("mój numer to…") are left out; the result is shown for the person to check.
/// </summary>
public static class SpokenNumbers
{
    private static readonly Dictionary<string, int> Words = new(StringComparer.Ordinal)
    {
        ["zero"] = 0,
        ["jeden"] = 1, ["jedna"] = 1, ["jedno"] = 1, ["raz"] = 1,
        ["dwa"] = 2, ["dwie"] = 2, ["trzy"] = 3, ["cztery"] = 4, ["pięć"] = 5, ["sześć"] = 6, ["siedem"] = 7, ["osiem"] = 8, ["dziewięć"] = 9,
        ["dziesięć"] = 10, ["jedenaście"] = 11, ["dwanaście"] = 12, ["trzynaście"] = 13, ["czternaście"] = 14, ["piętnaście"] = 15,
        ["szesnaście"] = 16, ["siedemnaście"] = 17, ["osiemnaście"] = 18, ["dziewiętnaście"] = 19,
        ["dwadzieścia"] = 20, ["trzydzieści"] = 30, ["czterdzieści"] = 40, ["pięćdziesiąt"] = 50, ["sześćdziesiąt"] = 60,
        ["siedemdziesiąt"] = 70, ["osiemdziesiąt"] = 80, ["dziewięćdziesiąt"] = 90,
        ["sto"] = 100, ["dwieście"] = 200, ["trzysta"] = 300, ["czterysta"] = 400, ["pięćset"] = 500, ["sześćset"] = 600,
        ["siedemset"] = 700, ["osiemset"] = 800, ["dziewięćset"] = 900,
    };

    /// <summary>True when <paramref name="text"/> holds a number word (so it is worth reading as spoken numbers).</summary>
    public static bool HasNumberWords(string? text) =>
        !string.IsNullOrWhiteSpace(text) && Tokens(text).Any(t => Words.ContainsKey(t));

    /// <summary>The digits said in <paramref name="text"/>, groups separated by spaces; null when it names no number.</summary>
    public static string? ToDigits(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 300)
        {
            return null;
        }

        var output = new StringBuilder();
        var group = 0;
        var inGroup = false;
        var lastWasSingle = false;
        string? glue = null; // "+" or "-": written before the next number, with no space after it

        foreach (var token in Tokens(text))
        {
            if (token == ",")
            {
                Flush();
                lastWasSingle = false;
            }
            else if (token is "plus" or "+")
            {
                Flush();
                glue = "+";
            }
            else if (token is "myślnik" or "kreska" or "minus" or "-")
            {
                Flush();
                glue = "-";
            }
            else if (token.All(char.IsAsciiDigit) && token.Length > 1)
            {
                Flush();
                Append(token, single: false);
            }
            else if (Words.TryGetValue(token, out var value) || (token.Length == 1 && char.IsAsciiDigit(token[0]) && (value = token[0] - '0') >= 0))
            {
                if (value == 0)
                {
                    Flush();
                    Append("0", single: true);
                }
                else if (inGroup && Fits(group, value))
                {
                    group += value;
                }
                else
                {
                    Flush();
                    group = value;
                    inGroup = true;
                }
            }
        }

        Flush();
        return output.Length > 0 ? output.ToString() : null;

        void Flush()
        {
            if (inGroup)
            {
                Append(group.ToString(CultureInfo.InvariantCulture), single: group < 10);
                inGroup = false;
                group = 0;
            }
        }

        // Digits said one by one run together ("zero zero" → "00"); groups are kept apart by a space.
        void Append(string digits, bool single)
        {
            if (glue is not null)
            {
                output.Append(output.Length > 0 && glue == "+" ? " " : string.Empty).Append(glue);
                glue = null;
            }
            else if (output.Length > 0 && !(single && lastWasSingle) && output[^1] != '-')
            {
                output.Append(' ');
            }

            output.Append(digits);
            lastWasSingle = single;
        }
    }

    // A word joins the group while its place is free: tens or teens after hundreds, units after hundreds or whole tens.
    private static bool Fits(int group, int value)
    {
        var rest = group % 100;
        return value switch
        {
            >= 100 => false,
            >= 10 => rest == 0,
            _ => rest == 0 || (rest >= 20 && rest % 10 == 0),
        };
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }

            if (c is ',' or ';' or '.' or '+' or '-' or '–')
            {
                yield return c is '–' ? "-" : c is ';' or '.' ? "," : c.ToString();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
