namespace MobilnyUrzednik.PublicSite.Components.Panel.Reports;

/// <summary>Marker for the reports' strings (ReportText.resx), shared by the page and the CSV.</summary>
public sealed class ReportText;
