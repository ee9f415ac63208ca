using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik;

/// <summary>A valid request as the public form stores it, for tests to adjust and save.</summary>
internal static class TestRequests
{
    public static VisitRequest New(int matterId, string residentName = "Janina Kowalczyk", RequestChannel channel = RequestChannel.Web) => new()
    {
        TrackingCode = TrackingCode.NewCode(),
        Channel = channel,
        LivesInMunicipality = true,
        EligibilityReason = EligibilityReason.Age,
        MatterId = matterId,
        Description = "Potrzebny nowy dowód osobisty.",
        ResidentName = residentName,
        ResidentPhone = "+48600100200",
        Street = "Główna 5 m. 3",
        PostalCode = "00-950",
        Town = "Przykładowo",
        ContactChannel = ContactChannel.PhoneCall,
    };
}
