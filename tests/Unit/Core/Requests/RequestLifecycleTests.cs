namespace MobilnyUrzednik.Core.Requests;

public class RequestLifecycleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = new(2026, 11, 23, 13, 30, 0, TimeSpan.Zero);

    // The lifecycle as the office agreed it, written out by hand so that a change to the
    // production table has to be made here too, on purpose.
    private static readonly Dictionary<RequestStatus, RequestStatus[]> Expected = new()
    {
        [RequestStatus.Submitted] = [RequestStatus.InReview, RequestStatus.Cancelled, RequestStatus.Rejected],
        [RequestStatus.InReview] = [RequestStatus.NeedsInformation, RequestStatus.VisitScheduled, RequestStatus.Cancelled, RequestStatus.Rejected],
        [RequestStatus.NeedsInformation] = [RequestStatus.InReview, RequestStatus.VisitScheduled, RequestStatus.Cancelled, RequestStatus.Rejected],
        [RequestStatus.VisitScheduled] = [RequestStatus.VisitScheduled, RequestStatus.VisitConfirmed, RequestStatus.Completed, RequestStatus.InReview, RequestStatus.Cancelled],
        [RequestStatus.VisitConfirmed] = [RequestStatus.VisitScheduled, RequestStatus.Completed, RequestStatus.InReview, RequestStatus.Cancelled],
        [RequestStatus.Completed] = [],
        [RequestStatus.Cancelled] = [],
        [RequestStatus.Rejected] = [],
    };

    public static TheoryData<RequestStatus, RequestStatus> AllowedMoves()
    {
        var data = new TheoryData<RequestStatus, RequestStatus>();
        foreach (var from in Enum.GetValues<RequestStatus>())
        {
            foreach (var to in Enum.GetValues<RequestStatus>().Where(t => Expected[from].Contains(t)))
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    public static TheoryData<RequestStatus, RequestStatus> RefusedMoves()
    {
        var data = new TheoryData<RequestStatus, RequestStatus>();
        foreach (var from in Enum.GetValues<RequestStatus>())
        {
            foreach (var to in Enum.GetValues<RequestStatus>().Where(t => !Expected[from].Contains(t)))
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Fact]
    public void ExpectedTable_CoversEveryPairOfStatuses_SixtyFourCases()
    {
        Assert.Equal(8, Enum.GetValues<RequestStatus>().Length);
        Assert.Equal(Enum.GetValues<RequestStatus>(), Expected.Keys.Order());
        Assert.Equal(64, AllowedMoves().Count + RefusedMoves().Count);
        Assert.Equal(20, AllowedMoves().Count);
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void MoveTo_AllowedMove_ChangesStatusAndAppendsOneHistoryEntry(RequestStatus from, RequestStatus to)
    {
        var request = RequestIn(from);
        var historyBefore = request.History.ToList();

        request.MoveTo(to, "Anna Kowalska", "  Urzędnik zadzwoni w poniedziałek.  ", Later);

        Assert.Equal(to, request.Status);
        Assert.Equal(Later, request.UpdatedAt);
        Assert.Equal(historyBefore.Count + 1, request.History.Count);
        Assert.Equal(historyBefore, request.History.Take(historyBefore.Count));
        var entry = request.History[^1];
        Assert.Equal(to, entry.Status);
        Assert.Equal("Anna Kowalska", entry.Actor);
        Assert.Equal("Urzędnik zadzwoni w poniedziałek.", entry.PublicNote);
        Assert.Equal(Later, entry.At);
    }

    [Theory]
    [MemberData(nameof(RefusedMoves))]
    public void MoveTo_RefusedMove_ThrowsAndLeavesRequestUntouched(RequestStatus from, RequestStatus to)
    {
        var request = RequestIn(from);
        var historyBefore = request.History.ToList();
        var updatedBefore = request.UpdatedAt;

        Assert.Throws<LifecycleException>(() => request.MoveTo(to, "Anna Kowalska", "Powód podany mieszkańcowi.", Later));

        Assert.Equal(from, request.Status);
        Assert.Equal(updatedBefore, request.UpdatedAt);
        Assert.Equal(historyBefore, request.History);
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    [MemberData(nameof(RefusedMoves))]
    public void CanMove_EveryPair_MatchesTheAgreedTable(RequestStatus from, RequestStatus to)
    {
        Assert.Equal(Expected[from].Contains(to), RequestLifecycle.CanMove(from, to));
    }

    [Theory]
    [InlineData(RequestStatus.Submitted)]
    [InlineData(RequestStatus.InReview)]
    [InlineData(RequestStatus.NeedsInformation)]
    [InlineData(RequestStatus.VisitScheduled)]
    [InlineData(RequestStatus.VisitConfirmed)]
    [InlineData(RequestStatus.Completed)]
    [InlineData(RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Rejected)]
    public void NextFrom_EachStatus_ListsExactlyTheAllowedMoves(RequestStatus from)
    {
        Assert.Equal(Expected[from].Order(), RequestLifecycle.NextFrom(from).Order());
    }

    [Theory]
    [InlineData(RequestStatus.Submitted, false)]
    [InlineData(RequestStatus.InReview, false)]
    [InlineData(RequestStatus.NeedsInformation, false)]
    [InlineData(RequestStatus.VisitScheduled, false)]
    [InlineData(RequestStatus.VisitConfirmed, false)]
    [InlineData(RequestStatus.Completed, true)]
    [InlineData(RequestStatus.Cancelled, true)]
    [InlineData(RequestStatus.Rejected, true)]
    public void IsClosed_EachStatus_TrueOnlyForCompletedCancelledRejected(RequestStatus status, bool closed)
    {
        Assert.Equal(closed, RequestLifecycle.IsClosed(status));
    }

    [Theory]
    [InlineData(RequestStatus.Submitted, null)]
    [InlineData(RequestStatus.Submitted, "")]
    [InlineData(RequestStatus.InReview, "   ")]
    [InlineData(RequestStatus.NeedsInformation, "\n\t")]
    public void MoveTo_RejectionWithoutReason_IsRefused(RequestStatus from, string? reason)
    {
        var request = RequestIn(from);
        var historyBefore = request.History.ToList();

        var refused = Assert.Throws<LifecycleException>(() => request.MoveTo(RequestStatus.Rejected, "Anna Kowalska", reason, Later));

        Assert.Contains("reason", refused.Message, StringComparison.Ordinal);
        Assert.Equal(from, request.Status);
        Assert.Equal(historyBefore, request.History);
    }

    [Fact]
    public void MoveTo_RejectionWithReason_KeepsTheReasonForTheResident()
    {
        var request = RequestIn(RequestStatus.InReview);

        request.MoveTo(RequestStatus.Rejected, "Anna Kowalska", "Adres jest poza gminą.", Later);

        Assert.Equal(RequestStatus.Rejected, request.Status);
        Assert.Equal("Adres jest poza gminą.", request.History[^1].PublicNote);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void MoveTo_BlankNote_StoresNoNote(string? note)
    {
        var request = RequestIn(RequestStatus.Submitted);

        request.MoveTo(RequestStatus.InReview, "Anna Kowalska", note, Later);

        Assert.Null(request.History[^1].PublicNote);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void MoveTo_NoActor_ThrowsAndLeavesRequestUntouched(string actor)
    {
        var request = RequestIn(RequestStatus.Submitted);

        Assert.ThrowsAny<ArgumentException>(() => request.MoveTo(RequestStatus.InReview, actor, null, Later));

        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Single(request.History);
    }

    [Fact]
    public void RecordSubmission_NewRequest_StartsSubmittedWithOneEntry()
    {
        var request = NewRequest();

        request.RecordSubmission("mieszkaniec", Start);

        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Equal(Start, request.CreatedAt);
        Assert.Equal(Start, request.UpdatedAt);
        var entry = Assert.Single(request.History);
        Assert.Equal(RequestStatus.Submitted, entry.Status);
        Assert.Equal("mieszkaniec", entry.Actor);
        Assert.Equal(Start, entry.At);
        Assert.Null(entry.PublicNote);
    }

    // Reaches each status the way staff would, through allowed moves only.
    private static VisitRequest RequestIn(RequestStatus status)
    {
        var request = NewRequest();
        request.RecordSubmission("mieszkaniec", Start);
        RequestStatus[] path = status switch
        {
            RequestStatus.Submitted => [],
            RequestStatus.InReview => [RequestStatus.InReview],
            RequestStatus.NeedsInformation => [RequestStatus.InReview, RequestStatus.NeedsInformation],
            RequestStatus.VisitScheduled => [RequestStatus.InReview, RequestStatus.VisitScheduled],
            RequestStatus.VisitConfirmed => [RequestStatus.InReview, RequestStatus.VisitScheduled, RequestStatus.VisitConfirmed],
            RequestStatus.Completed => [RequestStatus.InReview, RequestStatus.VisitScheduled, RequestStatus.VisitConfirmed, RequestStatus.Completed],
            RequestStatus.Cancelled => [RequestStatus.Cancelled],
            RequestStatus.Rejected => [RequestStatus.Rejected],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        var at = Start;
        foreach (var step in path)
        {
            at = at.AddHours(1);
            request.MoveTo(step, "Jan Urzędnik", "Krok przygotowania testu.", at);
        }

        Assert.Equal(status, request.Status);
        return request;
    }

    private static VisitRequest NewRequest() => new()
    {
        TrackingCode = "K7P4QX9G",
        Description = "Wniosek o dowód osobisty.",
        ResidentName = "Anna Nowak",
        Street = "ul. Długa 5",
        PostalCode = "00-950",
        Town = "Warszawa",
    };
}
