using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MobilnyUrzednik.Components.Forms;
using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Kiosk.Devices;
using MobilnyUrzednik.Kiosk.Journey;

namespace MobilnyUrzednik.Kiosk.Components.Pages.Journey;

/// <summary>
/// The kiosk journey on one address: the screen is held in the circuit (<see cref="KioskSession"/>), so nothing of
/// it reaches the browser's history or storage. One question a screen, "Dalej"/"Wstecz" in the fixed bottom bar,
/// the same rules as the public site (Core's <see cref="RequestJourney"/>).
/// </summary>
public partial class KioskJourney : IHandleEvent
{
    /// <summary>
    /// Typing and choosing only store the answer: re-rendering on every keystroke would write the server's copy of a
    /// field back into it while the person is still typing and lose characters. Buttons re-render as usual.
    /// </summary>
    async Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem item, object? arg)
    {
        await item.InvokeAsync(arg);
        if (arg is not (string or ChangeEventArgs or ValueTuple<string, bool>))
        {
            StateHasChanged();
        }
    }

    private IReadOnlyList<Matter> matters = [];
    private Core.Municipalities.MunicipalitySettings? municipality;
    private bool screenChanged = true;
    private bool sending;

    [CascadingParameter] private KioskDevice? Device { get; set; }

    private RequestAnswers A => Session.Answers;

    private KioskScreen Screen => Session.Screen;

    private IReadOnlyList<FieldError> Errors => Session.Errors;

    private bool ForOther => A.IsForSomeoneElse;

    private DateOnly Today => WarsawTime.Today(Clock);

    private (int Position, int Count) Progress => KioskScreens.Progress(Screen, A);

    private Matter? MatterChosen => RequestJourney.FindMatter(A.MatterSlug, matters);

    private string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.FieldId == field)?.Message;

    private string? DateError => ErrorFor(nameof(RequestAnswers.EarliestDay));

    private string DateExample => Today.AddDays(14).ToString("d M yyyy", CultureInfo.InvariantCulture);

    private string ResidenceHint => string.Format(CultureInfo.CurrentCulture, Loc["ResidenceHint"], municipality!.Name);

    private string Heading => Session.Ineligible != Ineligibility.None ? Loc["NotEligibleTitle"] : Screen switch
    {
        KioskScreen.ForWhom => Loc["ForWhomQuestion"],
        KioskScreen.Residence => string.Format(CultureInfo.CurrentCulture, Loc["ResidenceQuestion"], municipality!.NameLocative),
        KioskScreen.Reason => Loc["ReasonQuestion"],
        KioskScreen.Matter => Loc["MatterQuestion"],
        KioskScreen.Description => Loc["DescriptionQuestion"],
        KioskScreen.ResidentName => ForOther ? Loc["ResidentNameQuestionOther"] : Loc["ResidentNameQuestionSelf"],
        KioskScreen.ResidentPhone => ForOther ? Loc["ResidentPhoneQuestionOther"] : Loc["ResidentPhoneQuestionSelf"],
        KioskScreen.Address => ForOther ? Loc["AddressHeadingOther"] : Loc["AddressHeadingSelf"],
        KioskScreen.SubmitterName => Loc["SubmitterNameQuestion"],
        KioskScreen.SubmitterPhone => Loc["SubmitterPhoneQuestion"],
        KioskScreen.Consent => Loc["ConsentQuestion"],
        KioskScreen.Contact => Loc["ContactQuestion"],
        KioskScreen.AccessNeeds => Loc["AccessQuestion"],
        KioskScreen.Timing => Loc["TimingQuestion"],
        KioskScreen.PartOfDay => Loc["PartOfDayQuestion"],
        _ => Loc["CheckTitle"],
    };

    private IReadOnlyList<ChoiceOption> YesNo => [new("tak", Loc["Yes"]), new("nie", Loc["No"])];

    private IReadOnlyList<ChoiceOption> ForWhomOptions =>
    [
        new(nameof(SubmitterRelation.Self), Loc["ForWhomSelf"]),
        new(nameof(SubmitterRelation.Caregiver), Loc["ForWhomCaregiver"]),
        new(nameof(SubmitterRelation.Family), Loc["ForWhomFamily"]),
        new(nameof(SubmitterRelation.Neighbour), Loc["ForWhomNeighbour"]),
        new(nameof(SubmitterRelation.Other), Loc["ForWhomOther"]),
    ];

    private IReadOnlyList<ChoiceOption> ReasonOptions =>
    [
        new(nameof(EligibilityReason.Disability), Loc["ReasonDisability"]),
        new(nameof(EligibilityReason.Age), Loc["ReasonAge"]),
        new(nameof(EligibilityReason.Illness), Loc["ReasonIllness"]),
        new(nameof(EligibilityReason.LimitedMobility), Loc["ReasonLimitedMobility"]),
        new(nameof(EligibilityReason.CanComeToOffice), Loc["ReasonCanCome"]),
    ];

    private IReadOnlyList<ChoiceOption> MatterOptions => [.. matters.Select(s => new ChoiceOption(s.Slug, s.Name, s.Description, "pl"))];

    private string ContactPhone =>
        PolishPhone.Normalise(ForOther ? A.SubmitterPhone : A.ResidentPhone) is { } e164 ? PolishPhone.Display(e164) : string.Empty;

    private IReadOnlyList<ChoiceOption> ContactOptions =>
    [
        new(nameof(ContactChannel.PhoneCall), Loc["ContactPhoneCall"], string.Format(CultureInfo.CurrentCulture, Loc["ContactPhoneCallHint"], ContactPhone)),
        new(nameof(ContactChannel.Sms), Loc["ContactSms"], string.Format(CultureInfo.CurrentCulture, Loc["ContactSmsHint"], ContactPhone)),
        new(nameof(ContactChannel.Email), Loc["ContactEmailOption"], Loc["ContactEmailOptionHint"]),
    ];

    private IReadOnlyList<CheckboxOption> AccessItems =>
    [
        new(nameof(RequestAnswers.NeedsSignLanguage), nameof(RequestAnswers.NeedsSignLanguage), Loc["AccessSignLanguage"], A.NeedsSignLanguage),
        new(nameof(RequestAnswers.NeedsCallBeforeVisit), nameof(RequestAnswers.NeedsCallBeforeVisit), Loc["AccessCallFirst"], A.NeedsCallBeforeVisit, Loc["AccessCallFirstHint"]),
    ];

    private IReadOnlyList<ChoiceOption> TimingOptions => [new("asap", Loc["TimesAsap"]), new("date", Loc["TimesFromDate"], Loc["TimesFromDateHint"])];

    private IReadOnlyList<ChoiceOption> PartOfDayOptions =>
    [
        new(nameof(PartOfDay.Any), Loc["PartOfDayAny"]),
        new(nameof(PartOfDay.Morning), Loc["PartOfDayMorning"]),
        new(nameof(PartOfDay.Afternoon), Loc["PartOfDayAfternoon"]),
    ];

    private IEnumerable<string> NotEligibleLines
    {
        get
        {
            var m = municipality!;
            if (Session.Ineligible == Ineligibility.OutsideMunicipality)
            {
                yield return string.Format(CultureInfo.CurrentCulture, Loc["NotEligibleOutside"], m.NameLocative, m.Name);
                yield return Loc["NotEligibleOutsideNext"];
            }
            else
            {
                yield return Loc["NotEligibleCanCome"];
                yield return string.Format(CultureInfo.CurrentCulture, Loc["NotEligibleCanComeNext"], m.OfficeName, m.OfficeAddress);
            }

            yield return string.Format(CultureInfo.CurrentCulture, Loc["NotEligibleCall"], m.PhoneHours) + " " + m.Phone + ".";
        }
    }

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

    private void Show(KioskScreen screen, IReadOnlyList<FieldError>? errors = null)
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

        if (Screen == KioskScreen.Check)
        {
            await SendAsync();
            return;
        }

        var errors = KioskScreens.Validate(Screen, A, matters, Today);
        if (errors.Count > 0)
        {
            Show(Screen, [.. errors.Select(ToFieldError)]);
            return;
        }

        if (Screen == KioskScreens.All.Last(s => KioskScreens.Step(s) == KioskScreens.Step(Screen)))
        {
            A.Answered.Add(KioskScreens.Step(Screen));
        }

        if (Screen == KioskScreen.Timing && A.Timing == "asap")
        {
            A.EarliestDay = A.EarliestMonth = A.EarliestYear = null;
        }

        if (Screen is KioskScreen.Residence or KioskScreen.Reason && RequestJourney.CheckEligibility(A) is not Ineligibility.None and var verdict)
        {
            Session.Ineligible = verdict;
            Show(Screen);
            return;
        }

        var next = Session.Changing ? KioskScreen.Check : KioskScreens.Next(Screen, A);

        // A change can make a new question apply (e.g. "for someone else" needs their details).
        if (KioskScreens.FirstIncomplete(A, matters, Today, upTo: next) is { } missing && missing > Screen)
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
            return;
        }

        if (Session.Changing && Screen != KioskScreen.Check)
        {
            Show(KioskScreen.Check);
            return;
        }

        if (KioskScreens.Previous(Screen, A) is { } previous)
        {
            Show(previous);
        }
        else
        {
            Nav.NavigateTo("/", replace: true);
        }
    }

    private void Change(KioskScreen screen)
    {
        Session.Changing = true;
        Show(screen);
    }

    private void ToStart()
    {
        Session.Reset();
        Nav.NavigateTo("/", replace: true);
    }

    private void SetAccess((string Name, bool Checked) change)
    {
        if (change.Name == nameof(RequestAnswers.NeedsSignLanguage))
        {
            A.NeedsSignLanguage = change.Checked;
        }
        else if (change.Name == nameof(RequestAnswers.NeedsCallBeforeVisit))
        {
            A.NeedsCallBeforeVisit = change.Checked;
        }
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
            Show(KioskScreen.Check, [new FieldError("dalej", KioskLoc["SendTooMany"])]);
            return;
        }

        sending = true;
        try
        {
            await Speaker.SpeakAsync([new(Loc["SpeakSending"])]);
            var result = await Submission.SubmitAnswersAsync(Session.SubmissionKey, A, RequestChannel.Kiosk, Device.Location, Device.Id, Device.Location);
            if (result.Outcome != SubmissionOutcome.Created)
            {
                // Something changed since the screen was shown (e.g. the preferred date has passed): go to it.
                var screen = KioskScreens.FirstIncomplete(A, matters, Today) ?? KioskScreen.Timing;
                Session.Changing = true;
                Show(screen, [.. KioskScreens.Validate(screen, A, matters, Today).Select(ToFieldError)]);
                return;
            }

            var view = await Submission.GetConfirmationAsync(result.RequestId!.Value);
            Session.CompleteJourney(new KioskReceipt(result.RequestId.Value, result.TrackingCode!, view?.MatterName ?? string.Empty, Device.Id, Clock.GetUtcNow()));
            Nav.NavigateTo("/potwierdzenie", replace: true);
        }
        finally
        {
            sending = false;
        }
    }

    private FieldError ToFieldError(AnswerError error)
    {
        var args = error.Args.Select(a => a is int i ? i.ToString("N0", CultureInfo.CurrentCulture) : a).ToArray();
        return new FieldError(error.Field, string.Format(CultureInfo.CurrentCulture, Messages[error.Code], args));
    }

    private sealed record CheckRow(string Key, IReadOnlyList<string> Lines, KioskScreen Screen, string ChangeName);

    private sealed record CheckSection(string Title, IReadOnlyList<CheckRow> Rows);

    private string Text(string? value)
    {
        var text = PlainText.Tidy(value, multiline: true);
        return text.Length == 0 ? Loc["CheckNothing"] : text;
    }

    private string Phone(string? value) => PolishPhone.Normalise(value) is { } e164 ? PolishPhone.Display(e164) : Loc["CheckNothing"];

    private string ReasonKey => A.Reason == nameof(EligibilityReason.CanComeToOffice) ? "CanCome" : A.Reason ?? string.Empty;

    private IReadOnlyList<CheckSection> CheckSections
    {
        get
        {
            var m = municipality!;
            var sections = new List<CheckSection>
            {
                new(Loc["CheckMatterSection"],
                [
                    new(Loc["CheckForWhom"], [Loc["ForWhom" + A.Relation]], KioskScreen.ForWhom, Loc["CheckForWhomChange"]),
                    new(Loc["CheckResidence"], [string.Format(CultureInfo.CurrentCulture, Loc["CheckResidenceValue"], m.NameLocative, m.Name)], KioskScreen.Residence, Loc["CheckResidenceChange"]),
                    new(Loc["CheckReason"], [Loc["Reason" + ReasonKey]], KioskScreen.Reason, Loc["CheckReasonChange"]),
                    new(Loc["CheckMatter"], [MatterChosen?.Name ?? string.Empty], KioskScreen.Matter, Loc["CheckMatterChange"]),
                    new(Loc["CheckDescription"], [Text(A.Description)], KioskScreen.Description, Loc["CheckDescriptionChange"]),
                ]),
                new(ForOther ? Loc["CheckResidentSectionOther"] : Loc["CheckResidentSectionSelf"],
                [
                    new(Loc["ResidentName"], [PlainText.Tidy(A.ResidentName)], KioskScreen.ResidentName, Loc["CheckNameChange"]),
                    new(Loc["CheckPhone"], [Phone(A.ResidentPhone)], KioskScreen.ResidentPhone, Loc["CheckPhoneChange"]),
                    new(Loc["CheckAddress"], [PlainText.Tidy(A.Street), $"{PostalCode.Normalise(A.PostalCode)} {PlainText.Tidy(A.Town)}"], KioskScreen.Address, Loc["CheckAddressChange"]),
                ]),
            };
            if (ForOther)
            {
                sections.Add(new(Loc["CheckSubmitterSection"],
                [
                    new(Loc["SubmitterName"], [PlainText.Tidy(A.SubmitterName)], KioskScreen.SubmitterName, Loc["CheckSubmitterNameChange"]),
                    new(Loc["SubmitterPhone"], [Phone(A.SubmitterPhone)], KioskScreen.SubmitterPhone, Loc["CheckSubmitterPhoneChange"]),
                    new(Loc["ConsentLegend"], [A.ResidentConsent ? Loc["CheckConsentYes"] : Loc["CheckNothing"]], KioskScreen.Consent, Loc["CheckConsentChange"]),
                ]));
            }

            sections.Add(new(Loc["CheckVisitSection"],
            [
                new(Loc["CheckContact"], ContactLines(), KioskScreen.Contact, Loc["CheckContactChange"]),
                new(Loc["CheckAccess"], AccessLines(), KioskScreen.AccessNeeds, Loc["CheckAccessChange"]),
                new(Loc["CheckTimes"], TimeLines(), KioskScreen.Timing, Loc["CheckTimesChange"]),
            ]));
            return sections;
        }
    }

    private List<string> ContactLines()
    {
        var lines = new List<string> { Loc["CheckContact" + A.ContactChannel] };
        if (!string.IsNullOrWhiteSpace(A.ContactEmail))
        {
            lines.Add(A.ContactEmail.Trim());
        }

        return lines;
    }

    private List<string> AccessLines()
    {
        var lines = new List<string>();
        if (A.NeedsSignLanguage)
        {
            lines.Add(Loc["AccessSignLanguage"]);
        }

        if (A.NeedsCallBeforeVisit)
        {
            lines.Add(Loc["AccessCallFirst"]);
        }

        if (!string.IsNullOrWhiteSpace(A.AccessNotes))
        {
            lines.Add(PlainText.Tidy(A.AccessNotes, multiline: true));
        }

        return lines.Count == 0 ? [Loc["CheckNothing"]] : lines;
    }

    private List<string> TimeLines()
    {
        var first = A.Timing == "date" && RequestJourney.ParseDate(A.EarliestDay, A.EarliestMonth, A.EarliestYear) is { } date
            ? string.Format(CultureInfo.CurrentCulture, Loc["CheckFromDate"], date.ToString("dddd, d MMMM yyyy", CultureInfo.CurrentCulture))
            : Loc["TimesAsap"].Value;
        return [first, Loc["PartOfDay" + A.PartOfDay]];
    }

    /// <summary>What "Przeczytaj na głos" (and non-visual mode on arrival) says on this screen.</summary>
    private void BuildSpeech()
    {
        if (municipality is null)
        {
            return;
        }

        var parts = new List<SpeechPart>();
        if (Session.Ineligible != Ineligibility.None)
        {
            parts.Add(new(Heading));
            parts.AddRange(NotEligibleLines.Select(l => new SpeechPart(l)));
            Session.Speech = parts;
            return;
        }

        if (Screen != KioskScreen.Check)
        {
            parts.Add(new(string.Format(CultureInfo.CurrentCulture, Loc["ScreenOf"], Progress.Position, Progress.Count)));
        }

        if (Errors.Count > 0)
        {
            parts.Add(new(Loc["SpeakErrors"] + " " + string.Join(". ", Errors.Select(e => e.Message))));
        }

        var optional = Screen == KioskScreen.AccessNeeds || (Screen == KioskScreen.Description && !(MatterChosen?.IsOther ?? true));
        parts.Add(new(Heading + (optional ? " " + Loc["SpeakOptional"] : string.Empty)));
        switch (Screen)
        {
            case KioskScreen.ForWhom:
                Choice(ForWhomOptions, A.Relation);
                break;
            case KioskScreen.Residence:
                parts.Add(new(ResidenceHint));
                Choice(YesNo, A.LivesInMunicipality);
                break;
            case KioskScreen.Reason:
                parts.Add(new(Loc["ReasonHint"]));
                Choice(ReasonOptions, A.Reason);
                break;
            case KioskScreen.Matter:
                parts.Add(new(Loc["MatterHint"]));
                Choice(MatterOptions, A.MatterSlug);
                break;
            case KioskScreen.Description:
                parts.Add(new(Loc["DescriptionHint"]));
                Value(A.Description);
                break;
            case KioskScreen.ResidentName:
                parts.Add(new(Loc["ResidentNameHint"]));
                Value(A.ResidentName);
                break;
            case KioskScreen.ResidentPhone:
                parts.Add(new(ForOther ? Loc["ResidentPhoneOtherHint"] : Loc["ResidentPhoneSelfHint"]));
                Value(A.ResidentPhone);
                break;
            case KioskScreen.Address:
                parts.Add(new(Loc["AddressHint"]));
                parts.Add(new(Loc["Street"] + ". " + Loc["StreetHint"]));
                parts.Add(new(Loc["PostalCode"] + ". " + Loc["PostalCodeHint"]));
                parts.Add(new(Loc["Town"]));
                Value(string.Join(", ", new[] { A.Street, A.PostalCode, A.Town }.Where(v => !string.IsNullOrWhiteSpace(v))));
                break;
            case KioskScreen.SubmitterName:
                parts.Add(new(Loc["SubmitterNameHint"]));
                Value(A.SubmitterName);
                break;
            case KioskScreen.SubmitterPhone:
                parts.Add(new(Loc["SubmitterPhoneHintKiosk"]));
                Value(A.SubmitterPhone);
                break;
            case KioskScreen.Consent:
                parts.Add(new(Loc["ConsentHint"]));
                parts.Add(new(Loc["ConsentLabel"] + (A.ResidentConsent ? ": " + Loc["Yes"] : string.Empty)));
                break;
            case KioskScreen.Contact:
                parts.Add(new(Loc["ContactHint"]));
                Choice([.. ContactOptions.Select(o => o with { Hint = null })], A.ContactChannel);
                parts.Add(new(Loc["ContactEmail"]));
                Value(A.ContactEmail);
                break;
            case KioskScreen.AccessNeeds:
                parts.Add(new(Loc["AccessHint"]));
                parts.Add(new(Loc["SpeakOptions"] + " " + Loc["AccessSignLanguage"] + "; " + Loc["AccessCallFirst"]));
                parts.Add(new(Loc["AccessNotes"]));
                Value(A.AccessNotes);
                break;
            case KioskScreen.Timing:
                parts.Add(new(Loc["TimesHint"]));
                Choice(TimingOptions, A.Timing);
                parts.Add(new(Loc["EarliestDate"] + ". " + string.Format(CultureInfo.CurrentCulture, Loc["EarliestDateHint"], DateExample)));
                break;
            case KioskScreen.PartOfDay:
                parts.Add(new(Loc["PartOfDayHint"]));
                Choice(PartOfDayOptions, A.PartOfDay);
                break;
            case KioskScreen.Check:
                foreach (var section in CheckSections)
                {
                    parts.Add(new(section.Title));
                    foreach (var row in section.Rows)
                    {
                        var personal = row.Screen is KioskScreen.ResidentName or KioskScreen.ResidentPhone or KioskScreen.Address
                            or KioskScreen.SubmitterName or KioskScreen.SubmitterPhone or KioskScreen.Description or KioskScreen.Contact or KioskScreen.AccessNeeds;
                        parts.Add(new(row.Key + ":"));
                        parts.Add(new(string.Join(", ", row.Lines), personal));
                    }
                }

                parts.Add(new(Loc["CheckSendKiosk"]));
                break;
        }

        if (Session.NonVisual)
        {
            parts.Add(new(Loc["SpeakNonVisualHelp"]));
        }

        Session.Speech = parts;

        void Choice(IReadOnlyList<ChoiceOption> options, string? chosen)
        {
            parts.Add(new(Loc["SpeakOptions"] + " " + string.Join("; ", options.Select(o => o.Label))));
            if (options.FirstOrDefault(o => o.Value == chosen) is { } picked)
            {
                parts.Add(new(string.Format(CultureInfo.CurrentCulture, Loc["SpeakChosen"], picked.Label)));
            }
        }

        void Value(string? value)
        {
            parts.Add(string.IsNullOrWhiteSpace(value)
                ? new(Loc["SpeakFieldEmpty"])
                : new(string.Format(CultureInfo.CurrentCulture, Loc["SpeakFieldValue"], value.Trim()), Personal: true));
        }
    }
}
