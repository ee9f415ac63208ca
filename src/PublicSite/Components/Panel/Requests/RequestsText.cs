namespace MobilnyUrzednik.PublicSite.Components.Panel.Requests;

/// <summary>Marker for the request pages' strings (RequestsText.resx).</summary>
public sealed class RequestsText;
