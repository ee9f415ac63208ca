using MobilnyUrzednik.Core.Common;

namespace MobilnyUrzednik.Core.Requests;

/// <summary>A heading that stands over several questions of a page ("Twój adres" over street, postal code and town).</summary>
/// <param name="Text">The heading (the page's h1).</param>
/// <param name="Intro">A line under it.</param>
/// <param name="GroupsFields">True when the heading is the legend of a fieldset around the questions (an address).</param>
public sealed record PageHeading(Func<QuestionContext, Wording> Text, Func<QuestionContext, Wording>? Intro = null, bool GroupsFields = false);

/// <summary>
/// One page (the public site) or screen (the kiosk): questions shown together. Without a heading of its own, its first
/// question is the page's heading (GOV.UK: the label or legend is the h1), worded as a question asked alone when the
/// page asks only that one.
/// </summary>
public sealed class JourneyPage(string id, JourneyStep step, IReadOnlyList<Question> questions, PageHeading? heading = null)
{
    /// <summary>A name for the page, unique in its order (the kiosk's screen, the site's step).</summary>
    public string Id { get; } = id;

    /// <summary>The step the page's answers belong to: the page is asked when the step applies.</summary>
    public JourneyStep Step { get; } = step;

    public IReadOnlyList<Question> Questions { get; } = questions;

    public PageHeading? Heading { get; } = heading;

    /// <summary>True when the page asks one question and gives it no heading of its own: it is worded to stand alone.</summary>
    public bool AsksAlone => Heading is null && Questions.Count == 1;

    /// <summary>The question whose label is the page's h1, or null when the page has a heading of its own.</summary>
    public Question? HeadingQuestion => Heading is null ? Questions[0] : null;

    /// <summary>The page's h1 (without "(opcjonalnie)").</summary>
    public Wording HeadingText(QuestionContext c) => Heading?.Text(c) ?? Questions[0].LabelFor(c, AsksAlone);

    /// <summary>True when the question heading the page may be left empty.</summary>
    public bool HeadingIsOptional(QuestionContext c) => HeadingQuestion?.IsOptional(c) ?? false;

    /// <summary>The problems with the answers this page asks.</summary>
    public IReadOnlyList<AnswerError> Validate(QuestionContext c)
    {
        var errors = new List<AnswerError>();
        foreach (var question in Questions)
        {
            question.Validate(c, errors);
        }

        return errors;
    }
}

/// <summary>
/// An order of pages over <see cref="JourneyQuestions"/>. The public site asks a step a page (<see cref="Web"/>); the kiosk
/// asks "for whom" first and one field a screen where that helps (<see cref="Kiosk"/>). Both walk the same questions,
/// so their wording, rules and check-answers rows cannot drift apart.
/// </summary>
public sealed class JourneyOrder
{
    private static readonly Dictionary<JourneyStep, PageHeading> StepHeadings = new()
    {
        [JourneyStep.Resident] = new(c => Wording.Of(c.ForOther ? nameof(JourneyText.ResidentHeadingOther) : nameof(JourneyText.ResidentHeadingSelf))),
        [JourneyStep.Address] = new(
            c => Wording.Of(c.ForOther ? nameof(JourneyText.AddressHeadingOther) : nameof(JourneyText.AddressHeadingSelf)),
            _ => Wording.Of(nameof(JourneyText.AddressHint)),
            GroupsFields: true),
        [JourneyStep.Submitter] = new(_ => Wording.Of(nameof(JourneyText.SubmitterHeading)), _ => Wording.Of(nameof(JourneyText.SubmitterIntro))),
    };

    private JourneyOrder(IReadOnlyList<JourneyPage> pages) => Pages = pages;

    /// <summary>The public site: one page a step, in the order of <see cref="JourneyStep"/>.</summary>
    public static JourneyOrder Web { get; } = new([.. RequestJourney.Steps.Where(s => s != JourneyStep.Check).Select(step => new JourneyPage(
        step.ToString(), step, [.. JourneyQuestions.All.Where(q => q.Step == step)], StepHeadings.GetValueOrDefault(step)))]);

