using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik.Core.Security;

/// <summary>Abuse:TrustedProxies: addresses and CIDR networks, and one clear line for anything else.</summary>
public sealed class TrustedProxiesTests
{
    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5/32")]
    [InlineData("10.0.0.0/24", "10.0.0.0/24")]
    [InlineData(" 10.0.0.9/24 ", "10.0.0.0/24")]
    [InlineData("2001:db8::5", "2001:db8::5/128")]
    [InlineData("2001:db8:1:2::/64", "2001:db8:1:2::/64")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1/32")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    public void AddressesAndNetworks_AreNetworks(string entry, string expected)
    {
        var network = Assert.Single(TrustedProxies.Parse([entry]));

        Assert.Equal(expected, network.ToString());
    }

    [Fact]
    public void SeveralInOneEntry_AreSplitOnCommasAndSpaces()
    {
        var networks = TrustedProxies.Parse(["10.0.0.5, 192.168.1.0/24 ::1"]);

        Assert.Equal(["10.0.0.5/32", "192.168.1.0/24", "::1/128"], networks.Select(n => n.ToString()));
    }

    [Theory]
    [InlineData("10.0.0.256")]
    [InlineData("10.0.0.0/33")]
    [InlineData("2001:db8::/129")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/24/8")]
    [InlineData("proxy.example.pl")]
    [InlineData("10")]
    [InlineData("10.1")]
    public void Malformed_OneLinePolishThenEnglishNamingTheEntry(string entry)
    {
        var ex = Assert.Throws<StartupFailureException>(() => TrustedProxies.Parse(["10.0.0.1", entry]));

        Assert.StartsWith($"Błędny wpis „{entry}” w Abuse:TrustedProxies — wpisz adres IP", ex.Message, StringComparison.Ordinal);
        Assert.Contains($" / Invalid entry '{entry}' in Abuse:TrustedProxies", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
