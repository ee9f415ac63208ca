using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Components.Journey;

/// <summary>
/// An answer changed on a live page, already written into the answers: the page decides whether to re-render
/// (phone intake shows the submitter's questions once "for someone else" is chosen; the kiosk does not re-render on typing).
/// </summary>
/// <param name="Question">The question answered.</param>
/// <param name="Field">The <see cref="RequestAnswers"/> property written.</param>
public sealed record AnswerChange(Question Question, string Field);
