namespace MobilnyUrzednik.Kiosk.Components.Pages.Status;

/// <summary>Marker for the kiosk status look-up's strings (KioskStatusText.resx; the same words as the public /status).</summary>
public sealed class KioskStatusText;
