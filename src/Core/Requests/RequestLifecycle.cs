namespace MobilnyUrzednik.Core.Requests;

/// <summary>
/// The request lifecycle as one table, so the rule lives in the domain and every front end
/// (public site, kiosk, staff panel) is refused the same way.
/// </summary>
public static class RequestLifecycle
{
    private static readonly Dictionary<RequestStatus, RequestStatus[]> Allowed = new()
    {
        [RequestStatus.Submitted] = [RequestStatus.InReview, RequestStatus.Cancelled, RequestStatus.Rejected],
        [RequestStatus.InReview] = [RequestStatus.NeedsInformation, RequestStatus.VisitScheduled, RequestStatus.Cancelled, RequestStatus.Rejected],
        [RequestStatus.NeedsInformation] = [RequestStatus.InReview, RequestStatus.VisitScheduled, RequestStatus.Cancelled, RequestStatus.Rejected],
        // Scheduled → Scheduled is a re-booking; Confirmed → Scheduled is a re-booking after confirmation. A visit held
        // without the day-before call completes a scheduled request; a visit that did not take place (or needs another)
        // sends the request back to review for a new visit.
        [RequestStatus.VisitScheduled] = [RequestStatus.VisitScheduled, RequestStatus.VisitConfirmed, RequestStatus.Completed, RequestStatus.InReview, RequestStatus.Cancelled],
        [RequestStatus.VisitConfirmed] = [RequestStatus.VisitScheduled, RequestStatus.Completed, RequestStatus.InReview, RequestStatus.Cancelled],
        [RequestStatus.Completed] = [],
        [RequestStatus.Cancelled] = [],
        [RequestStatus.Rejected] = [],
    };

    /// <summary>Whether a request in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool CanMove(RequestStatus from, RequestStatus to) => Allowed[from].Contains(to);

    /// <summary>The statuses a request in <paramref name="from"/> may move to, in display order.</summary>
    public static IReadOnlyList<RequestStatus> NextFrom(RequestStatus from) => Allowed[from];

    /// <summary>True when nothing more can happen to the request.</summary>
    public static bool IsClosed(RequestStatus status) => Allowed[status].Length == 0;
}

/// <summary>Thrown when a change of status breaks the lifecycle; the UI shows a message, the data is untouched.</summary>
public sealed class LifecycleException(string message) : InvalidOperationException(message);
