using System.Security.Claims;

namespace MobilnyUrzednik.Core.Staff;

/// <summary>
/// The staff member doing something, as services see them: id for the audit log, name for the history,
/// roles for the permission check. Services refuse an actor without the permission, whatever the UI showed.
/// </summary>
public sealed record StaffActor(string UserId, string DisplayName, IReadOnlyList<string> Roles)
{
    /// <summary>The claim that carries the display name in the sign-in cookie.</summary>
    public const string DisplayNameClaim = "mu:name";

    public bool Can(StaffPermission permission) => StaffPermissions.Allows(Roles, permission);

    /// <summary>Throws <see cref="StaffAccessDeniedException"/> unless the actor holds <paramref name="permission"/>.</summary>
    public void Demand(StaffPermission permission)
    {
        if (!Can(permission))
        {
            throw new StaffAccessDeniedException(permission);
        }
    }

    /// <summary>Reads the actor from a signed-in principal; null when it is not a staff member.</summary>
    public static StaffActor? From(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user.Identity?.IsAuthenticated != true || id is null)
        {
            return null;
        }

        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).Where(StaffRoles.All.Contains).ToList();
        var name = user.FindFirstValue(DisplayNameClaim) ?? user.Identity.Name ?? id;
        return roles.Count == 0 ? null : new StaffActor(id, name, roles);
    }
}

/// <summary>A service was asked to do something the actor's role does not allow.</summary>
public sealed class StaffAccessDeniedException(StaffPermission permission)
    : UnauthorizedAccessException($"The staff member lacks the permission {permission}.")
{
    public StaffPermission Permission { get; } = permission;
}
