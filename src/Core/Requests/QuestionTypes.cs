using System.Linq.Expressions;
using MobilnyUrzednik.Core.Common;

namespace MobilnyUrzednik.Core.Requests;

/// <summary>One of several choices, e.g. "Dla kogo jest ta wizyta?".</summary>
public sealed class ChoiceQuestion : Question
{
    private readonly AnswerProperty<string?> _value;

    internal ChoiceQuestion(Expression<Func<RequestAnswers, string?>> value, JourneyStep step, CheckSection section)
        : this(new AnswerProperty<string?>(value), step, section)
    {
    }

    private ChoiceQuestion(AnswerProperty<string?> value, JourneyStep step, CheckSection section)
        : base(value.Name, step, section) => _value = value;

    public override QuestionKind Kind => QuestionKind.Choice;

    public override IReadOnlyList<string> Fields => [Id];

    /// <summary>The choices, in order, worded for the context (the matters come from the catalogue).</summary>
    public required Func<QuestionContext, IReadOnlyList<QuestionOption>> Options { get; init; }

    /// <summary>The message when nothing (or something not offered) is chosen.</summary>
    public required string RequiredKey { get; init; }

    /// <summary>A further rule once a choice is made (an SMS needs a mobile number).</summary>
    public Func<QuestionContext, AnswerError?>? Rule { get; init; }

    public string? Value(RequestAnswers answers) => _value.Get(answers);

    public void Set(RequestAnswers answers, string? value) => _value.Set(answers, value);

    /// <summary>The chosen option, if it is one of those offered.</summary>
    public QuestionOption? Chosen(QuestionContext c) => Options(c).FirstOrDefault(o => o.Value == Value(c.Answers));

    public override void Validate(QuestionContext c, List<AnswerError> errors)
    {
        if (Chosen(c) is null)
        {
            errors.Add(new(Id, RequiredKey));
        }
        else if (Rule?.Invoke(c) is { } problem)
        {
            errors.Add(problem);
        }
    }

    public override void Copy(RequestAnswers from, RequestAnswers to) => Set(to, Value(from));
}

/// <summary>What a line of text holds: it decides how the text is checked, tidied and typed.</summary>
public enum TextKind
{
    /// <summary>A person's name: letters, spaces, hyphens, apostrophes.</summary>
    Name,

    /// <summary>An address line or a town: letters, digits and ordinary punctuation.</summary>
    Address,

    /// <summary>A phone number in any usual format (spoken numbers become digits).</summary>
    Phone,

    /// <summary>A Polish postal code (spoken numbers become digits).</summary>
    PostalCode,

    /// <summary>An e-mail address.</summary>
    Email,
}

/// <summary>The message keys of a line of text's problems; a kind uses those it needs.</summary>
public sealed record TextMessages(string Required, string? Invalid = null, string? TooLong = null, string? Characters = null);

/// <summary>One line of text, e.g. "Imię i nazwisko".</summary>
public sealed class TextQuestion : Question
{
    private readonly AnswerProperty<string?> _value;

    internal TextQuestion(Expression<Func<RequestAnswers, string?>> value, TextKind textKind, JourneyStep step, CheckSection section)
        : this(new AnswerProperty<string?>(value), textKind, step, section)
    {
    }

    private TextQuestion(AnswerProperty<string?> value, TextKind textKind, JourneyStep step, CheckSection section)
        : base(value.Name, step, section)
    {
        _value = value;
        TextKind = textKind;
    }

    public override QuestionKind Kind => QuestionKind.Text;

    public override IReadOnlyList<string> Fields => [Id];

    public TextKind TextKind { get; }

    public required TextMessages Messages { get; init; }

    /// <summary>The longest text accepted (names and address lines).</summary>
    public int MaxLength { get; init; }

    private readonly Func<QuestionContext, bool>? _isRequired;

    /// <summary>Whether an empty answer is a problem; required unless <see cref="Question.IsOptional"/> says otherwise.</summary>
    public Func<QuestionContext, bool> IsRequired
    {
        get => _isRequired ?? (c => !IsOptional(c));
        init => _isRequired = value;
    }

    /// <summary>When the answer is checked at all (an e-mail only once a way of contact is chosen).</summary>
    public Func<QuestionContext, bool> CheckedWhen { get; init; } = _ => true;

