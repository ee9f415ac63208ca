using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Hosting;

namespace MobilnyUrzednik.Core.Staff;

/// <summary>
/// The rules for staff passwords beyond length (Identity checks the 12 characters): not on the shipped list of common
/// and breached passwords (CommonPasswords.txt, compared without case, Polish letters, look-alike digits and the digits
/// or signs people add at either end), not one repeated piece, not the person's own e-mail or name, and outside
/// Development not the published demo password. No list is fetched from anywhere: the check runs offline.
/// </summary>
public sealed class StaffPasswords(IHostEnvironment environment) : IPasswordValidator<StaffUser>
{
    /// <summary>The demo accounts' password, seeded in Development only and refused everywhere else.</summary>
    public const string DemoPassword = "Mobilny-Demo-2026";

    /// <summary>The error code for a password that is too easy to guess (the UI has its own words for it).</summary>
    public const string CommonCode = "PasswordCommon";

    /// <summary>The error code for the demo password outside Development.</summary>
    public const string DemoCode = "PasswordDemo";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password) =>
        Task.FromResult(Check(password, user.Email, user.DisplayName, environment.IsDevelopment()));

    /// <summary>The same rules without Identity, e.g. for the command line; success when none is broken.</summary>
    public static IdentityResult Check(string? password, string? email, string? displayName, bool development)
    {
        if (string.IsNullOrEmpty(password))
        {
            return IdentityResult.Success;
        }

        if (!development && string.Equals(password, DemoPassword, StringComparison.OrdinalIgnoreCase))
        {
            return IdentityResult.Failed(new IdentityError
            {
                Code = DemoCode,
                Description = "To hasło jest opublikowane w instrukcji jako hasło demonstracyjne. Wybierz inne.",
            });
        }

        return IsCommon(password, email, displayName)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = CommonCode,
                Description = "To hasło łatwo odgadnąć: jest na liście często używanych haseł albo składa się z Twojego imienia lub adresu. Wybierz inne, na przykład trzy przypadkowe słowa.",
            })
            : IdentityResult.Success;
    }

    /// <summary>True when the password is on the list, a trivial variant of an entry, one repeated piece, or the person's own name or e-mail.</summary>
    public static bool IsCommon(string password, string? email = null, string? displayName = null)
    {
        var plain = Plain(password, leet: false);
        var leet = Plain(password, leet: true);
        var list = List.Value;
        if (plain.Length == 0)
        {
            // Signs only: nothing but punctuation is as guessable as a word.
            return true;
        }

        var core = Core(password);
        foreach (var form in new[] { plain, leet, Plain(core, leet: false), Plain(core, leet: true) })
        {
            if (form.Length > 0 && (list.Contains(form) || IsRepeated(form) || IsRun(form)))
            {
                return true;
            }
        }

        var own = new List<string>();
        if (email?.Split('@')[0] is { } local)
        {
            own.Add(Plain(local, leet: false));
        }

        if (!string.IsNullOrWhiteSpace(displayName))
        {
            own.Add(Plain(displayName, leet: false));
            own.AddRange(displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => Plain(p, leet: false)));
        }

        var ownCore = Plain(core, leet: false);
        return own.Any(o => o.Length >= 3 && (ownCore == o || plain == o || IsRepeatedOf(ownCore, o)));
    }

    // Lower case, Polish letters as plain ones, only letters and digits; with leet, digits and signs read as letters.
    private static string Plain(string text, bool leet)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormD).ToLower(CultureInfo.InvariantCulture))
        {
            var c = ch == 'ł' ? 'l' : ch;
            if (leet)
            {
                c = c switch { '0' => 'o', '1' or '!' => 'i', '3' => 'e', '4' or '@' => 'a', '5' or '$' => 's', '7' => 't', _ => c };
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    // What is left without the digits and signs people put before or after a word ("Haslo2026!" → "Haslo").
    private static string Core(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && !char.IsLetter(text[start]))
        {
            start++;
        }

        while (end > start && !char.IsLetter(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    // "abcabcabcabc", "haslohaslo": one short piece over and over.
    private static bool IsRepeated(string text)
    {
        for (var size = 1; size <= text.Length / 2; size++)
        {
            if (text.Length % size == 0 && IsRepeatedOf(text, text[..size]) && (size <= 4 || List.Value.Contains(text[..size])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRepeatedOf(string text, string piece) =>
        piece.Length > 0 && text.Length % piece.Length == 0 && text.Length > piece.Length
        && Enumerable.Range(0, text.Length / piece.Length).All(i => string.CompareOrdinal(text, i * piece.Length, piece, 0, piece.Length) == 0);

    // "123456789012", "abcdefghijkl", "987654321098": a run up or down the digits or the alphabet.
    private static bool IsRun(string text)
    {
        if (text.Length < 4)
        {
            return false;
        }

        bool Steps(int step) => Enumerable.Range(1, text.Length - 1).All(i =>
            char.IsAsciiDigit(text[i]) && char.IsAsciiDigit(text[i - 1])
                ? (text[i] - text[i - 1] + 10) % 10 == (step + 10) % 10
                : text[i] - text[i - 1] == step);
        return Steps(1) || Steps(-1);
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MobilnyUrzednik.Core.Staff.CommonPasswords.txt")
            ?? throw new InvalidOperationException("CommonPasswords.txt is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(Plain(line, leet: false));
                set.Add(Plain(line, leet: true));
            }
        }

        set.Remove(string.Empty);
        return set;
    }
}
