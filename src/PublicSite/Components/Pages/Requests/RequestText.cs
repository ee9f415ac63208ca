namespace MobilnyUrzednik.PublicSite.Components.Pages.Requests;

/// <summary>Marker for the request journey's strings (RequestText.resx).</summary>
public sealed class RequestText;
