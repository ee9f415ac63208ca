namespace MobilnyUrzednik.Kiosk.Components;

/// <summary>Marker for the kiosk's strings (KioskText.resx).</summary>
public sealed class KioskText;