    /// <summary>The browser's autofill token ("name", "tel", "street-address"…).</summary>
    public string? Autocomplete { get; init; }

    /// <summary>True when the autofill token fits only a person filing for themselves (the browser holds their own address).</summary>
    public bool AutofillOnlyForSelf { get; init; }

    /// <summary>The width of the field in characters (0: full width).</summary>
    public int Width { get; init; }

    /// <summary>True when speaking the answer is offered (the dictation button).</summary>
    public bool Dictation => TextKind != TextKind.Email;

    /// <summary>True when spoken numbers become digits ("sześćset jeden" → 601).</summary>
    public bool Digits => TextKind is TextKind.Phone or TextKind.PostalCode;

    /// <summary>"tel", "email" or "text".</summary>
    public string InputType => TextKind switch
    {
        TextKind.Phone => "tel",
        TextKind.Email => "email",
        _ => "text",
    };

    /// <summary>The on-screen keyboard a phone or kiosk should show.</summary>
    public string? InputMode => TextKind switch
    {
        TextKind.Phone => "tel",
        TextKind.PostalCode => "numeric",
        TextKind.Email => "email",
        _ => null,
    };

    /// <summary>Names, codes and addresses are not words a spellchecker knows.</summary>
    public bool Spellcheck => false;

    public string? Value(RequestAnswers answers) => _value.Get(answers);

    public void Set(RequestAnswers answers, string? value) => _value.Set(answers, value);

    /// <summary>The answer as it is stored: tidy text, a phone in E.164, a postal code as "00-950"; null when empty or invalid.</summary>
    public string? Tidied(RequestAnswers answers)
    {
        var value = Value(answers);
        var tidy = TextKind switch
        {
            TextKind.Phone => PolishPhone.Normalise(value),
            TextKind.PostalCode => Common.PostalCode.Normalise(value),
            TextKind.Email => value?.Trim(),
            _ => PlainText.Tidy(value),
        };
        return string.IsNullOrEmpty(tidy) ? null : tidy;
    }

    /// <summary>The answer as it is shown back: a phone as "600 100 200".</summary>
    public string? Shown(RequestAnswers answers) =>
        TextKind == TextKind.Phone ? Tidied(answers) is { } e164 ? PolishPhone.Display(e164) : null : Tidied(answers);

    public override void Validate(QuestionContext c, List<AnswerError> errors)
    {
        if (!CheckedWhen(c))
        {
            return;
        }

        var raw = Value(c.Answers);
        var text = TextKind is TextKind.Name or TextKind.Address ? PlainText.Tidy(raw) : raw?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            if (IsRequired(c))
            {
                errors.Add(new(Id, Messages.Required));
            }

            return;
        }

        var problem = TextKind switch
        {
            TextKind.Phone => PolishPhone.Normalise(text) is null ? Messages.Invalid : null,
            TextKind.PostalCode => Common.PostalCode.Normalise(text) is null ? Messages.Invalid : null,
            TextKind.Email => EmailAddress.IsValid(text) ? null : Messages.Invalid,
            _ when MaxLength > 0 && PlainText.Length(text) > MaxLength => Messages.TooLong,
            TextKind.Name => PlainText.IsPersonName(text) ? null : Messages.Characters,
            _ => PlainText.IsAddressText(text) ? null : Messages.Characters,
        };
        if (problem is not null && problem == Messages.TooLong)
        {
            errors.Add(new(Id, problem, Characters(MaxLength), PlainText.Length(text)));
        }
        else if (problem is not null)
        {
            errors.Add(new(Id, problem));
        }
    }

    public override void Copy(RequestAnswers from, RequestAnswers to) => Set(to, Value(from));

    /// <summary>A count of characters for a message ("1 000 znaków").</summary>
    internal static Quantity Characters(long count) => new(count, nameof(JourneyText.Unit_Characters));
}

/// <summary>Several lines of text with a stated length limit, e.g. the description.</summary>
public sealed class LongTextQuestion : Question
{
    private readonly AnswerProperty<string?> _value;

    internal LongTextQuestion(Expression<Func<RequestAnswers, string?>> value, JourneyStep step, CheckSection section)
        : this(new AnswerProperty<string?>(value), step, section)
    {
    }

    private LongTextQuestion(AnswerProperty<string?> value, JourneyStep step, CheckSection section)
        : base(value.Name, step, section) => _value = value;

