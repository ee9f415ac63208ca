namespace MobilnyUrzednik.PublicSite.Components.Shared;

/// <summary>Marker for the site's shared strings (SiteText.resx): layout, titles, common buttons.</summary>
public sealed class SiteText;
