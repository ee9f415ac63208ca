using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MobilnyUrzednik.Components.Forms;
using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Municipalities;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.PublicSite.Components.Shared;

namespace MobilnyUrzednik.PublicSite.Components.Pages.Requests;

/// <summary>
/// What every question page of the journey shares: the draft, the order of the questions, server-side
/// validation on "Dalej" (plain HTML form post, so it works without JavaScript), and keeping every
/// answer, invalid ones too. The questions themselves come from Core's <see cref="JourneyQuestions"/>.
/// </summary>
/// <remarks>
/// Validation lives in Core's <see cref="RequestJourney"/> rather than in DataAnnotations, because the kiosk
/// and staff phone intake ask the same questions and must refuse the same answers.
/// </remarks>
public abstract class JourneyStepPage : ComponentBase
{
    private string? _pendingRedirect;

    [CascadingParameter] public HttpContext HttpContext { get; set; } = default!;

    /// <summary>The posted answers of this step (inputs are named "Form.&lt;property&gt;").</summary>
    [SupplyParameterFromForm] public RequestAnswers? Form { get; set; }

    /// <summary>"1" when the person came from the check page's "Zmień" link.</summary>
    [SupplyParameterFromQuery(Name = "zmien")] public string? ChangeMode { get; set; }

    [Inject] protected DraftStore Drafts { get; set; } = default!;
    [Inject] protected MatterCatalogue Catalogue { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;
    [Inject] protected IStringLocalizer<JourneyText> Words { get; set; } = default!;
    [Inject] protected IStringLocalizer<SiteText> SiteLoc { get; set; } = default!;

    /// <summary>The step this page asks.</summary>
    protected abstract JourneyStep Step { get; }

    /// <summary>The step's questions, as the public site asks them (null on the check page).</summary>
    protected JourneyPage? Page => Step == JourneyStep.Check ? null : JourneyOrder.Web.ForStep(Step);

    /// <summary>The answers with what the questions' wording needs.</summary>
    protected QuestionContext Context => new(Answers, Matters, Today, Municipality);

    /// <summary>The answers to show: the saved ones, or after a failed post exactly what was posted.</summary>
    protected RequestAnswers Answers { get; private set; } = new();

    protected IReadOnlyList<Matter> Matters { get; private set; } = [];

    protected MunicipalitySettings Municipality { get; private set; } = default!;

    protected IReadOnlyList<FieldError> Errors { get; set; } = [];

    /// <summary>False while the page is redirecting elsewhere (nothing to render).</summary>
    protected bool Ready { get; private set; }

    protected string FormName => "krok-" + Step.ToString().ToLowerInvariant();

    protected bool IsChanging => ChangeMode == "1";

    protected string? DraftKey { get; private set; }

    /// <summary>Where "Wstecz" goes: the check page in change mode, else the previous question.</summary>
    protected string BackHref => IsChanging
        ? JourneyRoutes.For(JourneyStep.Check)
        : RequestJourney.Previous(Step, Answers) is { } previous ? JourneyRoutes.For(previous) : JourneyRoutes.Start;

    protected string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.FieldId == field)?.Message;

    /// <summary>The form field name for a <see cref="RequestAnswers"/> property.</summary>
    protected static string FieldName(string property) => "Form." + property;

    /// <summary>"Pytanie – Mobilny Urzędnik", with "Błąd: " in front when the page shows errors.</summary>
    protected string TitleFor(string question) =>
        (Errors.Count > 0 ? SiteLoc[nameof(SiteText.ErrorTitlePrefix)] + " " : string.Empty) + question + " " + SiteLoc[nameof(SiteText.TitleSuffix)];

    protected DateOnly Today => WarsawTime.Today(Clock);

