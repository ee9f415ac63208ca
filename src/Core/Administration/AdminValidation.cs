using MobilnyUrzednik.Core.Common;

namespace MobilnyUrzednik.Core.Administration;

/// <summary>
/// The checks every administration form shares. Each adds at most one error per field, with a key of
/// the form "Key_Required", "Key_TooLong" (max, actual), "Key_Markup" or "Key_Invalid".
/// </summary>
internal static class AdminValidation
{
    /// <summary>Tidies a text, checks it and returns the tidy value (kept even when invalid).</summary>
    public static string Text(string? value, string field, string key, int max, List<AnswerError> errors, bool required = true, bool multiline = false)
    {
        var text = PlainText.Tidy(value, multiline);
        if (text.Length == 0)
        {
            if (required)
            {
                errors.Add(new(field, key + "_Required"));
            }

            return text;
        }

        var length = PlainText.Length(text);
        if (length > max)
        {
            errors.Add(new(field, key + "_TooLong", max, length));
        }
        else if (PlainText.HasAngleBracketsOrControl(text))
        {
            errors.Add(new(field, key + "_Markup"));
        }

        return text;
    }

}
