namespace MobilnyUrzednik.Core.Requests;

/// <summary>Where a visit request is in its life. Stored by name, so never renumber.</summary>
public enum RequestStatus
{
    Submitted,
    InReview,
    NeedsInformation,
    VisitScheduled,
    VisitConfirmed,
    Completed,
    Cancelled,
    Rejected,
}

/// <summary>How the request reached the office.</summary>
public enum RequestChannel
{
    Web,
    Kiosk,
    Phone,
    Email,
}

/// <summary>Who filed the request, relative to the person to be visited.</summary>
public enum SubmitterRelation
{
    Self,
    Caregiver,
    Family,
    Neighbour,
    Other,
}

/// <summary>How the resident (or the person acting for them) wants to be contacted.</summary>
public enum ContactChannel
{
    PhoneCall,
    Sms,
    Email,
}

/// <summary>Why the resident cannot come to the office: the eligibility answer, kept as a category only.</summary>
public enum EligibilityReason
{
    Disability,
    Age,
    Illness,
    LimitedMobility,
    CanComeToOffice,
}

/// <summary>Preferred part of the day for the visit.</summary>
public enum PartOfDay
{
    Any,
    Morning,
    Afternoon,
}
