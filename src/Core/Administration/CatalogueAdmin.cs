using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Administration;

/// <summary>What the administrator types for a matter. The checklist is one item per line.</summary>
public sealed class MatterForm
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Checklist { get; set; }

    public static MatterForm From(Matter matter) => new()
    {
        Name = matter.Name,
        Description = matter.Description,
        Checklist = string.Join('\n', matter.Checklist.OrderBy(c => c.SortOrder).Select(c => c.Text)),
    };
}

/// <summary>
/// The matter catalogue for the administrator: add and edit matters and their checklists, retire a matter
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
    public async Task<IReadOnlyList<Matter>> ListAsync(StaffActor actor, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageCatalogue);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Matters.AsNoTracking()
            .Include(s => s.Checklist.OrderBy(c => c.SortOrder))
            .OrderBy(s => s.IsRetired).ThenBy(s => s.IsOther).ThenBy(s => s.SortOrder)
            .ToListAsync(ct);
    }

    /// <summary>
    /// Moves an offered matter one place up (<paramref name="up"/>) or down among the offered matters, the order the public
    /// form lists them in. "Inna sprawa" (the catch-all) stays last: it does not move, and nothing moves below it.
    /// Problems: "Matter_NotFound", "Matter_CannotMove".
    /// </summary>
    public async Task<CommandResult> MoveAsync(StaffActor actor, int matterId, bool up, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageCatalogue);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Matters.Where(s => !s.IsRetired && !s.IsOther).OrderBy(s => s.SortOrder).ThenBy(s => s.Id).ToListAsync(ct);
        var index = order.FindIndex(s => s.Id == matterId);
        if (index < 0)
        {
            return CommandResult.Fail("matter", await db.Matters.AnyAsync(s => s.Id == matterId, ct) ? "Matter_CannotMove" : "Matter_NotFound");
        }

        var other = up ? index - 1 : index + 1;
        if (other < 0 || other >= order.Count)
        {
            return CommandResult.Fail("matter", "Matter_CannotMove");
        }

        (order[index], order[other]) = (order[other], order[index]);

        // Renumbered from 1 (the retired and the catch-all after them), so equal or gapped numbers from older data settle.
        for (var i = 0; i < order.Count; i++)
        {
            order[i].SortOrder = i + 1;
        }

        foreach (var rest in await db.Matters.Where(s => s.IsRetired || s.IsOther).OrderBy(s => s.IsOther).ThenBy(s => s.SortOrder).ToListAsync(ct))
        {
            rest.SortOrder = order.Count + 1 + (rest.IsOther ? 1000 : 0) + rest.Id;
        }

        audit.Add(db, actor, AuditActions.CatalogueChanged, Subject(matterId), up ? "moved up" : "moved down");
        await db.SaveChangesAsync(ct);
        return CommandResult.Ok();
    }

    /// <summary>Adds a matter at the end of the list; its slug comes from the name and is made unique.</summary>
    public async Task<CommandResult> AddAsync(StaffActor actor, MatterForm form, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageCatalogue);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (name, description, items, errors) = await ValidateAsync(db, form, null, ct);
        if (errors.Count > 0)
        {
            return new CommandResult(errors);
        }

        // The unique name key is the guard that holds when two administrators add the same name at the same moment:
        // the second save fails and is told the name is taken. A slug taken in the meantime by another name gets a retry.
        for (var attempt = 0; ; attempt++)
        {
            var slugs = await db.Matters.Select(s => s.Slug).ToListAsync(ct);
            var matter = new Matter
            {
                Slug = UniqueSlug(Slug.FromName(name), slugs),
                Name = name,
                Description = description,
                SortOrder = (await db.Matters.MaxAsync(s => (int?)s.SortOrder, ct) ?? 0) + 1,
                Checklist = items.Select((text, i) => new ChecklistItem { Text = text, SortOrder = i + 1 }).ToList(),
            };

            // The audit entry names the new id, so the two writes share one transaction instead of one SaveChanges.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                db.Matters.Add(matter);
                await db.SaveChangesAsync(ct);
                audit.Add(db, actor, AuditActions.CatalogueChanged, Subject(matter.Id), "added");
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return CommandResult.Ok();
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                var key = MatterNames.Key(name);
                if (await db.Matters.AnyAsync(s => s.NameKey == key, ct))
                {
                    return CommandResult.Fail(nameof(MatterForm.Name), "MatterName_Duplicate");
                }

                if (attempt >= 3)
                {
                    throw;
                }
            }
        }
    }

    /// <summary>
    /// Changes a matter's name, description and checklist. The slug stays: drafts and links use it.
    /// </summary>
    public async Task<CommandResult> EditAsync(StaffActor actor, int matterId, MatterForm form, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageCatalogue);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var matter = await db.Matters.Include(s => s.Checklist).FirstOrDefaultAsync(s => s.Id == matterId, ct);
        if (matter is null)
        {
            return CommandResult.Fail(nameof(MatterForm.Name), "Matter_NotFound");
        }

        var (name, description, items, errors) = await ValidateAsync(db, form, matterId, ct);
        if (errors.Count > 0)
        {
            return new CommandResult(errors);
        }

        matter.Name = name;
        matter.Description = description;
        db.RemoveRange(matter.Checklist);
        matter.Checklist = items.Select((text, i) => new ChecklistItem { Text = text, SortOrder = i + 1 }).ToList();
        audit.Add(db, actor, AuditActions.CatalogueChanged, Subject(matter.Id), "edited");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another administrator gave a matter this name a moment ago.
            return CommandResult.Fail(nameof(MatterForm.Name), "MatterName_Duplicate");
        }

        return CommandResult.Ok();
    }

    /// <summary>Takes a matter out of the public journey. The last offered matter cannot be retired.</summary>
    public async Task<CommandResult> RetireAsync(StaffActor actor, int matterId, CancellationToken ct = default) =>
        await SetRetiredAsync(actor, matterId, retired: true, ct);

    /// <summary>Offers a retired matter again.</summary>
    public async Task<CommandResult> RestoreAsync(StaffActor actor, int matterId, CancellationToken ct = default) =>
        await SetRetiredAsync(actor, matterId, retired: false, ct);

    private async Task<CommandResult> SetRetiredAsync(StaffActor actor, int matterId, bool retired, CancellationToken ct)
    {
        actor.Demand(StaffPermission.ManageCatalogue);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // Under the catalogue's lock: two administrators retiring the last two offered matters at once cannot both succeed.
        await using var transaction = await db.BeginLockedAsync("catalogue", ct);
        var matter = await db.Matters.FirstOrDefaultAsync(s => s.Id == matterId, ct);
        if (matter is null)
        {
            return CommandResult.Fail("matter", "Matter_NotFound");
        }

        if (matter.IsRetired == retired)
        {
            return CommandResult.Ok();
        }

        if (retired && !await db.Matters.AnyAsync(s => s.Id != matterId && !s.IsRetired, ct))
        {
            return CommandResult.Fail("matter", "Matter_LastOffered");
        }

        matter.IsRetired = retired;
        audit.Add(db, actor, AuditActions.CatalogueChanged, Subject(matter.Id), retired ? "retired" : "restored");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CommandResult.Ok();
    }

    private static readonly string[] FieldOrder = [nameof(MatterForm.Name), nameof(MatterForm.Description), nameof(MatterForm.Checklist)];

    public static string Subject(int matterId) => $"matter:{matterId}";

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
        AppDbContext db, MatterForm form, int? matterId, CancellationToken ct)
    {
        var errors = new List<AnswerError>();
        var name = AdminValidation.Text(form.Name, nameof(MatterForm.Name), "MatterName", NameMaxLength, errors);
        var description = AdminValidation.Text(form.Description, nameof(MatterForm.Description), "MatterDescription", DescriptionMaxLength, errors, multiline: true);

        var lines = (form.Checklist ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var items = new List<string>();
        var itemErrors = new List<AnswerError>();
        foreach (var line in lines)
        {
            var before = itemErrors.Count;
            var text = AdminValidation.Text(line, nameof(MatterForm.Checklist), "ChecklistItem", ChecklistItemMaxLength, itemErrors, required: false);
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
            errors.Add(new(nameof(MatterForm.Checklist), "Checklist_TooMany", ChecklistMaxItems, items.Count));
        }

        if (errors.All(e => e.Field != nameof(MatterForm.Name)))
        {
            var lower = name.ToLowerInvariant();
            var names = await db.Matters.Where(s => s.Id != matterId).Select(s => s.Name).ToListAsync(ct);
            if (names.Any(n => n.ToLowerInvariant() == lower))
            {
                errors.Add(new(nameof(MatterForm.Name), "MatterName_Duplicate"));
            }
        }

        // Problems in the order of the fields on the page.
        errors = [.. errors.OrderBy(e => Array.IndexOf(FieldOrder, e.Field))];
        return (name, description, items, errors);
    }
}
