using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Administration;

/// <summary>What the administrator types for a matter. The checklist is one item per line.</summary>
public sealed class ServiceForm
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Checklist { get; set; }

    public static ServiceForm From(Service service) => new()
    {
        Name = service.Name,
        Description = service.Description,
        Checklist = string.Join('\n', service.Checklist.OrderBy(c => c.SortOrder).Select(c => c.Text)),
    };
}

/// <summary>
/// The service catalogue for the administrator: add and edit matters and their checklists, retire a matter
/// (it leaves the public journey; requests that named it keep it) and restore it. Every change demands
/// <see cref="StaffPermission.ManageCatalogue"/> and writes <see cref="AuditActions.CatalogueChanged"/>.
/// </summary>
public sealed class CatalogueAdmin(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit)
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 1000;
    public const int ChecklistItemMaxLength = 300;
    public const int ChecklistMaxItems = 20;

    /// <summary>Every matter, retired ones too, in display order, with checklists.</summary>
    public async Task<IReadOnlyList<Service>> ListAsync(StaffActor actor, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageCatalogue);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Services.AsNoTracking()
            .Include(s => s.Checklist.OrderBy(c => c.SortOrder))
            .OrderBy(s => s.IsRetired).ThenBy(s => s.SortOrder)
            .ToListAsync(ct);
    }

    /// <summary>Adds a matter at the end of the list; its slug comes from the name and is made unique.</summary>
    public async Task<AdminResult> AddAsync(StaffActor actor, ServiceForm form, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageCatalogue);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (name, description, items, errors) = await ValidateAsync(db, form, null, ct);
        if (errors.Count > 0)
        {
            return new AdminResult(errors);
        }

        var slugs = await db.Services.Select(s => s.Slug).ToListAsync(ct);
        var service = new Service
        {
            Slug = UniqueSlug(Slug.FromName(name), slugs),
            Name = name,
            Description = description,
            SortOrder = (await db.Services.MaxAsync(s => (int?)s.SortOrder, ct) ?? 0) + 1,
            Checklist = items.Select((text, i) => new ChecklistItem { Text = text, SortOrder = i + 1 }).ToList(),
        };

        // The audit entry names the new id, so the two writes share one transaction instead of one SaveChanges.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Services.Add(service);
        await db.SaveChangesAsync(ct);
        audit.Add(db, actor, AuditActions.CatalogueChanged, Subject(service.Id), "added");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return AdminResult.Ok;
    }

    /// <summary>
    /// Changes a matter's name, description and checklist. The slug stays: drafts and links use it.
    /// </summary>
    public async Task<AdminResult> EditAsync(StaffActor actor, int serviceId, ServiceForm form, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageCatalogue);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var service = await db.Services.Include(s => s.Checklist).FirstOrDefaultAsync(s => s.Id == serviceId, ct);
        if (service is null)
        {
            return AdminResult.Fail(nameof(ServiceForm.Name), "Service_NotFound");
        }

        var (name, description, items, errors) = await ValidateAsync(db, form, serviceId, ct);
        if (errors.Count > 0)
        {
            return new AdminResult(errors);
        }

        service.Name = name;
        service.Description = description;
        db.RemoveRange(service.Checklist);
        service.Checklist = items.Select((text, i) => new ChecklistItem { Text = text, SortOrder = i + 1 }).ToList();
        audit.Add(db, actor, AuditActions.CatalogueChanged, Subject(service.Id), "edited");
        await db.SaveChangesAsync(ct);
        return AdminResult.Ok;
    }

    /// <summary>Takes a matter out of the public journey. The last offered matter cannot be retired.</summary>
    public async Task<AdminResult> RetireAsync(StaffActor actor, int serviceId, CancellationToken ct = default) =>
        await SetRetiredAsync(actor, serviceId, retired: true, ct);

    /// <summary>Offers a retired matter again.</summary>
    public async Task<AdminResult> RestoreAsync(StaffActor actor, int serviceId, CancellationToken ct = default) =>
        await SetRetiredAsync(actor, serviceId, retired: false, ct);

    private async Task<AdminResult> SetRetiredAsync(StaffActor actor, int serviceId, bool retired, CancellationToken ct)
    {
        actor.Demand(StaffPermission.ManageCatalogue);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var service = await db.Services.FirstOrDefaultAsync(s => s.Id == serviceId, ct);
        if (service is null)
        {
            return AdminResult.Fail("service", "Service_NotFound");
        }

        if (service.IsRetired == retired)
        {
            return AdminResult.Ok;
        }

        if (retired && !await db.Services.AnyAsync(s => s.Id != serviceId && !s.IsRetired, ct))
        {
            return AdminResult.Fail("service", "Service_LastOffered");
        }

        service.IsRetired = retired;
        audit.Add(db, actor, AuditActions.CatalogueChanged, Subject(service.Id), retired ? "retired" : "restored");
        await db.SaveChangesAsync(ct);
        return AdminResult.Ok;
    }

    private static readonly string[] FieldOrder = [nameof(ServiceForm.Name), nameof(ServiceForm.Description), nameof(ServiceForm.Checklist)];

    public static string Subject(int serviceId) => $"service:{serviceId}";

    internal static string UniqueSlug(string slug, IReadOnlyCollection<string> taken)
    {
        var candidate = slug;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }

        return candidate;
    }

    private static async Task<(string Name, string Description, List<string> Items, List<AnswerError> Errors)> ValidateAsync(
        AppDbContext db, ServiceForm form, int? serviceId, CancellationToken ct)
    {
        var errors = new List<AnswerError>();
        var name = AdminValidation.Text(form.Name, nameof(ServiceForm.Name), "ServiceName", NameMaxLength, errors);
        var description = AdminValidation.Text(form.Description, nameof(ServiceForm.Description), "ServiceDescription", DescriptionMaxLength, errors, multiline: true);

        var lines = (form.Checklist ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var items = new List<string>();
        var itemErrors = new List<AnswerError>();
        foreach (var line in lines)
        {
            var before = itemErrors.Count;
            var text = AdminValidation.Text(line, nameof(ServiceForm.Checklist), "ChecklistItem", ChecklistItemMaxLength, itemErrors, required: false);
            if (text.Length == 0)
            {
                continue;
            }

            items.Add(text);
            if (itemErrors.Count > before)
            {
                // Say which line: the message takes the item's number first.
                var e = itemErrors[^1];
                itemErrors[^1] = e with { Args = [items.Count, .. e.Args] };
            }
        }

        if (itemErrors.Count > 0)
        {
            errors.Add(itemErrors[0]);
        }
        else if (items.Count > ChecklistMaxItems)
        {
            errors.Add(new(nameof(ServiceForm.Checklist), "Checklist_TooMany", ChecklistMaxItems, items.Count));
        }

        if (errors.All(e => e.Field != nameof(ServiceForm.Name)))
        {
            var lower = name.ToLowerInvariant();
            var names = await db.Services.Where(s => s.Id != serviceId).Select(s => s.Name).ToListAsync(ct);
            if (names.Any(n => n.ToLowerInvariant() == lower))
            {
                errors.Add(new(nameof(ServiceForm.Name), "ServiceName_Duplicate"));
            }
        }

        // Problems in the order of the fields on the page.
        errors = [.. errors.OrderBy(e => Array.IndexOf(FieldOrder, e.Field))];
        return (name, description, items, errors);
    }
}
