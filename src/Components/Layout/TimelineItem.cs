namespace MobilnyUrzednik.Components.Layout;

/// <summary>One step of a request's history as the status page shows it.</summary>
/// <param name="Title">The status in words ("Wizyta umówiona"), never a colour alone.</param>
/// <param name="Date">When it happened, written out for reading ("3 grudnia 2026, 09:30").</param>
/// <param name="Note">What the office added for the resident; null when nothing.</param>
public sealed record TimelineItem(string Title, string Date, string? Note = null);
