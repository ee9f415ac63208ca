using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Accessibility;

/// <summary>The site in Development on a server clock the test moves (sessions, their warning, the throttle, authenticator codes).</summary>
public class StaffClockSiteFixture : SiteFixture
{
    public ManualClock Clock { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>
/// The site as a municipality runs it (Production: two-factor required, the demo password refused) on a server clock
/// the test moves, with a password hasher that counts its work.
/// </summary>
public sealed class ManualClockProductionSiteFixture : StaffClockSiteFixture
{
    public CountingPasswordHasher Hasher { get; } = new();

    protected override string Environment => "Production";

    // Every test of the class signs in from 127.0.0.1: the per-address limit is tested on its own (StaffSignInLimitTests).
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Staff:FailuresPerAddress"] = "1000",

        // Outside Development the site refuses to start without its public address.
        ["PublicSiteUrl"] = "https://mobilny.przykladowo.example.pl",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<IPasswordHasher<StaffUser>>(Hasher);
    }

    /// <summary>Creates an account with a password, a role and (unless told otherwise) an authenticator set up; returns its key.</summary>
    public async Task<string?> CreateStaffAsync(string email, string role = StaffRoles.Coordinator, bool withAuthenticator = true, bool mustChangePassword = false)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Beata Nowa", MustChangePassword = mustChangePassword };
        Assert.True((await users.CreateAsync(user, Staff.StrongPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        if (!withAuthenticator)
        {
            return null;
        }

        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return await users.GetAuthenticatorKeyAsync(user);
    }
}

/// <summary>Identity's own hasher, counting how often a password was checked against a hash.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<StaffUser>
{
    private readonly PasswordHasher<StaffUser> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(StaffUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
