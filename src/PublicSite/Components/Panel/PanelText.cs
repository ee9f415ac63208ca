namespace MobilnyUrzednik.PublicSite.Components.Panel;

/// <summary>Marker for the staff area's shared strings (PanelText.resx): layout, navigation, sign-in.</summary>
public sealed class PanelText;
