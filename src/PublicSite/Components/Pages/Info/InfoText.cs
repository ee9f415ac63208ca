namespace MobilnyUrzednik.PublicSite.Components.Pages.Info;

/// <summary>Marker for the information pages' strings (InfoText.resx): home, accessibility statement, easy read, sign language, privacy.</summary>
public sealed class InfoText;
