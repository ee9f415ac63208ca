namespace MobilnyUrzednik.PublicSite.Components.Panel.Admin;

/// <summary>Marker for the administration pages' strings (AdminText.resx).</summary>
public sealed class AdminText;
