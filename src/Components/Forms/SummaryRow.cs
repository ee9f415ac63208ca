namespace MobilnyUrzednik.Components.Forms;

/// <summary>One answer on the check-your-answers page.</summary>
/// <param name="Key">The question, short ("Adres").</param>
/// <param name="Lines">The answer, one line each.</param>
/// <param name="ChangeHref">Where "Zmień" goes; null for no link.</param>
/// <param name="ChangeName">What the link changes, lower case ("adres"), read after "Zmień".</param>
public sealed record SummaryRow(string Key, IReadOnlyList<string> Lines, string? ChangeHref, string ChangeName);
