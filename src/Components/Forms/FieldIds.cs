namespace MobilnyUrzednik.Components.Forms;

/// <summary>How hint and error ids are derived from a field id, so every component wires them the same way.</summary>
public static class FieldIds
{
    public static string Hint(string id) => id + "-hint";

    public static string Error(string id) => id + "-error";

    /// <summary>The aria-describedby value: hint, then error, then any extra ids; null when there are none.</summary>
    public static string? DescribedBy(string id, bool hasHint, bool hasError, params string?[] extra)
    {
        var ids = new List<string>();
        if (hasHint)
        {
            ids.Add(Hint(id));
        }

        ids.AddRange(extra.Where(e => !string.IsNullOrEmpty(e))!);
        if (hasError)
        {
            ids.Add(Error(id));
        }

        return ids.Count == 0 ? null : string.Join(' ', ids);
    }
}
