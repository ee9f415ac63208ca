using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Municipalities;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Administration;

/// <summary>A date typed as day, month and year (GOV.UK date input), kept as typed.</summary>
public sealed class DateParts
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public DateOnly? Parse() => RequestJourney.ParseDate(Day, Month, Year);

    public static DateParts From(DateOnly? date) => date is { } d
        ? new() { Day = d.Day.ToString(CultureInfo.InvariantCulture), Month = d.Month.ToString(CultureInfo.InvariantCulture), Year = d.Year.ToString(CultureInfo.InvariantCulture) }
        : new();
}

/// <summary>The municipality's settings as the administrator types them; every field is text until it is checked.</summary>
public sealed class SettingsForm
{
    public string? Name { get; set; }
    public string? NameLocative { get; set; }
    public string? OfficeName { get; set; }
    public string? OfficeAddress { get; set; }
    public string? Phone { get; set; }
    public string? PhoneHours { get; set; }
    public string? Email { get; set; }
    public string? CoordinatorName { get; set; }
    public string? DataProtectionOfficerEmail { get; set; }
    public string? OverdueAfterWorkingDays { get; set; }
    public string? VisitWindowMinutes { get; set; }

    /// <summary>Minutes of travel between two visits at different addresses.</summary>
    public string? TravelBufferMinutes { get; set; }
    public string? AccessibilityContactName { get; set; }
    public string? BuildingAccessibility { get; set; }
    public DateParts StatementPublishedOn { get; set; } = new();
    public DateParts StatementUpdatedOn { get; set; } = new();
    public DateParts StatementPreparedOn { get; set; } = new();
    public DateParts StatementReviewedOn { get; set; } = new();

    public static SettingsForm From(MunicipalitySettings m) => new()
    {
        Name = m.Name,
        NameLocative = m.NameLocative,
        OfficeName = m.OfficeName,
        OfficeAddress = m.OfficeAddress,
        Phone = m.Phone,
        PhoneHours = m.PhoneHours,
        Email = m.Email,
        CoordinatorName = m.CoordinatorName,
        DataProtectionOfficerEmail = m.DataProtectionOfficerEmail,
        OverdueAfterWorkingDays = m.OverdueAfterWorkingDays.ToString(CultureInfo.InvariantCulture),
        VisitWindowMinutes = m.VisitWindowMinutes.ToString(CultureInfo.InvariantCulture),
        TravelBufferMinutes = m.TravelBufferMinutes.ToString(CultureInfo.InvariantCulture),
        AccessibilityContactName = m.AccessibilityContactName,
        BuildingAccessibility = m.BuildingAccessibility,
        StatementPublishedOn = DateParts.From(m.StatementPublishedOn),
        StatementUpdatedOn = DateParts.From(m.StatementUpdatedOn),
        StatementPreparedOn = DateParts.From(m.StatementPreparedOn),
        StatementReviewedOn = DateParts.From(m.StatementReviewedOn),
    };
}