    /// <summary>The kiosk: "for whom" first (it decides how every later question is worded), one field a screen where that helps.</summary>
    public static JourneyOrder Kiosk { get; } = new(
    [
        Screen(JourneyQuestions.Relation),
        Screen(JourneyQuestions.LivesInMunicipality),
        Screen(JourneyQuestions.Reason),
        Screen(JourneyQuestions.Matter),
        Screen(JourneyQuestions.Description),
        Screen(JourneyQuestions.ResidentName),
        Screen(JourneyQuestions.ResidentPhone),
        new("Address", JourneyStep.Address, [JourneyQuestions.Street, JourneyQuestions.PostalCode, JourneyQuestions.Town], StepHeadings[JourneyStep.Address]),
        Screen(JourneyQuestions.SubmitterName),
        Screen(JourneyQuestions.SubmitterPhone),
        Screen(JourneyQuestions.ResidentConsent),
        Screen(JourneyQuestions.ContactChannel, JourneyQuestions.ContactEmail),
        Screen(JourneyQuestions.AccessNeeds, JourneyQuestions.AccessNotes),
        Screen(JourneyQuestions.Timing, JourneyQuestions.EarliestDate),
        Screen(JourneyQuestions.PartOfDay),
    ]);

    /// <summary>The pages, in order (the check-answers page follows the last).</summary>
    public IReadOnlyList<JourneyPage> Pages { get; }

    public JourneyPage First => Pages[0];

    /// <summary>The page with this id, or null.</summary>
    public JourneyPage? Find(string? id) => Pages.FirstOrDefault(p => p.Id == id);

    /// <summary>The page of a step (the public site's order has one a step).</summary>
    public JourneyPage ForStep(JourneyStep step) => Pages.First(p => p.Step == step);

    /// <summary>The page that asks <paramref name="question"/>.</summary>
    public JourneyPage PageOf(Question question) => Pages.First(p => p.Questions.Contains(question));

    public static bool Applies(JourneyPage page, RequestAnswers answers) => RequestJourney.Applies(page.Step, answers);

    /// <summary>The next page that applies, or null when the check-answers page is next.</summary>
    public JourneyPage? Next(JourneyPage page, RequestAnswers answers) =>
        Pages.Skip(IndexOf(page) + 1).FirstOrDefault(p => Applies(p, answers));

    /// <summary>The page before that applies, or null on the first.</summary>
    public JourneyPage? Previous(JourneyPage page, RequestAnswers answers) =>
        Pages.Take(IndexOf(page)).LastOrDefault(p => Applies(p, answers));

    /// <summary>The first page (before <paramref name="upTo"/>, or any) that applies and has a problem; null when none has.</summary>
    public JourneyPage? FirstInvalid(QuestionContext c, JourneyPage? upTo = null) =>
        Pages.Take(upTo is null ? Pages.Count : IndexOf(upTo)).FirstOrDefault(p => Applies(p, c.Answers) && p.Validate(c).Count > 0);

    /// <summary>
    /// The 1-based position among the pages that apply, and how many apply ("Pytanie 3 z 14"). The count is null until
    /// the answer that decides which pages apply is given (the kiosk asks it first): a count shown before it would jump
    /// ("Pytanie 1 z 12", then "Pytanie 2 z 15") for everyone filing for someone else.
    /// </summary>
    public (int Position, int? Count) Progress(JourneyPage page, RequestAnswers answers)
    {
        var applying = Pages.Where(p => Applies(p, answers)).ToList();
        return (applying.IndexOf(page) + 1, RequestJourney.KnowsWhichStepsApply(answers) ? applying.Count : null);
    }

    /// <summary>The position of <paramref name="page"/> in the order.</summary>
    public int IndexOf(JourneyPage page) => Pages.ToList().IndexOf(page);

    private static JourneyPage Screen(params Question[] questions) => new(questions[0].Id, questions[0].Step, questions);
}
