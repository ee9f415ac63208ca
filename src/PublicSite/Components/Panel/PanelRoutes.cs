using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.PublicSite.Components.Panel;

/// <summary>
/// Every address of the staff area and the permission it needs. The role × page test walks this table,
/// so a page added without an entry here fails that test.
/// </summary>
public static class PanelRoutes
{
    public const string Home = "/panel";
    public const string SignIn = "/panel/logowanie";
    public const string SignInCode = "/panel/logowanie/kod";
    public const string SignOut = "/panel/wyloguj";
    public const string TwoFactorSetup = "/panel/konto/dwuetapowe";
    public const string ChangePassword = "/panel/konto/haslo";
    public const string SessionActivity = "/panel/sesja";
    public const string AccessDenied = "/panel/brak-dostepu";

    public const string Inbox = "/panel/zgloszenia";
    public const string PhoneIntake = "/panel/zgloszenia/nowe";
    public const string BookVisitPattern = "/panel/zgloszenia/{0}/wizyta";
    public const string Calendar = "/panel/wizyty";
    public const string DayBefore = "/panel/jutro";
    public const string Messages = "/panel/wiadomosci";
    public const string MyVisits = "/panel/moje-wizyty";
    public const string MyDaySheet = "/panel/moje-wizyty/arkusz";
    public const string MyCalendarFeed = "/panel/moje-wizyty/kalendarz";
    public const string MyVisitsOffline = "/panel/moje-wizyty/bez-polaczenia";
    public const string ClerkDays = "/panel/urzednicy";
    public const string Reports = "/panel/raporty";
    public const string ReportsCsv = "/panel/raporty.csv";
    public const string Catalogue = "/panel/admin/sprawy";
    public const string Settings = "/panel/admin/ustawienia";
    public const string Staff = "/panel/admin/pracownicy";
    public const string AuditLog = "/panel/admin/dziennik";
    public const string PersonalData = "/panel/admin/dane-osobowe";

    public static string Request(int id) => $"/panel/zgloszenia/{id}";

    /// <summary>Where the page script sends an outcome the phone kept (JSON answer; the page's own form posts to the page).</summary>
    public static string OutcomeApi(int visitId) => $"/panel/moje-wizyty/wynik/{visitId}";

    public static string BookVisit(int id) => string.Format(System.Globalization.CultureInfo.InvariantCulture, BookVisitPattern, id);

    /// <summary>
    /// The pages and downloads behind sign-in with the permission each needs (null: any staff member).
    /// Addresses with an id use request 1, which the role test creates.
    /// </summary>
    public static IReadOnlyList<(string Path, StaffPermission? Permission)> Protected { get; } =
    [
        (Home, null),
        (ChangePassword, null),
        (Inbox, StaffPermission.ViewInbox),
        (Request(1), StaffPermission.ReadRequest),
        (PhoneIntake, StaffPermission.TakePhoneRequest),
        (BookVisit(1), StaffPermission.BookVisits),
        (Calendar, StaffPermission.BookVisits),
        (DayBefore, StaffPermission.ConfirmVisits),
        (Messages, StaffPermission.PassOnMessages),
        (MyVisits, StaffPermission.ViewOwnVisits),
        (MyDaySheet, StaffPermission.ViewOwnVisits),
        (MyCalendarFeed, StaffPermission.ViewOwnVisits),
        (MyVisitsOffline, StaffPermission.ViewOwnVisits),
        (ClerkDays, StaffPermission.ManageClerkDays),
        (Reports, StaffPermission.ViewReports),
        (ReportsCsv, StaffPermission.ViewReports),
        (Catalogue, StaffPermission.ManageCatalogue),
        (Settings, StaffPermission.ManageSettings),
        (Staff, StaffPermission.ManageStaff),
        (AuditLog, StaffPermission.ReadAuditLog),
        (PersonalData, StaffPermission.ManagePersonalData),
        (PersonalData + "/eksport/1", StaffPermission.ManagePersonalData),
    ];
}
