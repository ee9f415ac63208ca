namespace MobilnyUrzednik.PublicSite.Components.Panel.Admin;

/// <summary>Marker for the personal-data page's strings (PersonalDataText.resx).</summary>
public sealed class PersonalDataText;
