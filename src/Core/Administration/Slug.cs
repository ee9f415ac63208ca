using System.Globalization;
using System.Text;

namespace MobilnyUrzednik.Core.Administration;

/// <summary>URL-safe keys from Polish names: "Dowód osobisty – wniosek" → "dowod-osobisty-wniosek".</summary>
public static class Slug
{
    /// <summary>Longest slug made from a name, leaving room for a "-2" suffix within the column's 80.</summary>
    public const int MaxLength = 70;

    /// <summary>
    /// Lower-case ASCII letters and digits joined by single hyphens. Polish letters lose their marks
    /// (ł becomes l, which Unicode decomposition alone would not do); anything else becomes a hyphen.
    /// Returns "sprawa" when nothing usable is left.
    /// </summary>
    public static string FromName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLower(CultureInfo.GetCultureInfo("pl-PL")).Normalize(NormalizationForm.FormD))
        {
            var mapped = c switch
            {
                'ł' => 'l',
                'ø' => 'o',
                'ß' => 's',
                _ => c,
            };
            if (CharUnicodeInfo.GetUnicodeCategory(mapped) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (mapped is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(mapped);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > MaxLength)
        {
            slug = slug[..MaxLength].TrimEnd('-');
        }

        return slug.Length == 0 ? "sprawa" : slug;
    }
}
