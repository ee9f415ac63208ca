using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.PublicSite.Components.Panel.Admin;

public class StaffPageTests : PanelTestContext
{
    private async Task<string> AddUserAsync(string email, string name, string role, string? id = null)
    {
        await using var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }

        var user = new StaffUser { UserName = email, Email = email, DisplayName = name };
        if (id is not null)
        {
            user.Id = id;
        }

        Assert.True((await users.CreateAsync(user, "bardzo-dlugie-haslo-1")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }

    private async Task<IRenderedComponent<StaffPage>> OpenAsAdministratorAsync()
    {
        await StartAsync(userId: "admin-1");
        await AddUserAsync("admin@gmina.example.pl", "Ewa Administratorka", StaffRoles.Administrator, "admin-1");
        await AddUserAsync("jan@gmina.example.pl", "Jan Nowak", StaffRoles.Clerk);
        await AddUserAsync(StaffRoles.Coordinator + "@gmina.example.pl", "Anna Kowalska", StaffRoles.Coordinator);
        var cut = Render<StaffPage>();
        cut.WaitForElement("table");
        return cut;
    }

    [Fact]
    public async Task StaffPage_Opened_ListsAccountsWithRolesInWords()
    {
        var cut = await OpenAsAdministratorAsync();

        Assert.Equal("Konta pracowników: 3", cut.Find("caption").TextContent);
        var rows = cut.FindAll("tbody tr").Select(r => Words(r.QuerySelector("td")!.TextContent)).ToList();
        Assert.Equal(["Koordynator", "Administrator", "Urzędnik"], rows);
        Assert.Contains(cut.FindAll("button"), b => Words(b.TextContent) == "Zarządzaj Jan Nowak");
    }

    [Fact]
    public async Task StaffPage_DisableOwnAccount_ShowsWhyAndChangesNothing()
    {
        var cut = await OpenAsAdministratorAsync();

        cut.FindAll("button").First(b => Words(b.TextContent) == "Zarządzaj Ewa Administratorka").Click();
        cut.FindAll("button").First(b => b.TextContent == "Wyłącz konto").Click();

        // The refusal comes back from the database's check: wait for its render rather than the click.
        Assert.Equal(
            "Nie możesz wyłączyć własnego konta. Poproś o to innego administratora.",
            Words(cut.WaitForElement(".error-summary li a").TextContent));
        Assert.EndsWith("#konto-dzialania", cut.Find(".error-summary li a").GetAttribute("href"), StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.IsDisabled, Ct));
    }

    [Fact]
    public async Task StaffPage_DisableAnotherAccount_IsConfirmedAndShownAsDisabled()
    {
        var cut = await OpenAsAdministratorAsync();

        // The list comes from the database: wait for its render (on PostgreSQL under load it was not there yet).
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("button"), b => Words(b.TextContent) == "Zarządzaj Jan Nowak"));
        cut.FindAll("button").First(b => Words(b.TextContent) == "Zarządzaj Jan Nowak").Click();
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("button"), b => b.TextContent == "Wyłącz konto"));
        cut.FindAll("button").First(b => b.TextContent == "Wyłącz konto").Click();

        cut.WaitForAssertion(() => Assert.Equal("Wyłączono konto: Jan Nowak.", cut.Find("[data-panel-saved]").TextContent));
        var row = cut.FindAll("tbody tr").Single(r => r.TextContent.Contains("Jan Nowak", StringComparison.Ordinal));
        Assert.Contains("Wyłączone", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("button"), b => b.TextContent == "Włącz konto");
    }

    [Fact]
    public async Task StaffPage_NewAccountWithBadInput_ShowsEveryProblemAndCreatesNothing()
    {
        var cut = await OpenAsAdministratorAsync();

        cut.Find("#DisplayName").Input("<script>alert(1)</script>");
        cut.Find("#Email").Input(new string('e', 10_000));
        cut.Find("#Password").Input("krotkie");
        cut.Find("form:last-of-type").Submit();

        cut.WaitForElement(".error-summary");
        Assert.Equal(
            [
                "Imię i nazwisko nie może zawierać znaków < ani >.",
                "Wpisz poprawny adres e-mail, na przykład anna.kowalska@gmina.pl",
                "Wybierz rolę: administrator, koordynator albo urzędnik",
                "Hasło musi mieć co najmniej 12 znaków. Teraz ma 7.",
            ],
            cut.FindAll(".error-summary li a").Select(a => Words(a.TextContent)));
        Assert.Equal("<script>alert(1)</script>", cut.Find("#DisplayName").GetAttribute("value"));
        await using var db = Database.CreateDbContext();
        Assert.Equal(3, await db.Users.CountAsync(Ct));
    }
}
