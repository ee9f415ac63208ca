using System.Security.Cryptography;
using System.Text;

namespace MobilnyUrzednik.Core.Requests;

/// <summary>
/// The request's reference: 8 characters read aloud and typed in groups ("K7P-4QX-9M").
/// Random (never sequential), from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V),
/// with the last character a check over a prime-sized alphabet, so every single typo and every swap of
/// neighbouring characters is caught before any look-up.
/// </summary>
public static class TrackingCode
{
    /// <summary>The characters a code may contain.</summary>
    public const string Alphabet = "34679ACDEFGHJKMNPQRTWXY";

    /// <summary>Length without separators.</summary>
    public const int Length = 8;

    /// <summary>A new random code, normalised (no dashes).</summary>
    public static string NewCode()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length - 1; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        chars[Length - 1] = CheckCharacter(chars[..(Length - 1)]);
        return new string(chars);
    }

    /// <summary>
    /// Reads what a person typed or pasted: any case, spaces, dashes, dots. Returns the normalised
    /// code, or null with the reason when it cannot be a code.
    /// </summary>
    public static TrackingCodeParse Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return new TrackingCodeParse(null, TrackingCodeProblem.Empty);
        }

        var sb = new StringBuilder(Length);
        foreach (var c in input.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c) || c is '-' or '–' or '—' or '.' or '_' or '/')
            {
                continue;
            }

            sb.Append(char.ToUpperInvariant(c));
        }

        var code = sb.ToString();
        if (code.Length != Length)
        {
            return new TrackingCodeParse(null, TrackingCodeProblem.WrongLength);
        }

        foreach (var c in code)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return new TrackingCodeParse(null, TrackingCodeProblem.WrongCharacters);
            }
        }

        return CheckCharacter(code.AsSpan(0, Length - 1)) == code[Length - 1]
            ? new TrackingCodeParse(code, TrackingCodeProblem.None)
            : new TrackingCodeParse(null, TrackingCodeProblem.Mistyped);
    }

    /// <summary>Groups a normalised code for reading: "K7P4QX9M" → "K7P-4QX-9M".</summary>
    public static string Format(string code) =>
        code.Length == Length ? $"{code[..3]}-{code[3..6]}-{code[6..]}" : code;

    /// <summary>The code's groups, for showing in large chunks or reading aloud one by one.</summary>
    public static string[] Groups(string code) =>
        code.Length == Length ? [code[..3], code[3..6], code[6..]] : [code];

    // A weighted check over a prime-sized alphabet (23): position i (1-based) counts i times, and the
    // check character is chosen so the whole code, check included with weight 8, sums to 0 mod 23.
    // Because 23 is prime, every single-character error and every swap of neighbours changes the sum.
    private static char CheckCharacter(ReadOnlySpan<char> payload)
    {
        var n = Alphabet.Length;
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            sum += (i + 1) * Alphabet.IndexOf(payload[i], StringComparison.Ordinal);
        }

        // 8 × 3 ≡ 1 (mod 23), so multiplying by 3 divides by the check character's weight.
        var check = ((n - (sum % n)) * InverseOfCheckWeight) % n;
        return Alphabet[check];
    }

    private const int InverseOfCheckWeight = 3;
}

/// <summary>Why typed text is not a tracking code.</summary>
public enum TrackingCodeProblem
{
    None,
    Empty,
    WrongLength,
    WrongCharacters,
    Mistyped,
}

/// <summary>The result of reading a typed tracking code.</summary>
public readonly record struct TrackingCodeParse(string? Code, TrackingCodeProblem Problem)
{
    public bool IsValid => Code is not null;
}
