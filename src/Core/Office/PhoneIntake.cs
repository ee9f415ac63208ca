using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Office;

/// <summary>
/// A request taken by phone or e-mail, recorded by staff on the caller's behalf: the same answers, the same
/// rules (<see cref="RequestJourney"/>) and the same storage as the public journey, with the channel and the
/// staff member recorded. The form's key makes a double click create one request.
/// </summary>
public sealed class PhoneIntake(RequestSubmission submission, AuditLog audit)
{
    public async Task<SubmissionResult> SubmitAsync(StaffActor actor, RequestAnswers answers, RequestChannel channel, string formKey, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.TakePhoneRequest);
        if (channel is not (RequestChannel.Phone or RequestChannel.Email))
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "Staff record requests taken by phone or e-mail.");
        }

        var result = await submission.SubmitAnswersAsync("staff:" + formKey, answers, channel, actor.DisplayName, ct: ct);
        if (result.Outcome == SubmissionOutcome.Created)
        {
            await audit.RecordAsync(actor, AuditActions.RequestCreated, AuditLog.RequestSubject(result.RequestId!.Value), channel.ToString(), ct);
        }

        return result;
    }
}
