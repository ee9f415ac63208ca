namespace MobilnyUrzednik.Kiosk.Components.Pages.Journey;

/// <summary>Marker for the kiosk journey's strings (JourneyText.resx; the questions are the public site's).</summary>
public sealed class JourneyText;
