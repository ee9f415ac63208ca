using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Core.Administration;

/// <summary>
/// The answer of an administration command: the problems (each a field and a key of
/// <c>AdminMessages.resx</c>), or none when the change was saved.
/// </summary>
public sealed record AdminResult(IReadOnlyList<AnswerError> Errors)
{
    public static AdminResult Ok { get; } = new([]);

    public bool Succeeded => Errors.Count == 0;

    public static AdminResult Fail(string field, string code, params object[] args) => new([new AnswerError(field, code, args)]);
}

/// <summary>Marker for the administration's messages (AdminMessages.resx).</summary>
public sealed class AdminMessages;
