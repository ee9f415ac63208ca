namespace MobilnyUrzednik.PublicSite.Components.Shared;

/// <summary>
/// A page served without Blazor's script (no live connection, no enhanced navigation): static server rendering and
/// plain forms, small and quick on a weak mobile signal. The clerk's "Moje wizyty" pages are such pages.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class LeanPageAttribute : Attribute;
