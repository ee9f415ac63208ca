using System.Security.Claims;

namespace MobilnyUrzednik.Core.Staff;

/// <summary>
/// The permission table against the office's rules written out by hand, one row per role: a change to
/// who may do what has to change this test too.
/// </summary>
public sealed class StaffPermissionsTests
{
    private static readonly Dictionary<string, StaffPermission[]> Expected = new()
    {
        [StaffRoles.Administrator] = Enum.GetValues<StaffPermission>(),
        [StaffRoles.Coordinator] =
        [
            StaffPermission.ViewInbox, StaffPermission.ReadRequest, StaffPermission.ChangeRequest, StaffPermission.TakePhoneRequest,
            StaffPermission.BookVisits, StaffPermission.ManageClerkDays, StaffPermission.ConfirmVisits, StaffPermission.PassOnMessages,
            StaffPermission.ViewOwnVisits, StaffPermission.RecordVisitOutcome, StaffPermission.ViewReports,
        ],
        [StaffRoles.Clerk] = [StaffPermission.ViewOwnVisits, StaffPermission.RecordVisitOutcome],
    };

    public static TheoryData<string, StaffPermission> Pairs()
    {
        var data = new TheoryData<string, StaffPermission>();
        foreach (var role in StaffRoles.All)
        {
            foreach (var permission in Enum.GetValues<StaffPermission>())
            {
                data.Add(role, permission);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Allows_EachRoleAndPermission_MatchesTheOfficeRules(string role, StaffPermission permission)
    {
        var actor = new StaffActor("id", "Jan", [role]);
        Assert.Equal(Expected[role].Contains(permission), actor.Can(permission));
        if (Expected[role].Contains(permission))
        {
            actor.Demand(permission);
        }
        else
        {
            var refused = Assert.Throws<StaffAccessDeniedException>(() => actor.Demand(permission));
            Assert.Equal(permission, refused.Permission);
        }
    }

    [Fact]
    public void Allows_NoRole_NothingIsAllowed()
    {
        var actor = new StaffActor("id", "Jan", []);
        Assert.All(Enum.GetValues<StaffPermission>(), p => Assert.False(actor.Can(p)));
    }

    [Fact]
    public void From_SignedInStaffPrincipal_ReadsIdNameAndKnownRolesOnly()
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "u1"),
                new Claim(ClaimTypes.Name, "anna@gmina.pl"),
                new Claim(StaffActor.DisplayNameClaim, "Anna Kowalska"),
                new Claim(ClaimTypes.Role, StaffRoles.Coordinator),
                new Claim(ClaimTypes.Role, "superuser"),
            ],
            "test");

        var actor = StaffActor.From(new ClaimsPrincipal(identity));

        Assert.NotNull(actor);
        Assert.Equal("u1", actor.UserId);
        Assert.Equal("Anna Kowalska", actor.DisplayName);
        Assert.Equal([StaffRoles.Coordinator], actor.Roles);
    }

    [Fact]
    public void From_AnonymousOrWithoutAStaffRole_IsNull()
    {
        Assert.Null(StaffActor.From(new ClaimsPrincipal(new ClaimsIdentity())));
        var noRole = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "u1")], "test");
        Assert.Null(StaffActor.From(new ClaimsPrincipal(noRole)));
    }
}
