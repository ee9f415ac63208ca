using System.Net;
using Microsoft.Extensions.Options;

namespace MobilnyUrzednik.Core.Staff;

public sealed class SignInThrottleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SignInThrottle Throttle(TestDatabase database, FakeClock clock) =>
        new(database, clock, Options.Create(new StaffSecurityOptions()));

    [Fact]
    public async Task FiveFailures_LockTheName_ForFifteenMinutes_WhateverAddressTheyCameFrom()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var throttle = Throttle(database, clock);
        for (var i = 0; i < 4; i++)
        {
            Assert.False((await throttle.RecordFailureAsync("anna@gmina.pl", IPAddress.Parse($"10.0.0.{i}"), ct: Ct)).NameLocked);
        }

        Assert.True((await throttle.RecordFailureAsync(" ANNA@gmina.pl ", IPAddress.Parse("10.0.0.9"), ct: Ct)).NameLocked);
        Assert.True((await throttle.CheckAsync("anna@gmina.pl", IPAddress.Parse("192.0.2.1"), Ct)).NameLocked);
        Assert.Contains("anna@gmina.pl", await throttle.LockedAsync(["anna@gmina.pl", "jan@gmina.pl"], Ct));

        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.False((await throttle.CheckAsync("anna@gmina.pl", null, Ct)).NameLocked);
        Assert.False((await throttle.RecordFailureAsync("anna@gmina.pl", null, ct: Ct)).NameLocked);
    }

    [Fact]
    public async Task AnUnknownName_IsCountedAndLockedExactlyLikeAKnownOne()
    {
        await using var database = await TestDatabase.CreateAsync();
        var throttle = Throttle(database, new FakeClock());
        var known = new List<bool>();
        var unknown = new List<bool>();
        for (var i = 0; i < 6; i++)
        {
            known.Add((await throttle.RecordFailureAsync("anna@gmina.pl", null, ct: Ct)).NameLocked);
            unknown.Add((await throttle.RecordFailureAsync("nikt@gmina.pl", null, ct: Ct)).NameLocked);
        }

        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task ASuccess_StartsTheNameAfresh_AndUnlockLiftsTheLock()
    {
        await using var database = await TestDatabase.CreateAsync();
        var throttle = Throttle(database, new FakeClock());
        for (var i = 0; i < 4; i++)
        {
            await throttle.RecordFailureAsync("anna@gmina.pl", null, ct: Ct);
        }

        await throttle.RecordSuccessAsync("anna@gmina.pl", Ct);
        Assert.False((await throttle.RecordFailureAsync("anna@gmina.pl", null, ct: Ct)).NameLocked);

        for (var i = 0; i < 4; i++)
        {
            await throttle.RecordFailureAsync("anna@gmina.pl", null, ct: Ct);
        }

        Assert.True((await throttle.CheckAsync("anna@gmina.pl", null, Ct)).NameLocked);
        await throttle.UnlockAsync("anna@gmina.pl", Ct);
        Assert.False((await throttle.CheckAsync("anna@gmina.pl", null, Ct)).NameLocked);
    }

    [Fact]
    public async Task TwentyFailuresFromOneAddress_AcrossManyNames_MakeItWaitUntilTheWindowEnds()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var throttle = Throttle(database, clock);
        var address = IPAddress.Parse("2001:db8:1:2:aaaa::1");
        for (var i = 0; i < 19; i++)
        {
            Assert.Null((await throttle.RecordFailureAsync($"osoba{i}@gmina.pl", address, ct: Ct)).AddressWaitUntil);
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        // Another address of the same /64 is the same line.
        var gate = await throttle.RecordFailureAsync("osoba99@gmina.pl", IPAddress.Parse("2001:db8:1:2:ffff::7"), ct: Ct);
        Assert.Equal(FakeClock.Default + TimeSpan.FromMinutes(15), gate.AddressWaitUntil);
        Assert.NotNull((await throttle.CheckAsync("ktokolwiek@gmina.pl", address, Ct)).AddressWaitUntil);
        Assert.Null((await throttle.CheckAsync("ktokolwiek@gmina.pl", IPAddress.Parse("2001:db8:1:3::1"), Ct)).AddressWaitUntil);

        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Null((await throttle.CheckAsync("ktokolwiek@gmina.pl", address, Ct)).AddressWaitUntil);
    }

    [Fact]
    public async Task ParallelFailures_AreAllCounted()
    {
        await using var database = await TestDatabase.CreateAsync();
        var throttle = Throttle(database, new FakeClock());

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => throttle.RecordFailureAsync("anna@gmina.pl", null, ct: Ct)));

        Assert.True((await throttle.CheckAsync("anna@gmina.pl", null, Ct)).NameLocked);
    }

    [Theory]
    [InlineData("192.0.2.10", "192.0.2.10")]
    [InlineData("::ffff:192.0.2.10", "192.0.2.10")]
    [InlineData("2001:db8:aa:bb:1:2:3:4", "20010DB800AA00BB::/64")]
    public void AddressPrefix_IPv4AsItIs_IPv6ByIts64(string address, string prefix) =>
        Assert.Equal(prefix, SignInThrottle.AddressPrefix(IPAddress.Parse(address)));

    [Fact]
    public async Task Keys_HoldNeitherTheEmailNorTheAddress()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Throttle(database, new FakeClock()).RecordFailureAsync("anna@gmina.pl", IPAddress.Parse("192.0.2.10"), ct: Ct);

        await using var db = database.CreateDbContext();
        Assert.All(db.SignInLimits.Select(l => l.Key).ToList(), k => Assert.DoesNotContain("anna", k, StringComparison.OrdinalIgnoreCase));
        Assert.All(db.SignInLimits.Select(l => l.Key).ToList(), k => Assert.DoesNotContain("192", k, StringComparison.Ordinal));
    }
}
