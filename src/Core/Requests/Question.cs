using System.Linq.Expressions;
using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Municipalities;

namespace MobilnyUrzednik.Core.Requests;

/// <summary>What kind of answer a question takes: the shared components render each kind one way.</summary>
public enum QuestionKind
{
    /// <summary>One of several choices (radios).</summary>
    Choice,

    /// <summary>One line of text: a name, an address line, a phone number, a postal code, an e-mail address.</summary>
    Text,

    /// <summary>Several lines of text with a stated length limit.</summary>
    LongText,

    /// <summary>A date as day, month and year.</summary>
    Date,

    /// <summary>One box to tick, which must be ticked (consent).</summary>
    Confirm,

    /// <summary>Boxes to tick, any or none.</summary>
    Checkboxes,
}

/// <summary>Where a question's answer is listed on the check-answers page.</summary>
public enum CheckSection
{
    Matter,
    Resident,
    Submitter,
    Visit,
}

/// <summary>
/// What a question needs to know to word, validate and show itself: the answers so far, the matters offered,
/// today's date (Warsaw) and the municipality (null where only validation is wanted).
/// </summary>
public sealed record QuestionContext(RequestAnswers Answers, IReadOnlyList<Matter> Catalogue, DateOnly Today, MunicipalitySettings? Municipality = null)
{
    /// <summary>True when someone other than the resident is filing.</summary>
    public bool ForOther => Answers.IsForSomeoneElse;

    /// <summary>The matter chosen so far, if it is offered.</summary>
    public Matter? Matter => RequestJourney.FindMatter(Answers.MatterSlug, Catalogue);
}

/// <summary>One choice of a <see cref="ChoiceQuestion"/> or one box of a <see cref="CheckboxesQuestion"/>, worded for this context.</summary>
/// <param name="Value">The value stored (a choice) or the <see cref="RequestAnswers"/> property (a box).</param>
/// <param name="Label">What the person reads.</param>
/// <param name="Hint">An extra line under the label.</param>
public sealed record QuestionOption(string Value, Wording Label, Wording? Hint = null);

/// <summary>A question's row on the check-answers page.</summary>
/// <param name="Key">The row's name ("Adres").</param>
/// <param name="ChangeKey">What "Zmień" changes, read after it ("adres").</param>
/// <param name="Lines">The answer, one line each (a row may show the answers of the questions asked with it).</param>
/// <param name="Personal">True when the answer is about a person: read aloud only in the kiosk's headset.</param>
public sealed record CheckRow(Func<QuestionContext, Wording> Key, string ChangeKey, Func<QuestionContext, IReadOnlyList<Wording>> Lines, bool Personal);

/// <summary>
/// One question of the request journey, defined once for the public site, the kiosk and phone intake (as GOV.UK's
/// forms-runner defines one class per question type): the step it belongs to, the <see cref="RequestAnswers"/> fields it
/// fills, when it is optional, its wording (keys of <c>JourneyText</c>), how its answer is checked and tidied, and its
/// row on the check-answers page. The front ends only frame it: <see cref="JourneyOrder"/> says which pages ask which
/// questions, the shared components render each <see cref="QuestionKind"/>.
/// </summary>
public abstract class Question
{
    private static readonly Func<QuestionContext, Wording?> NoWords = _ => null;

    protected Question(string id, JourneyStep step, CheckSection section)
    {
        Id = id;
        Step = step;
        Section = section;
    }

    /// <summary>The <see cref="RequestAnswers"/> property of its first input, which is also the input's id (the error summary links to it).</summary>
    public string Id { get; }

    /// <summary>The step of the journey the answer belongs to (the public site asks a step's questions on one page).</summary>
    public JourneyStep Step { get; }

    /// <summary>Where the answer is listed on the check-answers page.</summary>
    public CheckSection Section { get; }

    public abstract QuestionKind Kind { get; }

    /// <summary>The question as a label or legend, beside the others of its page.</summary>
    public required Func<QuestionContext, Wording> Label { get; init; }

    /// <summary>Help under the label.</summary>
    public Func<QuestionContext, Wording?> Hint { get; init; } = NoWords;

    /// <summary>The question when it is alone on a screen (the kiosk asks one field a screen), where the page gives no context.</summary>
    public Func<QuestionContext, Wording>? AloneLabel { get; init; }

    /// <summary>The help when it is alone on a screen; <see cref="Hint"/> when not set.</summary>
    public Func<QuestionContext, Wording?>? AloneHint { get; init; }

    /// <summary>True when it may be left empty ("(opcjonalnie)" is added to the label).</summary>
    public Func<QuestionContext, bool> IsOptional { get; init; } = _ => false;

    /// <summary>True when the answer is about a person (name, phone, address, description…): read aloud only in the headset.</summary>
    public bool Personal { get; init; }

    /// <summary>Its row on the check-answers page; null when another question's row shows its answer (the address lines).</summary>
    public CheckRow? Row { get; init; }

    /// <summary>The <see cref="RequestAnswers"/> properties it fills: problems with these belong to it.</summary>
    public abstract IReadOnlyList<string> Fields { get; }

    /// <summary>The label to show: <see cref="AloneLabel"/> when alone on its page and worded apart, else <see cref="Label"/>.</summary>
    public Wording LabelFor(QuestionContext c, bool alone) => alone && AloneLabel is not null ? AloneLabel(c) : Label(c);

    /// <summary>The hint to show when alone or beside others.</summary>
    public Wording? HintFor(QuestionContext c, bool alone) => alone && AloneHint is not null ? AloneHint(c) : Hint(c);

    /// <summary>Adds the problems with its answer to <paramref name="errors"/>.</summary>
    public abstract void Validate(QuestionContext c, List<AnswerError> errors);

    /// <summary>Copies its answer from a posted form into the saved answers.</summary>
    public abstract void Copy(RequestAnswers from, RequestAnswers to);

    /// <summary>Tidies the saved answer once its page is valid (e.g. drops a date when "as soon as possible" was chosen).</summary>
    public virtual void Tidy(RequestAnswers answers)
    {
    }
}

/// <summary>A <see cref="RequestAnswers"/> property read and written through delegates built once from an expression.</summary>
internal sealed class AnswerProperty<T>
{
    public AnswerProperty(Expression<Func<RequestAnswers, T>> property)
    {
        var member = (MemberExpression)property.Body;
        Name = member.Member.Name;
        Get = property.Compile();
        var value = Expression.Parameter(typeof(T), "value");
        Set = Expression.Lambda<Action<RequestAnswers, T>>(Expression.Assign(member, value), property.Parameters[0], value).Compile();
    }

    public string Name { get; }

    public Func<RequestAnswers, T> Get { get; }

    public Action<RequestAnswers, T> Set { get; }
}
