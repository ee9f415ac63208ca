using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MobilnyUrzednik.Components.Forms;
using MobilnyUrzednik.Components.Journey;
using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Kiosk.Devices;
using MobilnyUrzednik.Kiosk.Journey;

namespace MobilnyUrzednik.Kiosk.Components.Pages.Journey;

/// <summary>
/// The kiosk journey on one address: the screen is held in the circuit (<see cref="KioskSession"/>), so nothing of
/// it reaches the browser's history or storage. One question a screen (<see cref="JourneyOrder.Kiosk"/>), "Dalej"/"Wstecz"
/// in the fixed bottom bar, the same rules and words as the public site.
/// </summary>
public partial class KioskJourney : IHandleEvent
{
    /// <summary>
    /// Typing and choosing only store the answer (the shared fields write it): re-rendering the screen on every
    /// keystroke is not needed, and the read-aloud script is rebuilt when it is asked for. Buttons re-render as usual.
    /// </summary>
    async Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem item, object? arg)
    {
        await item.InvokeAsync(arg);
        if (arg is not AnswerChange)
        {
            StateHasChanged();
        }
    }

    private IReadOnlyList<Matter> matters = [];
    private Core.Municipalities.MunicipalitySettings? municipality;
    private bool screenChanged = true;
    private bool sending;

    [CascadingParameter] private KioskDevice? Device { get; set; }

    private static JourneyOrder Order => JourneyOrder.Kiosk;

    private RequestAnswers A => Session.Answers;

    private JourneyPage? Screen => Session.Screen;

    private IReadOnlyList<FieldError> Errors => Session.Errors;

    private QuestionContext Context => new(A, matters, WarsawTime.Today(Clock), municipality);

    private (int Position, int? Count) Progress => Order.Progress(Screen!, A);

    private string Heading => Session.Ineligible != Ineligibility.None ? Words[nameof(JourneyText.NotEligibleTitle)]
        : Screen is { } screen ? Words.Say(screen.HeadingText(Context))
        : Words[nameof(JourneyText.CheckTitle)];

    private IEnumerable<string> NotEligibleLines =>
    [
        .. RequestJourney.Explain(Session.Ineligible, municipality!).Select(Words.Say),
        Words.Format(nameof(JourneyText.NotEligibleCall), [municipality!.PhoneHours]) + " " + municipality.Phone + ".",
    ];

    protected override async Task OnInitializedAsync()
    {
        if (!Session.JourneyStarted)
        {
            // Opened directly (or after the idle wipe): a fresh journey, never a previous person's answers.
            Session.StartJourney();
        }

        matters = await Catalogue.GetOfferedAsync();
        municipality = await Catalogue.GetMunicipalityAsync();
        Session.RefreshSpeech = BuildSpeech;
        BuildSpeech();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (municipality is null)
        {
            return;
        }

        // Rebuilt after every render, so "Przeczytaj na głos" reads what is on the screen now (typed text included).
        BuildSpeech();
        if (!screenChanged)
        {
            return;
        }

        screenChanged = false;
        await JS.InvokeVoidAsync("muKiosk.screenShown", Errors.Count > 0);
        await Speaker.ScreenShownAsync();
    }

    private static Task Changed(AnswerChange change) => Task.CompletedTask;

    private void Show(JourneyPage? screen, IReadOnlyList<FieldError>? errors = null)
    {
        Session.Screen = screen;
        Session.Errors = errors ?? [];
        screenChanged = true;
        BuildSpeech();
    }

    private async Task NextAsync()
    {
        if (municipality is null || sending)
        {
            return;
        }

        if (Screen is not { } screen)
        {
            await SendAsync();
            return;
        }

        var errors = screen.Validate(Context);
        if (errors.Count > 0)
        {
            Show(screen, [.. errors.Select(ToFieldError)]);
            return;
        }

        foreach (var question in screen.Questions)
        {
            question.Tidy(A);
        }

        if (screen.Step is JourneyStep.Residence or JourneyStep.Reason && RequestJourney.CheckEligibility(A) is not Ineligibility.None and var verdict)
        {
            Session.Ineligible = verdict;
            Show(screen);
            return;
        }

        var next = Session.Changing ? null : Order.Next(screen, A);

        // A change can make a new question apply (e.g. "for someone else" needs their details).
        if (Order.FirstInvalid(Context, upTo: next) is { } missing && Order.IndexOf(missing) > Order.IndexOf(screen))
        {
            next = missing;
        }

        Show(next);
    }

    private void Back()
    {
        if (Session.Ineligible != Ineligibility.None)
        {
            Session.Ineligible = Ineligibility.None;
            Show(Screen);
        }
        else if (Session.Changing && Screen is not null)
        {
            Show(null);
        }
        else if ((Screen is null ? Order.Pages.LastOrDefault(p => JourneyOrder.Applies(p, A)) : Order.Previous(Screen, A)) is { } previous)
        {
            Show(previous);
        }
        else
        {
            Nav.NavigateTo("/", replace: true);
        }
    }

    private void Change(CheckAnswersRow row)
    {
        Session.Changing = true;
        Show(row.Page);
    }

    private void ToStart()
    {
        Session.Restart();
        Nav.NavigateTo("/", replace: true);
    }

    private async Task SendAsync()
    {
        if (Device is null)
        {
            return;
        }

        // Requests one kiosk may send a minute: far above what a person can do, far below a script's flood.
        if (!SendLimit.TryTake(Device.Id))
        {
            Show(null, [new FieldError("dalej", KioskLoc[nameof(KioskText.SendTooMany)])]);
            return;
        }

        sending = true;
        try
        {
            await Speaker.SpeakAsync([new(KioskLoc[nameof(KioskText.SpeakSending)])]);
            var result = await Submission.SubmitAnswersAsync(Session.SubmissionKey, A, RequestChannel.Kiosk, Device.Location, Device.Id, Device.Location, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
            if (result.Outcome != SubmissionOutcome.Created)
            {
                // Something changed since the screen was shown (e.g. the preferred date has passed): go to it.
                var screen = Order.FirstInvalid(Context) ?? Order.PageOf(JourneyQuestions.Timing);
                Session.Changing = true;
                Show(screen, [.. screen.Validate(Context).Select(ToFieldError)]);
                return;
            }

            var view = await Submission.GetConfirmationAsync(result.RequestId!.Value);
            Session.CompleteJourney(new KioskReceipt(result.RequestId.Value, result.TrackingCode!, view?.MatterName ?? string.Empty, Device.Id, Clock.GetUtcNow(), A.ContactChannel));
            Nav.NavigateTo("/potwierdzenie", replace: true);
        }
        finally
        {
            sending = false;
        }
    }

    private FieldError ToFieldError(AnswerError error) => new(error.Field, Words.Say(error));

    /// <summary>What "Przeczytaj na głos" (and non-visual mode on arrival) says on this screen.</summary>
    private void BuildSpeech()
    {
        if (municipality is null)
        {
            return;
        }

        Session.Speech = Session.Ineligible != Ineligibility.None ? Script.ForNotEligible(NotEligibleLines, Session.NonVisual)
            : Screen is { } screen ? Script.ForScreen(screen, Context, Errors, Progress, Session.NonVisual)
            : Script.ForCheck(CheckAnswers.Build(Order, Context), Errors, Session.NonVisual);
    }
}