    public override QuestionKind Kind => QuestionKind.LongText;

    public override IReadOnlyList<string> Fields => [Id];

    public required int MaxLength { get; init; }

    /// <summary>How many lines the field shows.</summary>
    public int Rows { get; init; } = 6;

    /// <summary>The message for an empty answer when one is required.</summary>
    public string? RequiredKey { get; init; }

    public required string TooLongKey { get; init; }

    public required string MarkupKey { get; init; }

    /// <summary>True when the chosen matter's checklist ("Co przygotować") is shown with the question.</summary>
    public bool ShowsChecklist { get; init; }

    public string? Value(RequestAnswers answers) => _value.Get(answers);

    public void Set(RequestAnswers answers, string? value) => _value.Set(answers, value);

    /// <summary>The text as it is stored: tidy, line breaks kept; null when empty.</summary>
    public string? Tidied(RequestAnswers answers) => PlainText.Tidy(Value(answers), multiline: true) is { Length: > 0 } text ? text : null;

    public override void Validate(QuestionContext c, List<AnswerError> errors)
    {
        var text = PlainText.Tidy(Value(c.Answers), multiline: true);
        if (text.Length == 0)
        {
            if (!IsOptional(c) && RequiredKey is not null)
            {
                errors.Add(new(Id, RequiredKey));
            }

            return;
        }

        var length = PlainText.Length(text);
        if (length > MaxLength)
        {
            errors.Add(new(Id, TooLongKey, TextQuestion.Characters(MaxLength), length));
        }
        else if (PlainText.HasMarkupOrControl(text))
        {
            errors.Add(new(Id, MarkupKey));
        }
    }

    public override void Copy(RequestAnswers from, RequestAnswers to) => Set(to, Value(from));
}

/// <summary>A date as three typed fields (GOV.UK date input), e.g. the earliest day of the visit.</summary>
public sealed class DateQuestion : Question
{
    private readonly AnswerProperty<string?> _day;
    private readonly AnswerProperty<string?> _month;
    private readonly AnswerProperty<string?> _year;

    internal DateQuestion(
        Expression<Func<RequestAnswers, string?>> day,
        Expression<Func<RequestAnswers, string?>> month,
        Expression<Func<RequestAnswers, string?>> year,
        JourneyStep step,
        CheckSection section)
        : this(new AnswerProperty<string?>(day), new AnswerProperty<string?>(month), new AnswerProperty<string?>(year), step, section)
    {
    }

    private DateQuestion(AnswerProperty<string?> day, AnswerProperty<string?> month, AnswerProperty<string?> year, JourneyStep step, CheckSection section)
        : base(day.Name, step, section)
    {
        _day = day;
        _month = month;
        _year = year;
    }

    public override QuestionKind Kind => QuestionKind.Date;

    public override IReadOnlyList<string> Fields => [_day.Name, _month.Name, _year.Name];

    /// <summary>The <see cref="RequestAnswers"/> properties of the day, month and year.</summary>
    public (string Day, string Month, string Year) Parts => (_day.Name, _month.Name, _year.Name);

    /// <summary>When a date is asked for at all (the person chose "not before a day").</summary>
    public required Func<QuestionContext, bool> AskedWhen { get; init; }

    /// <summary>How far ahead the date may be.</summary>
    public required int LatestDays { get; init; }

    /// <summary>Message keys: nothing typed, not a real date, not after today, too far ahead.</summary>
    public required (string Required, string Invalid, string Past, string TooFar) Messages { get; init; }

    public (string? Day, string? Month, string? Year) Value(RequestAnswers a) => (_day.Get(a), _month.Get(a), _year.Get(a));

    public void Set(RequestAnswers a, string? day, string? month, string? year)
    {
        _day.Set(a, day);
        _month.Set(a, month);
        _year.Set(a, year);
    }

    /// <summary>The date typed, when it is a real one.</summary>
    public DateOnly? Date(RequestAnswers a) => RequestJourney.ParseDate(_day.Get(a), _month.Get(a), _year.Get(a));

