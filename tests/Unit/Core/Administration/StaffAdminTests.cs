using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Administration;

public class StaffAdminTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StaffAdmin Admin(AdminTestKit kit) => kit.StaffAdmin();

    private static NewStaffForm Valid() => new()
    {
        DisplayName = "  Jan   Nowak ",
        Email = "jan.nowak@gmina.example.pl",
        Role = StaffRoles.Clerk,
        Password = "zielony-rower-2026",
    };

    [Fact]
    public async Task CreateAsync_ValidForm_CreatesAnAccountThatSignsInWithTheTypedPasswordAndAudits()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = await kit.AddStaffAsync("admin@gmina.example.pl", "Ewa Admin", StaffRoles.Administrator);

        var result = await Admin(kit).CreateAsync(admin, Valid(), Ct);

        Assert.True(result.Succeeded);
        var account = Assert.Single(await Admin(kit).ListAsync(admin, Ct), a => a.Email == "jan.nowak@gmina.example.pl");
        Assert.Equal("Jan Nowak", account.DisplayName);
        Assert.Equal(StaffRoles.Clerk, account.Role);
        Assert.False(account.IsDisabled);
        await using (var scope = kit.ScopeFactory.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(account.Id))!, "zielony-rower-2026"));
        }

        var entry = Assert.Single(await kit.AuditEntriesAsync());
        Assert.Equal(AuditActions.StaffChanged, entry.Action);
        Assert.Equal("staff:" + account.Id, entry.Subject);
        Assert.DoesNotContain("Nowak", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("@", entry.Detail, StringComparison.Ordinal);

        // The administrator typed it: its owner must replace it at the first sign-in.
        Assert.True((await kit.FindUserAsync(account.Id)).MustChangePassword);
    }

    public static TheoryData<string, string?, string?, string?, string?, string> BadForms => new()
    {
        { nameof(NewStaffForm.DisplayName), "", "a@b.pl", StaffRoles.Clerk, "zielony-rower-2026", "Wpisz imię i nazwisko pracownika" },
        { nameof(NewStaffForm.DisplayName), new string('a', 10_000), "a@b.pl", StaffRoles.Clerk, "zielony-rower-2026", "Imię i nazwisko może mieć najwyżej 100 znaków. Teraz ma 10000." },
        { nameof(NewStaffForm.DisplayName), "<b>Jan</b>", "a@b.pl", StaffRoles.Clerk, "zielony-rower-2026", "Imię i nazwisko nie może zawierać znaków < ani >." },
        { nameof(NewStaffForm.DisplayName), "Jan 2", "a@b.pl", StaffRoles.Clerk, "zielony-rower-2026", "Imię i nazwisko może zawierać tylko litery, spacje, łączniki i apostrofy" },
        { nameof(NewStaffForm.Email), "Jan", "", StaffRoles.Clerk, "zielony-rower-2026", "Wpisz służbowy adres e-mail, na przykład anna.kowalska@gmina.pl" },
        { nameof(NewStaffForm.Email), "Jan", "<a@b.pl>", StaffRoles.Clerk, "zielony-rower-2026", "Wpisz poprawny adres e-mail, na przykład anna.kowalska@gmina.pl" },
        { nameof(NewStaffForm.Role), "Jan", "a@b.pl", "superuser", "zielony-rower-2026", "Wybierz rolę: administrator, koordynator albo urzędnik" },
        { nameof(NewStaffForm.Password), "Jan", "a@b.pl", StaffRoles.Clerk, "", "Wpisz hasło startowe (co najmniej 12 znaków)" },
        { nameof(NewStaffForm.Password), "Jan", "a@b.pl", StaffRoles.Clerk, "krotkie", "Hasło musi mieć co najmniej 12 znaków. Teraz ma 7." },
        { nameof(NewStaffForm.Password), "Jan", "a@b.pl", StaffRoles.Clerk, "aaaaaaaaaaaaaaaa", "Hasło jest zbyt proste. Użyj co najmniej 5 różnych znaków, na przykład kilku słów." },
        { nameof(NewStaffForm.Password), "Jan", "a@b.pl", StaffRoles.Clerk, "Password2026!", "To hasło łatwo odgadnąć: jest na liście często używanych haseł albo składa się z imienia lub adresu pracownika. Wybierz inne, na przykład trzy przypadkowe słowa." },
        { nameof(NewStaffForm.Password), "Jan", "a@b.pl", StaffRoles.Clerk, "qwertyuiop1234", "To hasło łatwo odgadnąć: jest na liście często używanych haseł albo składa się z imienia lub adresu pracownika. Wybierz inne, na przykład trzy przypadkowe słowa." },
        { nameof(NewStaffForm.Password), "Jan Nowak", "jan.nowak@b.pl", StaffRoles.Clerk, "JanNowak2026!", "To hasło łatwo odgadnąć: jest na liście często używanych haseł albo składa się z imienia lub adresu pracownika. Wybierz inne, na przykład trzy przypadkowe słowa." },
        { nameof(NewStaffForm.Password), "Jan", "a@b.pl", StaffRoles.Clerk, "Mobilny-Demo-2026", "To hasło jest opublikowane w instrukcji jako hasło demonstracyjne. Wybierz inne." },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task CreateAsync_BadInput_GivesTheFieldsMessageAndCreatesNothing(string field, string? name, string? email, string? role, string? password, string message)
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = await kit.AddStaffAsync("admin@gmina.example.pl", "Ewa Admin", StaffRoles.Administrator);

        var result = await Admin(kit).CreateAsync(admin, new NewStaffForm { DisplayName = name, Email = email, Role = role, Password = password }, Ct);

        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(message, AdminTestKit.Message(error));
        Assert.Single(await Admin(kit).ListAsync(admin, Ct));
        Assert.Empty(await kit.AuditEntriesAsync());
    }

    [Fact]
    public async Task CreateAsync_EmailInUse_IsRefused()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = await kit.AddStaffAsync("admin@gmina.example.pl", "Ewa Admin", StaffRoles.Administrator);
        var form = Valid();
        form.Email = "ADMIN@gmina.example.pl";

        var result = await Admin(kit).CreateAsync(admin, form, Ct);

        Assert.Equal("Konto z tym adresem e-mail już istnieje", AdminTestKit.Message(Assert.Single(result.Errors)));
    }

    [Fact]
    public async Task DisableAsync_Account_SetsTheFlagRenewsTheSecurityStampAndAudits()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = await kit.AddStaffAsync("admin@gmina.example.pl", "Ewa Admin", StaffRoles.Administrator);
        var clerk = await kit.AddStaffAsync("jan@gmina.example.pl", "Jan Nowak", StaffRoles.Clerk);
        var stamp = (await kit.FindUserAsync(clerk.UserId)).SecurityStamp;

        var result = await Admin(kit).DisableAsync(admin, clerk.UserId, Ct);

        Assert.True(result.Succeeded);
        var user = await kit.FindUserAsync(clerk.UserId);
        Assert.True(user.IsDisabled);
        Assert.NotEqual(stamp, user.SecurityStamp);
        var entry = Assert.Single(await kit.AuditEntriesAsync());
        Assert.Equal(("staff:" + clerk.UserId, "disabled"), (entry.Subject, entry.Detail));

        Assert.True((await Admin(kit).EnableAsync(admin, clerk.UserId, Ct)).Succeeded);
        Assert.False((await kit.FindUserAsync(clerk.UserId)).IsDisabled);
    }

    [Fact]
    public async Task DisableAsync_Self_IsRefused()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = await kit.AddStaffAsync("admin@gmina.example.pl", "Ewa Admin", StaffRoles.Administrator);
        await kit.AddStaffAsync("admin2@gmina.example.pl", "Olga Admin", StaffRoles.Administrator);

        var result = await Admin(kit).DisableAsync(admin, admin.UserId, Ct);

        Assert.Equal("Nie możesz wyłączyć własnego konta. Poproś o to innego administratora.", AdminTestKit.Message(Assert.Single(result.Errors)));
        Assert.False((await kit.FindUserAsync(admin.UserId)).IsDisabled);
    }

    [Fact]
    public async Task DisableAndDemote_LastEnabledAdministrator_AreRefused()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var first = await kit.AddStaffAsync("admin@gmina.example.pl", "Ewa Admin", StaffRoles.Administrator);
        var second = await kit.AddStaffAsync("admin2@gmina.example.pl", "Olga Admin", StaffRoles.Administrator);
        Assert.True((await Admin(kit).DisableAsync(first, second.UserId, Ct)).Succeeded);

        // An actor acting through the service directly (e.g. a second session) still cannot leave the office without an administrator.
        var other = new StaffActor("someone-else", "Ktoś", [StaffRoles.Administrator]);
        var disable = await Admin(kit).DisableAsync(other, first.UserId, Ct);
        var demote = await Admin(kit).ChangeRoleAsync(other, first.UserId, StaffRoles.Coordinator, Ct);

        const string Message = "To jedyny aktywny administrator. Najpierw nadaj rolę administratora komuś innemu.";
        Assert.Equal(Message, AdminTestKit.Message(Assert.Single(disable.Errors)));
        Assert.Equal(Message, AdminTestKit.Message(Assert.Single(demote.Errors)));
        var account = Assert.Single(await Admin(kit).ListAsync(first, Ct), a => a.Id == first.UserId);
        Assert.Equal((StaffRoles.Administrator, false), (account.Role, account.IsDisabled));
    }

    [Fact]
    public async Task ChangeRoleAsync_Self_IsRefusedAndOtherAccountsChangeWithANewStamp()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = await kit.AddStaffAsync("admin@gmina.example.pl", "Ewa Admin", StaffRoles.Administrator);
        await kit.AddStaffAsync("admin2@gmina.example.pl", "Olga Admin", StaffRoles.Administrator);
        var clerk = await kit.AddStaffAsync("jan@gmina.example.pl", "Jan Nowak", StaffRoles.Clerk);
        var stamp = (await kit.FindUserAsync(clerk.UserId)).SecurityStamp;

        var self = await Admin(kit).ChangeRoleAsync(admin, admin.UserId, StaffRoles.Clerk, Ct);
        var promote = await Admin(kit).ChangeRoleAsync(admin, clerk.UserId, StaffRoles.Coordinator, Ct);

        Assert.Equal("Nie możesz odebrać sobie roli administratora. Poproś o to innego administratora.", AdminTestKit.Message(Assert.Single(self.Errors)));
        Assert.True(promote.Succeeded);
        var accounts = await Admin(kit).ListAsync(admin, Ct);
        Assert.Equal(StaffRoles.Administrator, accounts.Single(a => a.Id == admin.UserId).Role);
        Assert.Equal(StaffRoles.Coordinator, accounts.Single(a => a.Id == clerk.UserId).Role);
        Assert.NotEqual(stamp, (await kit.FindUserAsync(clerk.UserId)).SecurityStamp);
        Assert.Equal("role clerk -> coordinator", Assert.Single(await kit.AuditEntriesAsync()).Detail);
    }

    [Fact]
    public async Task ResetTwoFactorAsync_Account_TurnsItOffAndForgetsTheKey()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = await kit.AddStaffAsync("admin@gmina.example.pl", "Ewa Admin", StaffRoles.Administrator);
        var clerk = await kit.AddStaffAsync("jan@gmina.example.pl", "Jan Nowak", StaffRoles.Clerk);
        string? oldKey;
        await using (var scope = kit.ScopeFactory.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByIdAsync(clerk.UserId))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            oldKey = await users.GetAuthenticatorKeyAsync(user);
        }

        var result = await Admin(kit).ResetTwoFactorAsync(admin, clerk.UserId, Ct);

        Assert.True(result.Succeeded);
        await using (var scope = kit.ScopeFactory.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByIdAsync(clerk.UserId))!;
            Assert.False(await users.GetTwoFactorEnabledAsync(user));
            Assert.NotEqual(oldKey, await users.GetAuthenticatorKeyAsync(user));
        }

        Assert.Equal("two-factor reset", Assert.Single(await kit.AuditEntriesAsync()).Detail);
    }

    [Fact]
    public async Task UnlockAsync_AnAccountLockedByFailedSignIns_IsShownLockedThenUnlocked()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = await kit.AddStaffAsync("admin@gmina.example.pl", "Ewa Admin", StaffRoles.Administrator);
        var clerk = await kit.AddStaffAsync("jan@gmina.example.pl", "Jan Nowak", StaffRoles.Clerk);
        for (var i = 0; i < 5; i++)
        {
            await kit.Throttle.RecordFailureAsync("jan@gmina.example.pl", null, ct: Ct);
        }

        Assert.True(Assert.Single(await Admin(kit).ListAsync(admin, Ct), a => a.Id == clerk.UserId).IsLockedOut);

        var result = await Admin(kit).UnlockAsync(admin, clerk.UserId, Ct);

        Assert.True(result.Succeeded);
        Assert.False(Assert.Single(await Admin(kit).ListAsync(admin, Ct), a => a.Id == clerk.UserId).IsLockedOut);
        Assert.False((await kit.Throttle.CheckAsync("jan@gmina.example.pl", null, Ct)).NameLocked);
        Assert.Equal("unlocked", Assert.Single(await kit.AuditEntriesAsync()).Detail);
    }

    [Fact]
    public async Task DisableAsync_EndsTheAccountsSessionsAtOnce()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = await kit.AddStaffAsync("admin@gmina.example.pl", "Ewa Admin", StaffRoles.Administrator);
        var clerk = await kit.AddStaffAsync("jan@gmina.example.pl", "Jan Nowak", StaffRoles.Clerk);
        var session = await kit.Sessions.StartAsync(clerk.UserId, Ct);

        Assert.True((await Admin(kit).DisableAsync(admin, clerk.UserId, Ct)).Succeeded);

        Assert.Equal(SessionEnd.Ended, (await kit.Sessions.CheckAsync(session, clerk.UserId, activity: true, Ct)).End);
    }

    [Theory]
    [InlineData(StaffRoles.Coordinator)]
    [InlineData(StaffRoles.Clerk)]
    public async Task EveryCommand_WithoutManageStaff_IsRefusedAndChangesNothing(string role)
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var target = await kit.AddStaffAsync("jan@gmina.example.pl", "Jan Nowak", StaffRoles.Clerk);
        var actor = new StaffActor("x", "X", [role]);
        var admin = Admin(kit);

        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => admin.ListAsync(actor, Ct));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => admin.CreateAsync(actor, Valid(), Ct));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => admin.ChangeRoleAsync(actor, target.UserId, StaffRoles.Administrator, Ct));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => admin.DisableAsync(actor, target.UserId, Ct));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => admin.EnableAsync(actor, target.UserId, Ct));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => admin.ResetTwoFactorAsync(actor, target.UserId, Ct));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => admin.UnlockAsync(actor, target.UserId, Ct));

        var user = await kit.FindUserAsync(target.UserId);
        Assert.False(user.IsDisabled);
        Assert.Empty(await kit.AuditEntriesAsync());
    }
}
