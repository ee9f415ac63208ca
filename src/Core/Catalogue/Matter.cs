using MobilnyUrzednik.Core.Common;

namespace MobilnyUrzednik.Core.Catalogue;

/// <summary>
/// A matter a clerk can handle at the resident's home ("sprawa"), with what the resident
/// must have ready. Retired matters stay for old requests but are no longer offered.
/// </summary>
public sealed class Matter
{
    public int Id { get; set; }

    /// <summary>Stable, URL-safe key, e.g. "dowod-osobisty".</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    /// <summary>
    /// The name as compared for duplicates (tidied, lower case), kept by <see cref="Data.AppDbContext"/> on save. A
    /// unique index on it, so two administrators adding the same name at once cannot both succeed.
    /// </summary>
    public string NameKey { get; set; } = string.Empty;

    /// <summary>One or two plain-Polish sentences on what the clerk does.</summary>
    public required string Description { get; set; }

    public int SortOrder { get; set; }

    public bool IsRetired { get; set; }

    /// <summary>True for the catch-all "another matter": the description must then say what it is.</summary>
    public bool IsOther { get; set; }

    public List<ChecklistItem> Checklist { get; set; } = [];
}

/// <summary>One thing the resident must have ready for the visit.</summary>
public sealed class ChecklistItem
{
    public int Id { get; set; }
    public int MatterId { get; set; }
    public int SortOrder { get; set; }
    public required string Text { get; set; }
}

/// <summary>How matter names are compared: "Dowód  osobisty" and "dowód osobisty" are one name.</summary>
public static class MatterNames
{
    public static string Key(string name) => PlainText.Tidy(name).ToLower(System.Globalization.CultureInfo.GetCultureInfo("pl-PL"));
}
