namespace MobilnyUrzednik.Core.Staff;

/// <summary>The three staff roles. The names are stored in the database: never rename them.</summary>
public static class StaffRoles
{
    public const string Administrator = "administrator";
    public const string Coordinator = "coordinator";
    public const string Clerk = "clerk";

    public static IReadOnlyList<string> All { get; } = [Administrator, Coordinator, Clerk];

    /// <summary>Administrator and coordinator, for attributes: <c>[Authorize(Roles = StaffRoles.Office)]</c>.</summary>
    public const string Office = Administrator + "," + Coordinator;

    /// <summary>Any staff role.</summary>
    public const string AnyStaff = Administrator + "," + Coordinator + "," + Clerk;
}

/// <summary>What a staff member may do. Each permission is an authorization policy of the same name.</summary>
public enum StaffPermission
{
    /// <summary>The inbox of requests.</summary>
    ViewInbox,

    /// <summary>A request's page with everything the resident gave (every read is audited).</summary>
    ReadRequest,

    /// <summary>Take into review, ask for information, cancel, reject, complete.</summary>
    ChangeRequest,

    /// <summary>Record a request taken by phone or e-mail.</summary>
    TakePhoneRequest,

    /// <summary>Book and re-book visits; see the calendar of visits.</summary>
    BookVisits,

    /// <summary>Clerks' working days and unavailability.</summary>
    ManageClerkDays,

    /// <summary>The day-before list: call, confirm or re-book tomorrow's visits.</summary>
    ConfirmVisits,

    /// <summary>Messages no gateway could carry: pass them on by phone, mark them passed on, send again.</summary>
    PassOnMessages,

    /// <summary>"Moje wizyty": one's own visits, the day sheet and the calendar feed.</summary>
    ViewOwnVisits,

    /// <summary>
    /// Record what happened at a visit (held or not held): a clerk for their own visits, the office for any, and only
    /// from the visit's start time.
    /// </summary>
    RecordVisitOutcome,

    /// <summary>Requests per month, matter and channel.</summary>
    ViewReports,

    /// <summary>The service catalogue.</summary>
    ManageCatalogue,

    /// <summary>The municipality's settings and the accessibility statement's fields.</summary>
    ManageSettings,

    /// <summary>Staff accounts and roles.</summary>
    ManageStaff,

    /// <summary>The audit log (read-only).</summary>
    ReadAuditLog,

    /// <summary>A resident's data on request (RODO art. 15 and 17): find, export, erase.</summary>
    ManagePersonalData,
}

/// <summary>The one table of who may do what; pages, handlers and services all ask it.</summary>
public static class StaffPermissions
{
    private static readonly Dictionary<StaffPermission, string[]> Table = new()
    {
        [StaffPermission.ViewInbox] = [StaffRoles.Administrator, StaffRoles.Coordinator],
        [StaffPermission.ReadRequest] = [StaffRoles.Administrator, StaffRoles.Coordinator],
        [StaffPermission.ChangeRequest] = [StaffRoles.Administrator, StaffRoles.Coordinator],
        [StaffPermission.TakePhoneRequest] = [StaffRoles.Administrator, StaffRoles.Coordinator],
        [StaffPermission.BookVisits] = [StaffRoles.Administrator, StaffRoles.Coordinator],
        [StaffPermission.ManageClerkDays] = [StaffRoles.Administrator, StaffRoles.Coordinator],
        [StaffPermission.ConfirmVisits] = [StaffRoles.Administrator, StaffRoles.Coordinator],
        [StaffPermission.PassOnMessages] = [StaffRoles.Administrator, StaffRoles.Coordinator],
        [StaffPermission.ViewOwnVisits] = [StaffRoles.Administrator, StaffRoles.Coordinator, StaffRoles.Clerk],
        [StaffPermission.RecordVisitOutcome] = [StaffRoles.Administrator, StaffRoles.Coordinator, StaffRoles.Clerk],
        [StaffPermission.ViewReports] = [StaffRoles.Administrator, StaffRoles.Coordinator],
        [StaffPermission.ManageCatalogue] = [StaffRoles.Administrator],
        [StaffPermission.ManageSettings] = [StaffRoles.Administrator],
        [StaffPermission.ManageStaff] = [StaffRoles.Administrator],
        [StaffPermission.ReadAuditLog] = [StaffRoles.Administrator],
        [StaffPermission.ManagePersonalData] = [StaffRoles.Administrator],
    };

    /// <summary>The roles that hold <paramref name="permission"/>.</summary>
    public static IReadOnlyList<string> RolesFor(StaffPermission permission) => Table[permission];

    /// <summary>Whether someone with <paramref name="roles"/> holds <paramref name="permission"/>.</summary>
    public static bool Allows(IEnumerable<string> roles, StaffPermission permission) => roles.Any(Table[permission].Contains);

    /// <summary>The name of the authorization policy for a permission (the enum name).</summary>
    public static string Policy(StaffPermission permission) => permission.ToString();
}
