namespace MobilnyUrzednik.Core.Staff;

public sealed class StaffPasswordsTests
{
    [Theory]
    [InlineData("123456789012")]
    [InlineData("qwertyuiop12")]
    [InlineData("1q2w3e4r5t6y")]
    [InlineData("Zaq12wsxcde3")]
    [InlineData("Password2026!")]
    [InlineData("P@ssw0rd1234")]
    [InlineData("Hasło2026!!!")]
    [InlineData("KochamCię1234")]
    [InlineData("polska123456")]
    [InlineData("haslohaslohaslo")]
    [InlineData("abcabcabcabc")]
    [InlineData("aaaaaaaaaaaaa")]
    [InlineData("abcdefghijklm")]
    [InlineData("987654321098")]
    [InlineData("!!!!!!!!!!!!")]
    [InlineData("MobilnyUrzednik2026")]
    [InlineData("Administrator1")]
    public void IsCommon_ListedOrTrivial_IsRefused(string password) => Assert.True(StaffPasswords.IsCommon(password), password);

    [Theory]
    [InlineData("zielony-rower-2026")]
    [InlineData("bardzo-dlugie-haslo-1")]
    [InlineData("kawa z mlekiem o 7")]
    [InlineData("738291046583")]
    [InlineData("Mobilny-Demo-2026")]
    public void IsCommon_AnOrdinaryLongPassword_IsAllowed(string password) => Assert.False(StaffPasswords.IsCommon(password), password);

    [Theory]
    [InlineData("jan.nowak2026", "jan.nowak@gmina.pl", "Jan Nowak")]
    [InlineData("Kowalska12345", "anna@gmina.pl", "Anna Kowalska")]
    [InlineData("annakowalska!", "a.k@gmina.pl", "Anna Kowalska")]
    public void IsCommon_ThePersonsOwnNameOrEmail_IsRefused(string password, string email, string name) =>
        Assert.True(StaffPasswords.IsCommon(password, email, name));

    [Fact]
    public void Check_TheDemoPassword_IsRefusedOutsideDevelopmentOnly()
    {
        var production = StaffPasswords.Check(StaffPasswords.DemoPassword, "anna@gmina.pl", "Anna Kowalska", development: false);
        Assert.Equal(StaffPasswords.DemoCode, Assert.Single(production.Errors).Code);
        Assert.True(StaffPasswords.Check(StaffPasswords.DemoPassword, "anna@gmina.pl", "Anna Kowalska", development: true).Succeeded);
    }

    [Fact]
    public void Check_ACommonPassword_GivesAPlainPolishReason()
    {
        var error = Assert.Single(StaffPasswords.Check("Password2026!", null, null, development: false).Errors);
        Assert.Equal(StaffPasswords.CommonCode, error.Code);
        Assert.StartsWith("To hasło łatwo odgadnąć", error.Description, StringComparison.Ordinal);
    }
}