    public override void Validate(QuestionContext c, List<AnswerError> errors)
    {
        if (!AskedWhen(c))
        {
            return;
        }

        var (day, month, year) = Value(c.Answers);
        if (string.IsNullOrWhiteSpace(day) && string.IsNullOrWhiteSpace(month) && string.IsNullOrWhiteSpace(year))
        {
            errors.Add(new(Id, Messages.Required));
        }
        else if (Date(c.Answers) is not { } date)
        {
            errors.Add(new(Id, Messages.Invalid));
        }
        else if (date <= c.Today)
        {
            errors.Add(new(Id, Messages.Past));
        }
        else if (date > c.Today.AddDays(LatestDays))
        {
            errors.Add(new(Id, Messages.TooFar, new Quantity(LatestDays, nameof(JourneyText.Unit_Days))));
        }
    }

    public override void Copy(RequestAnswers from, RequestAnswers to)
    {
        var (day, month, year) = Value(from);
        Set(to, day, month, year);
    }

    /// <summary>A date typed before the person chose "as soon as possible" is dropped.</summary>
    public override void Tidy(RequestAnswers answers)
    {
        if (!AskedWhen(new QuestionContext(answers, [], default)))
        {
            Set(answers, null, null, null);
        }
    }
}

/// <summary>One box that must be ticked, e.g. the resident's consent.</summary>
public sealed class ConfirmQuestion : Question
{
    private readonly AnswerProperty<bool> _value;

    internal ConfirmQuestion(Expression<Func<RequestAnswers, bool>> value, JourneyStep step, CheckSection section)
        : this(new AnswerProperty<bool>(value), step, section)
    {
    }

    private ConfirmQuestion(AnswerProperty<bool> value, JourneyStep step, CheckSection section)
        : base(value.Name, step, section) => _value = value;

    public override QuestionKind Kind => QuestionKind.Confirm;

    public override IReadOnlyList<string> Fields => [Id];

    /// <summary>The words beside the box.</summary>
    public required Func<QuestionContext, Wording> BoxLabel { get; init; }

    public required string RequiredKey { get; init; }

    public bool Value(RequestAnswers answers) => _value.Get(answers);

    public void Set(RequestAnswers answers, bool value) => _value.Set(answers, value);

    public override void Validate(QuestionContext c, List<AnswerError> errors)
    {
        if (!Value(c.Answers))
        {
            errors.Add(new(Id, RequiredKey));
        }
    }

    public override void Copy(RequestAnswers from, RequestAnswers to) => Set(to, Value(from));
}

/// <summary>Boxes to tick, any or none, e.g. the needs during the visit.</summary>
public sealed class CheckboxesQuestion : Question
{
    private readonly IReadOnlyList<(AnswerProperty<bool> Property, Func<QuestionContext, Wording> Label, Func<QuestionContext, Wording?>? Hint)> _boxes;

    internal CheckboxesQuestion(
        string id,
        JourneyStep step,
        CheckSection section,
        params (Expression<Func<RequestAnswers, bool>> Property, Func<QuestionContext, Wording> Label, Func<QuestionContext, Wording?>? Hint)[] boxes)
        : base(id, step, section) =>
        _boxes = [.. boxes.Select(b => (new AnswerProperty<bool>(b.Property), b.Label, b.Hint))];

    public override QuestionKind Kind => QuestionKind.Checkboxes;

    public override IReadOnlyList<string> Fields => [.. _boxes.Select(b => b.Property.Name)];

    /// <summary>The boxes: each option's value is the <see cref="RequestAnswers"/> property it sets.</summary>
    public IReadOnlyList<QuestionOption> Boxes(QuestionContext c) =>
        [.. _boxes.Select(b => new QuestionOption(b.Property.Name, b.Label(c), b.Hint?.Invoke(c)))];

    public bool IsTicked(RequestAnswers answers, string box) => _boxes.Single(b => b.Property.Name == box).Property.Get(answers);

    public void Set(RequestAnswers answers, string box, bool ticked) => _boxes.Single(b => b.Property.Name == box).Property.Set(answers, ticked);

    /// <summary>The boxes ticked, in order.</summary>
    public IReadOnlyList<QuestionOption> Ticked(QuestionContext c) => [.. Boxes(c).Where(b => IsTicked(c.Answers, b.Value))];

    public override void Validate(QuestionContext c, List<AnswerError> errors)
    {
    }

    public override void Copy(RequestAnswers from, RequestAnswers to)
    {
        foreach (var (property, _, _) in _boxes)
        {
            property.Set(to, property.Get(from));
        }
    }
}
