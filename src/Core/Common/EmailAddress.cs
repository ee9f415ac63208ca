using System.Net.Mail;

namespace MobilnyUrzednik.Core.Common;

/// <summary>
/// The one rule for an e-mail address we can write to, for residents (the journey, subscriptions) and staff (accounts,
/// the office's settings) alike: one "@", a dot in the domain, no spaces or markup, at most <see cref="MaxLength"/> characters.
/// </summary>
public static class EmailAddress
{
    /// <summary>The longest address SMTP allows.</summary>
    public const int MaxLength = 254;

    /// <summary>Whether <paramref name="email"/> (already trimmed) is an address we can write to.</summary>
    public static bool IsValid(string email)
    {
        if (email.Length > MaxLength || email.Contains(' ', StringComparison.Ordinal) || PlainText.HasMarkupOrControl(email))
        {
            return false;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || !email[(at + 1)..].Contains('.', StringComparison.Ordinal) || email.EndsWith('.'))
        {
            return false;
        }

        return MailAddress.TryCreate(email, out var parsed) && parsed.Address == email;
    }
}