/// <summary>
/// The municipality's settings and the accessibility statement's facts. Demands
/// <see cref="StaffPermission.ManageSettings"/>; a saved change writes <see cref="AuditActions.SettingsChanged"/>
/// naming the changed fields (never their values).
/// </summary>
public sealed class SettingsAdmin(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    public const int OverdueMin = 1;
    public const int OverdueMax = 30;
    public const int WindowMin = 30;
    public const int TravelMin = 0;
    public const int TravelMax = 180;
    public const int WindowMax = 240;
    public const int BuildingAccessibilityMaxLength = 4000;

    public async Task<SettingsForm> GetAsync(StaffActor actor, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageSettings);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return SettingsForm.From(await db.Municipalities.AsNoTracking().OrderBy(m => m.Id).FirstAsync(ct));
    }

    public async Task<CommandResult> SaveAsync(StaffActor actor, SettingsForm form, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageSettings);
        var errors = new List<AnswerError>();
        var today = WarsawTime.Today(clock);

        var name = AdminValidation.Text(form.Name, nameof(form.Name), "MunicipalityName", 200, errors);
        var locative = AdminValidation.Text(form.NameLocative, nameof(form.NameLocative), "NameLocative", 200, errors);
        var office = AdminValidation.Text(form.OfficeName, nameof(form.OfficeName), "OfficeName", 200, errors);
        var address = AdminValidation.Text(form.OfficeAddress, nameof(form.OfficeAddress), "OfficeAddress", 300, errors);

        var phoneText = AdminValidation.Text(form.Phone, nameof(form.Phone), "Phone", 40, errors);
        var phone = PolishPhone.Normalise(phoneText);
        if (phoneText.Length > 0 && errors.All(e => e.Field != nameof(form.Phone)) && phone is null)
        {
            errors.Add(new(nameof(form.Phone), "Phone_Invalid"));
        }

        var hours = AdminValidation.Text(form.PhoneHours, nameof(form.PhoneHours), "PhoneHours", 200, errors);
        var email = Email(form.Email, nameof(form.Email), "Email", errors);
        var coordinator = AdminValidation.Text(form.CoordinatorName, nameof(form.CoordinatorName), "CoordinatorName", 200, errors);

        var dpo = Email(form.DataProtectionOfficerEmail, nameof(form.DataProtectionOfficerEmail), "DpoEmail", errors);
        var overdue = Number(form.OverdueAfterWorkingDays, nameof(form.OverdueAfterWorkingDays), "Overdue", OverdueMin, OverdueMax, errors);
        var window = Number(form.VisitWindowMinutes, nameof(form.VisitWindowMinutes), "VisitWindow", WindowMin, WindowMax, errors);

        // Older forms (and tests) that do not send the travel time keep the one set.
        var travel = form.TravelBufferMinutes is null ? null : Number(form.TravelBufferMinutes, nameof(form.TravelBufferMinutes), "TravelBuffer", TravelMin, TravelMax, errors);
        var contact = AdminValidation.Text(form.AccessibilityContactName, nameof(form.AccessibilityContactName), "AccessibilityContact", 200, errors);
        var building = AdminValidation.Text(form.BuildingAccessibility, nameof(form.BuildingAccessibility), "BuildingAccessibility", BuildingAccessibilityMaxLength, errors, multiline: true);

        var published = Date(form.StatementPublishedOn, nameof(form.StatementPublishedOn), "Published", today, errors, required: true);
        var updated = Date(form.StatementUpdatedOn, nameof(form.StatementUpdatedOn), "Updated", today, errors, required: true);
        var prepared = Date(form.StatementPreparedOn, nameof(form.StatementPreparedOn), "Prepared", today, errors, required: true);
        var reviewed = Date(form.StatementReviewedOn, nameof(form.StatementReviewedOn), "Reviewed", today, errors, required: false);
        if (published is { } p && updated is { } u && u < p)
        {
            errors.Add(new(nameof(form.StatementUpdatedOn), "Updated_BeforePublished"));
        }

        if (errors.Count > 0)
        {
            return new CommandResult(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var m = await db.Municipalities.OrderBy(x => x.Id).FirstAsync(ct);
        m.Name = name;
        m.NameLocative = locative;
        m.OfficeName = office;
        m.OfficeAddress = address;
        m.Phone = PolishPhone.Display(phone!);
        m.PhoneHours = hours;
        m.Email = email;
        m.CoordinatorName = coordinator;
        m.DataProtectionOfficerEmail = dpo;
        m.OverdueAfterWorkingDays = overdue!.Value;
        m.VisitWindowMinutes = window!.Value;
        if (travel is { } minutes)
        {
            m.TravelBufferMinutes = minutes;
        }

        m.AccessibilityContactName = contact;
        m.BuildingAccessibility = building;
        m.StatementPublishedOn = published!.Value;
        m.StatementUpdatedOn = updated!.Value;
        m.StatementPreparedOn = prepared!.Value;
        m.StatementReviewedOn = reviewed;

        var changed = db.Entry(m).Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).Select(p => p.Metadata.Name).ToList();
        if (changed.Count == 0)
        {
            return CommandResult.Ok();
        }

        // Field names only: the values (names, e-mails, phone) stay out of the audit log.
        audit.Add(db, actor, AuditActions.SettingsChanged, $"municipality:{m.Id}", Truncate(string.Join(", ", changed), 500));
        await db.SaveChangesAsync(ct);
        return CommandResult.Ok();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private static string Email(string? value, string field, string key, List<AnswerError> errors)
    {
        var text = PlainText.Tidy(value);
        if (text.Length == 0)
        {
            errors.Add(new(field, key + "_Required"));
        }
        else if (!EmailAddress.IsValid(text))
        {
            errors.Add(new(field, key + "_Invalid"));
        }

        return text;
    }

    private static int? Number(string? value, string field, string key, int min, int max, List<AnswerError> errors)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            errors.Add(new(field, key + "_Required", min, max));
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            errors.Add(new(field, key + "_Range", min, max));
            return null;
        }

        return n;
    }

    private static DateOnly? Date(DateParts parts, string field, string key, DateOnly today, List<AnswerError> errors, bool required)
    {
        if (parts.IsEmpty)
        {
            if (required)
            {
                errors.Add(new(field, key + "_Required"));
            }

            return null;
        }

        if (parts.Parse() is not { } date)
        {
            errors.Add(new(field, key + "_Invalid"));
            return null;
        }

        if (date > today)
        {
            errors.Add(new(field, key + "_Future"));
            return null;
        }

        return date;
    }
}
