namespace MobilnyUrzednik.PublicSite.Components.Panel.Visits;

/// <summary>Marker for the visit pages' strings (VisitsText.resx).</summary>
public sealed class VisitsText;