    protected override async Task OnInitializedAsync()
    {
        DraftKey = HttpContext.Request.Cookies[JourneyRoutes.DraftCookie];
        var draft = await Drafts.LoadAsync(DraftKey);
        if (draft is null)
        {
            Redirect(JourneyRoutes.Start + "?wygaslo=1");
            return;
        }

        if (draft.SubmittedRequestId is not null)
        {
            Redirect(JourneyRoutes.Confirmation);
            return;
        }

        Matters = await Catalogue.GetOfferedAsync();
        Municipality = await Catalogue.GetMunicipalityAsync();
        Answers = draft.Answers;

        // Someone who jumps ahead (a bookmark, a typed address) is sent to the first unanswered question.
        if (RequestJourney.FirstIncomplete(Answers, Matters, Today, upTo: Step) is { } missing)
        {
            Redirect(JourneyRoutes.For(missing));
            return;
        }

        if (!RequestJourney.Applies(Step, Answers))
        {
            Redirect(JourneyRoutes.For(RequestJourney.Next(Step, Answers)));
            return;
        }

        Ready = true;
    }

    /// <summary>
    /// Sends the person elsewhere. A GET goes at once; a post (a refresh, back and resend, a second click
    /// after the request was sent) is redirected by its form handler instead, because navigating while
    /// the page initialises stops rendering before the named form exists, and Blazor then refuses the
    /// post with a bare 400 "no form has that name".
    /// </summary>
    protected void Redirect(string url)
    {
        if (HttpMethods.IsPost(HttpContext.Request.Method))
        {
            _pendingRedirect = url;
        }
        else
        {
            Nav.NavigateTo(url);
        }
    }

    /// <summary>In a form handler: follows a redirect decided while the page initialised; false when there is none.</summary>
    protected bool FollowPendingRedirect()
    {
        if (_pendingRedirect is null)
        {
            return false;
        }

        Nav.NavigateTo(_pendingRedirect);
        return true;
    }

    /// <summary>"Dalej": validate this step on the server; save and move on, or show every problem and keep the answers.</summary>
    protected async Task SubmitAsync()
    {
        if (FollowPendingRedirect() || !Ready || DraftKey is null)
        {
            return;
        }

        var posted = Form ?? new RequestAnswers();
        var merged = Clone(Answers);
        CopyStep(posted, merged);
        var errors = RequestJourney.Validate(Step, merged, Matters, Today);
        if (errors.Count > 0)
        {
            Answers = merged;
            Errors = errors.Select(ToFieldError).ToList();
            return;
        }

        merged.Answered.Add(Step);
        foreach (var question in Page?.Questions ?? [])
        {
            question.Tidy(merged);
        }

        if (!await Drafts.SaveAsync(DraftKey, merged))
        {
            Nav.NavigateTo(JourneyRoutes.Confirmation);
            return;
        }

        if (Step <= JourneyStep.Reason && RequestJourney.CheckEligibility(merged) != Ineligibility.None)
        {
            Nav.NavigateTo(JourneyRoutes.NotEligible);
            return;
        }

        var next = IsChanging ? JourneyStep.Check : RequestJourney.Next(Step, merged);

        // A change can make a new question apply (e.g. "for someone else" needs their details).
        if (RequestJourney.FirstIncomplete(merged, Matters, Today, upTo: next) is { } missing)
        {
            next = missing;
        }

        Nav.NavigateTo(JourneyRoutes.For(next) + (IsChanging && next != JourneyStep.Check ? "?zmien=1" : string.Empty));
    }

    /// <summary>Copies this step's fields from the post into the draft's answers (each question copies its own).</summary>
    private void CopyStep(RequestAnswers posted, RequestAnswers target)
    {
        foreach (var question in Page?.Questions ?? [])
        {
            question.Copy(posted, target);
        }
    }

    private FieldError ToFieldError(AnswerError error) => new(error.Field, Words.Say(error));

    private static RequestAnswers Clone(RequestAnswers a) =>
        System.Text.Json.JsonSerializer.Deserialize<RequestAnswers>(System.Text.Json.JsonSerializer.Serialize(a))!;
}
