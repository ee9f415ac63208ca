namespace MobilnyUrzednik.Core.Common;

/// <summary>Polish postal codes: accepts "00-950", "00950", "00 950", "00–950"; gives "00-950".</summary>
public static class PostalCode
{
    /// <summary>The code as "NN-NNN", or null when it is not five digits. A code said in words ("zero zero
    /// dziewięćset pięćdziesiąt") is read as its digits.</summary>
    public static string? Normalise(string? input)
    {
        if (SpokenNumbers.HasNumberWords(input))
        {
            input = SpokenNumbers.ToDigits(input);
        }

        if (string.IsNullOrWhiteSpace(input) || input.Length > 12)
        {
            return null;
        }

        Span<char> digits = stackalloc char[5];
        var count = 0;
        foreach (var c in input.Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == 5)
                {
                    return null;
                }

                digits[count++] = c;
            }
            else if (!(char.IsWhiteSpace(c) || c is '-' or '–' or '—'))
            {
                return null;
            }
        }

        return count == 5 ? $"{digits[..2]}-{digits[2..]}" : null;
    }
}
