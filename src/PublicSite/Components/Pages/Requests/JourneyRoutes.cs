using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.PublicSite.Components.Pages.Requests;

/// <summary>The stable addresses of the request journey, in one place.</summary>
internal static class JourneyRoutes
{
    public const string Start = "/zgloszenie";
    public const string NotEligible = "/zgloszenie/nie-mozemy-pomoc";
    public const string Confirmation = "/zgloszenie/potwierdzenie";

    /// <summary>The cookie that holds the draft's key (never its content).</summary>
    public const string DraftCookie = "mu_zgloszenie";

    private static readonly Dictionary<JourneyStep, string> Slugs = new()
    {
        [JourneyStep.Residence] = "miejsce-zamieszkania",
        [JourneyStep.Reason] = "powod",
        [JourneyStep.ForWhom] = "dla-kogo",
        [JourneyStep.Matter] = "sprawa",
        [JourneyStep.Description] = "opis",
        [JourneyStep.Resident] = "mieszkaniec",
        [JourneyStep.Address] = "adres",
        [JourneyStep.Submitter] = "zglaszajacy",
        [JourneyStep.Contact] = "kontakt",
        [JourneyStep.AccessNeeds] = "potrzeby",
        [JourneyStep.Times] = "termin",
        [JourneyStep.Check] = "sprawdz",
    };

    public static string For(JourneyStep step) => $"{Start}/{Slugs[step]}";

    /// <summary>The step whose page is at <c>/zgloszenie/{slug}</c>, or null.</summary>
    public static JourneyStep? StepFor(string? slug) => Slugs.FirstOrDefault(s => s.Value == slug) is { Value: not null } found ? found.Key : null;

    /// <summary>The step's address with "change mode": after "Dalej" the person returns to the check page.</summary>
    public static string Change(JourneyStep step) => For(step) + "?zmien=1";
}
