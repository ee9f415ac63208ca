using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.PublicSite.Components.Panel.Visits;

/// <summary>Map links for a visit's address: the phone's own map app (geo: URI) and OpenStreetMap's search.</summary>
public static class VisitLinks
{
    /// <summary>"geo:0,0?q=…" (RFC 5870 with the query most map apps read): opens the phone's map app at the address.</summary>
    public static string Geo(DaySheetVisit v) => "geo:0,0?q=" + Uri.EscapeDataString(Address(v));

    /// <summary>OpenStreetMap's search for the address, for any browser.</summary>
    public static string OpenStreetMap(DaySheetVisit v) => "https://www.openstreetmap.org/search?query=" + Uri.EscapeDataString(Address(v));

    private static string Address(DaySheetVisit v) => $"{v.Street}, {v.PostalCode} {v.Town}";
}
