namespace MobilnyUrzednik.PublicSite.Components.Pages.Status;

/// <summary>Marker for the status page's strings (StatusText.resx).</summary>
public sealed class StatusText;
