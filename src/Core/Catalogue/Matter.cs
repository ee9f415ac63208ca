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
