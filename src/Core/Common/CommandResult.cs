namespace MobilnyUrzednik.Core.Common;

/// <summary>One problem with one answer of a form: the field it belongs to and a message key with its arguments.</summary>
/// <param name="Field">The form field (the id of its input: the error summary links to it).</param>
/// <param name="Code">The key of the message in the feature's resources (JourneyText, AdminMessages, VisitMessages…).</param>
/// <param name="Args">Values for the message's placeholders.</param>
public sealed record AnswerError(string Field, string Code, params object[] Args);

/// <summary>
/// The one answer of a command, in every feature: the problems (each a field and a message key the UI words in its
/// language; Core holds no sentences), or none when it was done, with the id of what was created or changed.
/// User errors never throw.
/// </summary>
public record CommandResult(IReadOnlyList<AnswerError> Errors, int? Id = null)
{
    public static CommandResult Ok(int? id = null) => new([], id);

    public bool Succeeded => Errors.Count == 0;

    public static CommandResult Fail(string field, string code, params object[] args) => new([new AnswerError(field, code, args)]);
}
