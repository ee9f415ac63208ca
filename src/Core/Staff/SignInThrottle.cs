using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik.Core.Staff;

/// <summary>
/// Failed sign-ins counted under one key: an e-mail address as typed (whether or not an account has it) or a network
/// address. Keys are SHA-256 hashes, so the table holds neither the addresses nor the e-mails strangers tried.
/// </summary>
public sealed class SignInLimit
{
    public required string Key { get; set; }

    /// <summary>Failures since <see cref="WindowStart"/>; a concurrency token, so parallel failures are all counted.</summary>
    public int Failures { get; set; }

    public DateTimeOffset WindowStart { get; set; }

    /// <summary>Until when the key is locked (a name) or must wait (an address); null while it is not.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
}

/// <summary>What the throttle says before a sign-in is tried.</summary>
/// <param name="AddressWaitUntil">Set when the address made too many failed sign-ins and must wait until then.</param>
/// <param name="NameLocked">The e-mail address had too many failures: it now needs the password and the code together.</param>
public sealed record SignInGate(DateTimeOffset? AddressWaitUntil, bool NameLocked);

/// <summary>
/// Throttles staff sign-in per e-mail address and per network address, stored in the database so every node of the
/// site counts the same failures.
/// </summary>
/// <remarks>
/// <para>Per network address (an IPv4 address, or an IPv6 /64 — one household or office line): after
/// <see cref="StaffSecurityOptions.FailuresPerAddress"/> failures in <see cref="StaffSecurityOptions.AddressWindow"/> the
/// address waits until the window ends, whichever accounts it tried. This stops one machine from guessing or spraying.</para>
/// <para>Per e-mail address: after <see cref="StaffSecurityOptions.MaxFailedAttempts"/> failures the name is locked for
/// <see cref="StaffSecurityOptions.LockoutDuration"/>. The lock does not shut the account's owner out — that would let
/// anyone who knows a colleague's e-mail lock them out at will with five wrong passwords. Instead, while locked, the
/// sign-in form asks for the password and the authenticator code together and answers only "in" or "wrong", never
/// which half was wrong: a guesser learns nothing about the password without also holding the owner's phone, and the
/// owner signs in as usual. (A progressive delay was the other choice; it lets the same stranger keep the owner waiting
/// by trying again each time the delay ends.) An account without an authenticator yet (a new one) cannot pass the lock
/// and waits, or an administrator unlocks it.</para>
/// <para>Unknown e-mail addresses are counted and locked exactly like real ones, so the lock does not tell a stranger
/// which addresses have accounts.</para>
/// </remarks>
public sealed class SignInThrottle(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IOptions<StaffSecurityOptions> options)
{
    private StaffSecurityOptions Limits => options.Value;

    /// <summary>The key of an e-mail address as typed (case and spaces do not matter).</summary>
    public static string NameKey(string email) => "n:" + Hash(email.Trim().ToUpperInvariant());

    /// <summary>The key of a network address: IPv4 as it is (also when mapped into IPv6), IPv6 by its /64.</summary>
    public static string AddressKey(IPAddress? address) => "a:" + Hash(AddressPrefix(address));

    internal static string AddressPrefix(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        return Convert.ToHexString(bytes, 0, 8) + "::/64";
    }

    /// <summary>Whether the address must wait and whether the e-mail address is locked.</summary>
    public async Task<SignInGate> CheckAsync(string email, IPAddress? address, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var keys = new[] { NameKey(email), AddressKey(address) };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.SignInLimits.AsNoTracking().Where(l => keys.Contains(l.Key)).ToListAsync(ct);
        var name = rows.FirstOrDefault(r => r.Key == keys[0]);
        var net = rows.FirstOrDefault(r => r.Key == keys[1]);
        return new SignInGate(
            net?.LockedUntil is { } wait && wait > now ? wait : null,
            name?.LockedUntil is { } until && until > now);
    }

    /// <summary>
    /// Counts a failed sign-in against the e-mail address and the network address. <paramref name="alsoSave"/> adds
    /// what must be written with it (the audit entry), so a known and an unknown account cost the same one commit.
    /// </summary>
    public async Task<SignInGate> RecordFailureAsync(string email, IPAddress? address, Action<AppDbContext>? alsoSave = null, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var name = await CountAsync(db, NameKey(email), now, Limits.LockoutDuration, Limits.MaxFailedAttempts, now + Limits.LockoutDuration, ct);
            var net = await CountAsync(db, AddressKey(address), now, Limits.AddressWindow, Limits.FailuresPerAddress, null, ct);
            alsoSave?.Invoke(db);
            try
            {
                await db.SaveChangesAsync(ct);
                return new SignInGate(net.LockedUntil is { } wait && wait > now ? wait : null, name.LockedUntil is { } until && until > now);
            }
            catch (DbUpdateException ex) when (attempt < 5 && (ex is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(ex)))
            {
                // Another failure was counted at the same moment: count again on top of it.
            }
        }
    }

    /// <summary>A complete sign-in (password, and the code where there is one): the e-mail address starts afresh.</summary>
    public async Task RecordSuccessAsync(string email, CancellationToken ct = default)
    {
        var key = NameKey(email);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.SignInLimits.Where(l => l.Key == key).ExecuteDeleteAsync(ct);
    }

    /// <summary>An administrator lifts the lock of an account's e-mail address.</summary>
    public Task UnlockAsync(string email, CancellationToken ct = default) => RecordSuccessAsync(email, ct);

    /// <summary>Which of <paramref name="emails"/> are locked now.</summary>
    public async Task<IReadOnlySet<string>> LockedAsync(IEnumerable<string> emails, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var byKey = emails.Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(NameKey, e => e);
        var keys = byKey.Keys.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var locked = await db.SignInLimits.AsNoTracking()
            .Where(l => keys.Contains(l.Key) && l.LockedUntil != null && l.LockedUntil > now)
            .Select(l => l.Key)
            .ToListAsync(ct);
        return locked.Select(k => byKey[k]).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    // One more failure under key: a window that is over (or a lock that ended) starts again at one.
    private static async Task<SignInLimit> CountAsync(
        AppDbContext db, string key, DateTimeOffset now, TimeSpan window, int max, DateTimeOffset? lockUntil, CancellationToken ct)
    {
        var row = await db.SignInLimits.FirstOrDefaultAsync(l => l.Key == key, ct);
        if (row is null)
        {
            row = new SignInLimit { Key = key, WindowStart = now };
            db.SignInLimits.Add(row);
        }
        else if (row.LockedUntil is { } until ? until <= now : now - row.WindowStart >= window)
        {
            row.Failures = 0;
            row.WindowStart = now;
            row.LockedUntil = null;
        }

        row.Failures++;
        if (row.LockedUntil is null && row.Failures >= max)
        {
            row.LockedUntil = lockUntil ?? row.WindowStart + window;
        }

        return row;
    }

    private static string Hash(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLower(CultureInfo.InvariantCulture);
}
