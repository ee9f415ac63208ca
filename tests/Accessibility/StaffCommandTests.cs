using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.PublicSite.Staff;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// The first administrator is created from the command line (there is no default account outside
/// Development): <c>create-staff --email … --name … --role …</c> with the password on standard input.
/// </summary>
public sealed class StaffCommandTests(ProductionSiteFixture site) : IClassFixture<ProductionSiteFixture>
{
    [Fact]
    public async Task CreateStaff_WithAGoodPassword_CreatesTheAccountWithItsRole()
    {
        var (code, output, _) = await RunAsync("--email", "pierwsza.admin@gmina.example.pl", "--name", "Zofia Pierwsza", "--role", "administrator");

        Assert.Equal(0, code);
        Assert.Contains("Utworzono konto pierwsza.admin@gmina.example.pl z rolą administrator", output, StringComparison.Ordinal);
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByEmailAsync("pierwsza.admin@gmina.example.pl");
        Assert.NotNull(user);
        Assert.Equal("Zofia Pierwsza", user.DisplayName);
        Assert.Equal([StaffRoles.Administrator], await users.GetRolesAsync(user));
        Assert.True(await users.CheckPasswordAsync(user, "dlugie-haslo-do-panelu"));
    }

    [Fact]
    public async Task CreateStaff_WithAShortPassword_CreatesNothingAndSaysWhy()
    {
        var (code, _, error) = await RunWithPasswordAsync("krotkie", "--email", "krotkie@gmina.example.pl", "--name", "Jan Krótki", "--role", "coordinator");

        Assert.Equal(1, code);
        Assert.Contains("Hasło musi mieć co najmniej 12 znaków.", error, StringComparison.Ordinal);
        using var scope = site.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync("krotkie@gmina.example.pl"));
    }

    [Theory]
    [InlineData(Staff.Password, "To hasło jest opublikowane w instrukcji jako hasło demonstracyjne. Wybierz inne.")]
    [InlineData("qwertyuiop123", "To hasło łatwo odgadnąć")]
    [InlineData("Zofia2026!!!!", "To hasło łatwo odgadnąć")]
    public async Task CreateStaff_WithTheDemoOrACommonPassword_CreatesNothingAndSaysWhy(string password, string message)
    {
        var (code, _, error) = await RunWithPasswordAsync(password, "--email", "latwe@gmina.example.pl", "--name", "Zofia Łatwa", "--role", "administrator");

        Assert.Equal(1, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        using var scope = site.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync("latwe@gmina.example.pl"));
    }

    [Fact]
    public async Task CreateStaff_WithAnUnknownRoleOrNoEmail_ExplainsTheUsage()
    {
        var (unknownRole, _, roleError) = await RunAsync("--email", "x@gmina.example.pl", "--name", "X", "--role", "szef");
        Assert.Equal(2, unknownRole);
        Assert.Contains("Nieznana rola \"szef\"", roleError, StringComparison.Ordinal);

        var (noEmail, _, usage) = await RunAsync("--name", "X");
        Assert.Equal(2, noEmail);
        Assert.Contains("Użycie: create-staff", usage, StringComparison.Ordinal);
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] options) => RunWithPasswordAsync("dlugie-haslo-do-panelu", options);

    private async Task<(int Code, string Output, string Error)> RunWithPasswordAsync(string password, params string[] options)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await StaffCommands.RunAsync(site.Services, [StaffCommands.CreateStaff, .. options], new StringReader(password + "\n"), output, error);
        return (code, output.ToString(), error.ToString());
    }
}
