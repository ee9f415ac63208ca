namespace MobilnyUrzednik.Components.Forms;

/// <summary>A problem with one field, as the error summary and the field show it.</summary>
/// <param name="FieldId">The id of the input the summary links to.</param>
/// <param name="Message">What to do, in plain words (without the "Błąd:" prefix).</param>
public sealed record FieldError(string FieldId, string Message);

/// <summary>One choice of a radio group.</summary>
/// <param name="Value">The submitted value.</param>
/// <param name="Label">What the person reads.</param>
/// <param name="Hint">Optional extra line under the label.</param>
/// <param name="Lang">The language of the label and hint when it differs from the page's (catalogue text is Polish).</param>
public sealed record ChoiceOption(string Value, string Label, string? Hint = null, string? Lang = null);

/// <summary>One checkbox of a checkbox group; each posts its own name with the value "true".</summary>
/// <param name="Name">The form field name.</param>
/// <param name="Id">The input id.</param>
/// <param name="Label">What the person reads.</param>
/// <param name="Checked">Whether it is ticked.</param>
/// <param name="Hint">Optional extra line under the label.</param>
public sealed record CheckboxOption(string Name, string Id, string Label, bool Checked, string? Hint = null);
