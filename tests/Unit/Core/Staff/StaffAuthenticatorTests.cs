using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MobilnyUrzednik.Core.Staff;

public sealed class StaffAuthenticatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Kit(TestDatabase Database, FakeClock Clock, ServiceProvider Services, string Key) : IAsyncDisposable
    {
        public async Task<bool> VerifyAsync(string code)
        {
            await using var scope = Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByIdAsync("anna"))!;
            return await users.VerifyTwoFactorTokenAsync(user, StaffAuthenticator.ProviderName, code);
        }

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            await Database.DisposeAsync();
        }
    }

    private static async Task<Kit> ArrangeAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddScoped(_ => database.CreateDbContext());
        services.AddIdentityCore<StaffUser>()
            .AddEntityFrameworkStores<Data.AppDbContext>()
            .AddTokenProvider<StaffAuthenticator>(StaffAuthenticator.ProviderName);
        var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { Id = "anna", UserName = "anna@gmina.pl", Email = "anna@gmina.pl", DisplayName = "Anna Kowalska" };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        await users.ResetAuthenticatorKeyAsync(user);
        return new Kit(database, clock, provider, (await users.GetAuthenticatorKeyAsync(user))!);
    }

    [Fact]
    public async Task ACode_IsAcceptedOnce()
    {
        await using var kit = await ArrangeAsync();
        var code = StaffAuthenticator.CodeAt(kit.Key, kit.Clock.GetUtcNow());

        Assert.True(await kit.VerifyAsync(code));
        Assert.False(await kit.VerifyAsync(code));
    }

    [Fact]
    public async Task Codes_ThirtySecondsEitherSide_AreAccepted_SixtyAreNot()
    {
        await using var kit = await ArrangeAsync();
        var now = kit.Clock.GetUtcNow();

        Assert.False(await kit.VerifyAsync(StaffAuthenticator.CodeAt(kit.Key, now - TimeSpan.FromSeconds(60))));
        Assert.False(await kit.VerifyAsync(StaffAuthenticator.CodeAt(kit.Key, now + TimeSpan.FromSeconds(60))));
        Assert.True(await kit.VerifyAsync(StaffAuthenticator.CodeAt(kit.Key, now - TimeSpan.FromSeconds(30))));
        Assert.True(await kit.VerifyAsync(StaffAuthenticator.CodeAt(kit.Key, now + TimeSpan.FromSeconds(30))));
    }

    [Fact]
    public async Task AnOlderCode_AfterANewerOneWasUsed_IsRefused()
    {
        await using var kit = await ArrangeAsync();
        var now = kit.Clock.GetUtcNow();

        Assert.True(await kit.VerifyAsync(StaffAuthenticator.CodeAt(kit.Key, now)));
        Assert.False(await kit.VerifyAsync(StaffAuthenticator.CodeAt(kit.Key, now - TimeSpan.FromSeconds(30))));
        kit.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await kit.VerifyAsync(StaffAuthenticator.CodeAt(kit.Key, kit.Clock.GetUtcNow())));
    }

    [Fact]
    public async Task TheSameCode_RacedTwice_WinsOnce()
    {
        await using var kit = await ArrangeAsync();
        var code = StaffAuthenticator.CodeAt(kit.Key, kit.Clock.GetUtcNow());

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => kit.VerifyAsync(code)));

        Assert.Single(results, r => r);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public async Task NotSixDigits_IsRefused(string code)
    {
        await using var kit = await ArrangeAsync();
        Assert.False(await kit.VerifyAsync(code));
    }
}
