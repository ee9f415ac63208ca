using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik.Core.Staff;

/// <summary>
/// The authenticator-app codes (RFC 6238: 6 digits, 30 s, HMAC-SHA1), stricter than Identity's own provider in two ways:
/// a code is accepted only from the current 30 s step or the one before or after (±30 s for a phone's clock; Identity
/// takes ±2 steps), and each code only once — a step once used, and every step before it, is refused afterwards, so a
/// code seen over a shoulder or caught in transit cannot be used again. The last used step is written with a
/// conditional update, so two requests racing with the same code cannot both win.
/// </summary>
public sealed class StaffAuthenticator(AppDbContext db, TimeProvider clock) : IUserTwoFactorTokenProvider<StaffUser>
{
    /// <summary>The name the provider is registered under (Identity's <c>Tokens.AuthenticatorTokenProvider</c>).</summary>
    public const string ProviderName = "StaffAuthenticator";

    private const int Step = 30;

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user) =>
        manager.GetAuthenticatorKeyAsync(user).ContinueWith(t => !string.IsNullOrEmpty(t.Result), TaskScheduler.Default);

    // The app generates the codes; the server never sends one.
    public Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        if (token.Length != 6 || !token.All(char.IsAsciiDigit) || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || Base32Decode(key) is not { Length: > 0 } secret)
        {
            return false;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds() / Step;
        long? matched = null;
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (Code(secret, step) == code)
            {
                matched = step;
                break;
            }
        }

        if (matched is not { } used)
        {
            return false;
        }

        var taken = await db.Users
            .Where(u => u.Id == user.Id && (u.LastTotpStep == null || u.LastTotpStep < used))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastTotpStep, used));
        if (taken != 1)
        {
            return false;
        }

        // Identity saves the whole account later in this request (e.g. enabling two-factor): it must write the new step, not the old.
        user.LastTotpStep = used;
        var entry = db.ChangeTracker.Entries<StaffUser>().FirstOrDefault(e => e.Entity.Id == user.Id);
        if (entry is not null)
        {
            entry.Property(u => u.LastTotpStep).OriginalValue = used;
        }

        return true;
    }

    /// <summary>The code an app shows for <paramref name="base32Key"/> at <paramref name="at"/>.</summary>
    public static string CodeAt(string base32Key, DateTimeOffset at) =>
        Code(Base32Decode(base32Key) ?? [], at.ToUnixTimeSeconds() / Step).ToString("D6", CultureInfo.InvariantCulture);

    private static int Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return binary % 1_000_000;
    }

    private static byte[]? Base32Decode(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '=' or '-')
            {
                continue;
            }

            var value = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
