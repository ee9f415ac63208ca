namespace MobilnyUrzednik.Components;

/// <summary>Marker for the shared components' strings (ComponentText.resx).</summary>
public sealed class ComponentText;
