using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Administration;

/// <summary>One staff account as the administrator's list shows it.</summary>
public sealed record StaffAccount(string Id, string DisplayName, string Email, string Role, bool IsDisabled, bool TwoFactorEnabled, bool IsLockedOut);

/// <summary>A new account as the administrator types it.</summary>
public sealed class NewStaffForm
{
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public string? Role { get; set; }
    public string? Password { get; set; }
}

/// <summary>
/// Staff accounts for the administrator: list, create (with a first password the administrator types and
/// hands over), change the role, disable and enable, reset two-factor sign-in. Demands
/// <see cref="StaffPermission.ManageStaff"/>; each change writes <see cref="AuditActions.StaffChanged"/> with the
/// account's id only. An administrator cannot disable or demote themselves, and the last enabled administrator
/// cannot be disabled or demoted, so the office never locks itself out. A first password typed here must be changed by
/// its owner at the first sign-in (<see cref="StaffUser.MustChangePassword"/>): the administrator knew it.
/// </summary>
/// <remarks>
/// Identity's <see cref="UserManager{TUser}"/> is scoped (it holds a context), so each operation opens its own
/// scope: a Blazor circuit must not keep a context alive between clicks.
/// </remarks>
public sealed class StaffAdmin(
    IServiceScopeFactory scopeFactory, IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock, SignInThrottle throttle, StaffSessions sessions)
{
    public const int PasswordMinLength = 12;

    public async Task<IReadOnlyList<StaffAccount>> ListAsync(StaffActor actor, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageStaff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.IsDisabled, u.TwoFactorEnabled, u.LockoutEnd })
            .ToListAsync(ct);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var locked = await throttle.LockedAsync(users.Select(u => u.Email ?? u.Id), ct);
        return users
            .Select(u => new StaffAccount(
                u.Id,
                u.DisplayName,
                u.Email ?? string.Empty,
                RoleOf(roles.Where(r => r.UserId == u.Id).Select(r => r.Name)),
                u.IsDisabled,
                u.TwoFactorEnabled,
                locked.Contains(u.Email ?? u.Id) || (u.LockoutEnd is { } end && end > now)))
            .OrderBy(u => u.IsDisabled)
            .ThenBy(u => u.DisplayName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("pl-PL"), ignoreCase: true))
            .ToList();
    }

    public async Task<CommandResult> CreateAsync(StaffActor actor, NewStaffForm form, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageStaff);
        var errors = new List<AnswerError>();
        var name = AdminValidation.Text(form.DisplayName, nameof(form.DisplayName), "StaffName", 100, errors);
        if (name.Length > 0 && errors.Count == 0 && !PlainText.IsPersonName(name))
        {
            errors.Add(new(nameof(form.DisplayName), "StaffName_Characters"));
        }

        var email = PlainText.Tidy(form.Email);
        if (email.Length == 0)
        {
            errors.Add(new(nameof(form.Email), "StaffEmail_Required"));
        }
        else if (!EmailAddress.IsValid(email))
        {
            errors.Add(new(nameof(form.Email), "StaffEmail_Invalid"));
        }

        if (form.Role is null || !StaffRoles.All.Contains(form.Role))
        {
            errors.Add(new(nameof(form.Role), "StaffRole_Required"));
        }

        var password = form.Password ?? string.Empty;
        if (password.Length == 0)
        {
            errors.Add(new(nameof(form.Password), "Password_Required"));
        }
        else if (password.Length < PasswordMinLength)
        {
            errors.Add(new(nameof(form.Password), "Password_TooShort", PasswordMinLength, password.Length));
        }
        else if (password.Length > 200)
        {
            errors.Add(new(nameof(form.Password), "Password_TooLong", 200));
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if (errors.All(e => e.Field != nameof(form.Email)) && await users.FindByEmailAsync(email) is not null)
        {
            errors.Add(new(nameof(form.Email), "StaffEmail_Taken"));
        }

        if (errors.Count > 0)
        {
            return new CommandResult(errors);
        }

        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, new StaffUser { DisplayName = name, UserName = email, Email = email }, password);
            if (!check.Succeeded)
            {
                return CommandResult.Fail(nameof(form.Password), check.Errors.Select(e => e.Code).FirstOrDefault() switch
                {
                    StaffPasswords.CommonCode => "Password_Common",
                    StaffPasswords.DemoCode => "Password_Demo",
                    _ => "Password_Weak",
                });
            }
        }

        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            CreatedAt = clock.GetUtcNow(),
            MustChangePassword = true,
        };
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return CommandResult.Fail(nameof(form.Email), "StaffEmail_Taken");
        }

        audit.Add(db, actor, AuditActions.StaffChanged, Subject(user.Id), "created " + form.Role);
        Check(await users.AddToRoleAsync(user, form.Role!));
        await transaction.CommitAsync(ct);
        return CommandResult.Ok();
    }

    public async Task<CommandResult> ChangeRoleAsync(StaffActor actor, string userId, string? role, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageStaff);
        if (role is null || !StaffRoles.All.Contains(role))
        {
            return CommandResult.Fail("Role", "StaffRole_Required");
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        // The check and the change hold the administrators' lock: two administrators demoting or disabling each other
        // at the same moment cannot leave the office with none (a write skew on either engine without it).
        await using var transaction = await db.BeginLockedAsync(AdministratorsLock, ct);
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return CommandResult.Fail("Role", "Staff_NotFound");
        }

        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == role)
        {
            return CommandResult.Ok();
        }

        if (current.Contains(StaffRoles.Administrator) && role != StaffRoles.Administrator)
        {
            if (user.Id == actor.UserId)
            {
                return CommandResult.Fail("Role", "Staff_DemoteSelf");
            }

            if (!user.IsDisabled && await EnabledAdministratorsAsync(db, ct) <= 1)
            {
                return CommandResult.Fail("Role", "Staff_LastAdministrator");
            }
        }

        Check(await users.RemoveFromRolesAsync(user, current));
        Check(await users.AddToRoleAsync(user, role));

        // Open sessions carry the old role in their cookie: a new stamp makes them re-read it at the next check.
        audit.Add(db, actor, AuditActions.StaffChanged, Subject(user.Id), $"role {string.Join('+', current)} -> {role}");
        Check(await users.UpdateSecurityStampAsync(user));
        await transaction.CommitAsync(ct);
        return CommandResult.Ok();
    }

    /// <summary>Disables an account: it cannot sign in, and its open sessions end at the next check (within a minute).</summary>
    public async Task<CommandResult> DisableAsync(StaffActor actor, string userId, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageStaff);
        if (userId == actor.UserId)
        {
            return CommandResult.Fail("account", "Staff_DisableSelf");
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        // Under the administrators' lock, as a change of role (above).
        await using var transaction = await db.BeginLockedAsync(AdministratorsLock, ct);
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return CommandResult.Fail("account", "Staff_NotFound");
        }

        if (user.IsDisabled)
        {
            return CommandResult.Ok();
        }

        if (await users.IsInRoleAsync(user, StaffRoles.Administrator) && await EnabledAdministratorsAsync(db, ct) <= 1)
        {
            return CommandResult.Fail("account", "Staff_LastAdministrator");
        }

        // One save: the flag, the new security stamp (open sessions end at their next check) and the audit entry.
        user.IsDisabled = true;
        Audit(scope, actor, user.Id, "disabled");
        Check(await users.UpdateSecurityStampAsync(user));
        await transaction.CommitAsync(ct);

        // The server-side sessions end at once: the next click on any open page of the account changes nothing.
        await sessions.EndAllAsync(user.Id, ct: ct);
        return CommandResult.Ok();
    }

    public async Task<CommandResult> EnableAsync(StaffActor actor, string userId, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageStaff);
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return CommandResult.Fail("account", "Staff_NotFound");
        }

        if (!user.IsDisabled)
        {
            return CommandResult.Ok();
        }

        user.IsDisabled = false;
        Audit(scope, actor, user.Id, "enabled");
        Check(await users.UpdateAsync(user));
        return CommandResult.Ok();
    }

    /// <summary>Lifts a lockout after repeated wrong passwords (the person remembers it again, or got a new one).</summary>
    public async Task<CommandResult> UnlockAsync(StaffActor actor, string userId, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageStaff);
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return CommandResult.Fail("account", "Staff_NotFound");
        }

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Check(await users.ResetAccessFailedCountAsync(user));
        audit.Add(db, actor, AuditActions.StaffChanged, Subject(user.Id), "unlocked");
        Check(await users.SetLockoutEndDateAsync(user, null));
        await transaction.CommitAsync(ct);
        await throttle.UnlockAsync(user.Email ?? user.Id, ct);
        return CommandResult.Ok();
    }

    /// <summary>
    /// Turns two-factor sign-in off and forgets the authenticator key (a lost phone): at the next sign-in the
    /// person sets it up again. Open sessions end, as with a changed password.
    /// </summary>
    public async Task<CommandResult> ResetTwoFactorAsync(StaffActor actor, string userId, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageStaff);
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return CommandResult.Fail("account", "Staff_NotFound");
        }

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        audit.Add(db, actor, AuditActions.StaffChanged, Subject(user.Id), "two-factor reset");

        // Also renews the security stamp.
        Check(await users.ResetAuthenticatorKeyAsync(user));
        await transaction.CommitAsync(ct);
        return CommandResult.Ok();
    }

    public static string Subject(string userId) => "staff:" + userId;

    /// <summary>The lock every change that could leave no enabled administrator holds (see <see cref="DbLocks"/>).</summary>
    private const string AdministratorsLock = "staff:administrators";

    // Identity's store saves through the scope's context, so an entry added there goes out in the same SaveChanges.
    private void Audit(AsyncServiceScope scope, StaffActor actor, string userId, string detail) =>
        audit.Add(scope.ServiceProvider.GetRequiredService<AppDbContext>(), actor, AuditActions.StaffChanged, Subject(userId), detail);

    private static async Task<int> EnabledAdministratorsAsync(AppDbContext db, CancellationToken ct)
    {
        return await (from u in db.Users
                      join ur in db.UserRoles on u.Id equals ur.UserId
                      join r in db.Roles on ur.RoleId equals r.Id
                      where r.Name == StaffRoles.Administrator && !u.IsDisabled
                      select u.Id).Distinct().CountAsync(ct);
    }

    private static string RoleOf(IEnumerable<string?> roles)
    {
        var list = roles.ToList();
        return StaffRoles.All.FirstOrDefault(list.Contains) ?? string.Empty;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Identity refused the change: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
