using System.Globalization;
using MobilnyUrzednik.Core.Common;

namespace MobilnyUrzednik.Core.Requests;

/// <summary>
/// Every question of the request journey, defined once, in the order the public site asks them. The kiosk asks the
/// same questions in its own order (<see cref="JourneyOrder.Kiosk"/>), and phone intake asks them all on one page.
/// To add a question: a property on <see cref="RequestAnswers"/>, a definition here (with its step), its words in
/// <c>JourneyText.resx</c> (and its translations), and a column on <see cref="VisitRequest"/> if it is stored.
/// </summary>
public static class JourneyQuestions
{
    public static readonly ChoiceQuestion LivesInMunicipality = new(a => a.LivesInMunicipality, JourneyStep.Residence, CheckSection.Matter)
    {
        Label = c => Wording.Of(nameof(JourneyText.ResidenceQuestion), c.Municipality?.NameLocative ?? string.Empty, c.Municipality?.Name ?? string.Empty),
        Hint = c => Wording.Of(nameof(JourneyText.ResidenceHint), c.Municipality?.Name ?? string.Empty),
        Options = _ => [Option("tak", nameof(JourneyText.Yes)), Option("nie", nameof(JourneyText.No))],
        RequiredKey = nameof(JourneyText.LivesInMunicipality_Required),
        Row = new(
            Say(nameof(JourneyText.CheckResidence)),
            nameof(JourneyText.CheckResidenceChange),
            c => [Wording.Of(nameof(JourneyText.CheckResidenceValue), c.Municipality?.NameLocative ?? string.Empty, c.Municipality?.Name ?? string.Empty)],
            Personal: false),
    };

    public static readonly ChoiceQuestion Reason = new(a => a.Reason, JourneyStep.Reason, CheckSection.Matter)
    {
        Label = Say(nameof(JourneyText.ReasonQuestion)),
        Hint = Say(nameof(JourneyText.ReasonHint)),
        Options = _ => [.. Enum.GetValues<EligibilityReason>().Select(r => Option(r.ToString(), r switch
        {
            EligibilityReason.Disability => nameof(JourneyText.ReasonDisability),
            EligibilityReason.Age => nameof(JourneyText.ReasonAge),
            EligibilityReason.Illness => nameof(JourneyText.ReasonIllness),
            EligibilityReason.LimitedMobility => nameof(JourneyText.ReasonLimitedMobility),
            EligibilityReason.CanComeToOffice => nameof(JourneyText.ReasonCanCome),
            _ => throw new ArgumentOutOfRangeException(nameof(r)),
        }))],
        RequiredKey = nameof(JourneyText.Reason_Required),
        Row = ChosenRow(nameof(JourneyText.CheckReason), nameof(JourneyText.CheckReasonChange), () => Reason!),
    };

    public static readonly ChoiceQuestion Relation = new(a => a.Relation, JourneyStep.ForWhom, CheckSection.Matter)
    {
        Label = Say(nameof(JourneyText.ForWhomQuestion)),
        Options = _ => [.. Enum.GetValues<SubmitterRelation>().Select(r => Option(r.ToString(), r switch
        {
            SubmitterRelation.Self => nameof(JourneyText.ForWhomSelf),
            SubmitterRelation.Caregiver => nameof(JourneyText.ForWhomCaregiver),
            SubmitterRelation.Family => nameof(JourneyText.ForWhomFamily),
            SubmitterRelation.Neighbour => nameof(JourneyText.ForWhomNeighbour),
            SubmitterRelation.Other => nameof(JourneyText.ForWhomOther),
            _ => throw new ArgumentOutOfRangeException(nameof(r)),
        }))],
        RequiredKey = nameof(JourneyText.Relation_Required),
        Row = ChosenRow(nameof(JourneyText.CheckForWhom), nameof(JourneyText.CheckForWhomChange), () => Relation!),
    };

    public static readonly ChoiceQuestion Matter = new(a => a.MatterSlug, JourneyStep.Matter, CheckSection.Matter)
    {
        Label = Say(nameof(JourneyText.MatterQuestion)),
        Hint = Say(nameof(JourneyText.MatterHint)),

        // The catalogue is written by the office in Polish, so its names and descriptions are marked as Polish.
        Options = c => [.. c.Catalogue.Where(m => !m.IsRetired).Select(m => new QuestionOption(
            m.Slug, Wording.Text(m.Name, "pl"), string.IsNullOrWhiteSpace(m.Description) ? null : Wording.Text(m.Description, "pl")))],
        RequiredKey = nameof(JourneyText.MatterSlug_Required),
        Row = ChosenRow(nameof(JourneyText.CheckMatter), nameof(JourneyText.CheckMatterChange), () => Matter!),
    };

    public static readonly LongTextQuestion Description = new(a => a.Description, JourneyStep.Description, CheckSection.Matter)
    {
        Label = Say(nameof(JourneyText.DescriptionQuestion)),
        Hint = Say(nameof(JourneyText.DescriptionHint)),

        // Required only for "another matter": a catalogue matter already says what is needed.
        IsOptional = c => !(c.Matter?.IsOther ?? true),
        MaxLength = RequestJourney.DescriptionMaxLength,
        Rows = 8,
        RequiredKey = nameof(JourneyText.Description_Required),
        TooLongKey = nameof(JourneyText.Description_TooLong),
        MarkupKey = nameof(JourneyText.Description_Markup),
        ShowsChecklist = true,
        Personal = true,
        Row = new(Say(nameof(JourneyText.CheckDescription)), nameof(JourneyText.CheckDescriptionChange), c => [OrNothing(Description!.Tidied(c.Answers))], Personal: true),
    };

    public static readonly TextQuestion ResidentName = new(a => a.ResidentName, TextKind.Name, JourneyStep.Resident, CheckSection.Resident)
    {
        Label = Say(nameof(JourneyText.ResidentName)),
        AloneLabel = SelfOrOther(nameof(JourneyText.ResidentNameQuestionSelf), nameof(JourneyText.ResidentNameQuestionOther)),
        AloneHint = Say(nameof(JourneyText.ResidentNameHint)),
        Messages = new(nameof(JourneyText.ResidentName_Required), TooLong: nameof(JourneyText.ResidentName_TooLong), Characters: nameof(JourneyText.ResidentName_Characters)),
        MaxLength = RequestJourney.NameMaxLength,
        Autocomplete = "name",
        AutofillOnlyForSelf = true,
        Width = 20,
        Personal = true,
        Row = new(Say(nameof(JourneyText.ResidentName)), nameof(JourneyText.CheckNameChange), c => [OrNothing(ResidentName!.Shown(c.Answers))], Personal: true),
    };

    public static readonly TextQuestion ResidentPhone = new(a => a.ResidentPhone, TextKind.Phone, JourneyStep.Resident, CheckSection.Resident)
    {
        Label = SelfOrOther(nameof(JourneyText.ResidentPhoneSelf), nameof(JourneyText.ResidentPhoneOther)),
        Hint = SelfOrOther(nameof(JourneyText.ResidentPhoneSelfHint), nameof(JourneyText.ResidentPhoneOtherHint)),
        AloneLabel = SelfOrOther(nameof(JourneyText.ResidentPhoneQuestionSelf), nameof(JourneyText.ResidentPhoneQuestionOther)),

        // Someone filing for another person gives their own phone; the resident may have none.
        IsOptional = c => c.ForOther,
        Messages = new(nameof(JourneyText.ResidentPhone_Required), Invalid: nameof(JourneyText.ResidentPhone_Invalid)),
        Autocomplete = "tel",
        AutofillOnlyForSelf = true,
        Width = 10,
        Personal = true,
        Row = new(Say(nameof(JourneyText.CheckPhone)), nameof(JourneyText.CheckPhoneChange), c => [OrNothing(ResidentPhone!.Shown(c.Answers))], Personal: true),
    };

    public static readonly TextQuestion Street = new(a => a.Street, TextKind.Address, JourneyStep.Address, CheckSection.Resident)
    {
        Label = Say(nameof(JourneyText.Street)),
        Hint = Say(nameof(JourneyText.StreetHint)),
        Messages = new(nameof(JourneyText.Street_Required), TooLong: nameof(JourneyText.Street_TooLong), Characters: nameof(JourneyText.Street_Characters)),
        MaxLength = RequestJourney.StreetMaxLength,
        Autocomplete = "street-address",
        AutofillOnlyForSelf = true,
        Personal = true,

        // One row for the whole address, as it is written on an envelope.
        Row = new(Say(nameof(JourneyText.CheckAddress)), nameof(JourneyText.CheckAddressChange), c =>
            [OrNothing(Street!.Shown(c.Answers)), Wording.Text($"{PostalCode!.Shown(c.Answers)} {Town!.Shown(c.Answers)}".Trim())], Personal: true),
    };

    public static readonly TextQuestion PostalCode = new(a => a.PostalCode, TextKind.PostalCode, JourneyStep.Address, CheckSection.Resident)
    {
        Label = Say(nameof(JourneyText.PostalCode)),
        Hint = Say(nameof(JourneyText.PostalCodeHint)),
        Messages = new(nameof(JourneyText.PostalCode_Required), Invalid: nameof(JourneyText.PostalCode_Invalid)),
        Autocomplete = "postal-code",
        AutofillOnlyForSelf = true,
        Width = 5,
        Personal = true,
    };

    public static readonly TextQuestion Town = new(a => a.Town, TextKind.Address, JourneyStep.Address, CheckSection.Resident)
    {
        Label = Say(nameof(JourneyText.Town)),
        Messages = new(nameof(JourneyText.Town_Required), TooLong: nameof(JourneyText.Town_TooLong), Characters: nameof(JourneyText.Town_Characters)),
        MaxLength = RequestJourney.TownMaxLength,
        Autocomplete = "address-level2",
        AutofillOnlyForSelf = true,
        Width = 20,
        Personal = true,
    };

    public static readonly TextQuestion SubmitterName = new(a => a.SubmitterName, TextKind.Name, JourneyStep.Submitter, CheckSection.Submitter)
    {
        Label = Say(nameof(JourneyText.SubmitterName)),
        AloneLabel = Say(nameof(JourneyText.SubmitterNameQuestion)),
        AloneHint = Say(nameof(JourneyText.SubmitterNameHint)),
        Messages = new(nameof(JourneyText.SubmitterName_Required), TooLong: nameof(JourneyText.SubmitterName_TooLong), Characters: nameof(JourneyText.SubmitterName_Characters)),
        MaxLength = RequestJourney.NameMaxLength,
        Autocomplete = "name",
        Width = 20,
        Personal = true,
        Row = new(Say(nameof(JourneyText.SubmitterName)), nameof(JourneyText.CheckSubmitterNameChange), c => [OrNothing(SubmitterName!.Shown(c.Answers))], Personal: true),
    };

    public static readonly TextQuestion SubmitterPhone = new(a => a.SubmitterPhone, TextKind.Phone, JourneyStep.Submitter, CheckSection.Submitter)
    {
        Label = Say(nameof(JourneyText.SubmitterPhone)),
        Hint = Say(nameof(JourneyText.SubmitterPhoneHint)),
        AloneLabel = Say(nameof(JourneyText.SubmitterPhoneQuestion)),
        AloneHint = Say(nameof(JourneyText.SubmitterPhoneAloneHint)),
        Messages = new(nameof(JourneyText.SubmitterPhone_Required), Invalid: nameof(JourneyText.SubmitterPhone_Invalid)),
        Autocomplete = "tel",
        Width = 10,
        Personal = true,
        Row = new(Say(nameof(JourneyText.SubmitterPhone)), nameof(JourneyText.CheckSubmitterPhoneChange), c => [OrNothing(SubmitterPhone!.Shown(c.Answers))], Personal: true),
    };

    public static readonly ConfirmQuestion ResidentConsent = new(a => a.ResidentConsent, JourneyStep.Submitter, CheckSection.Submitter)
    {
        Label = Say(nameof(JourneyText.ConsentLegend)),
        Hint = Say(nameof(JourneyText.ConsentHint)),
        AloneLabel = Say(nameof(JourneyText.ConsentQuestion)),
        BoxLabel = Say(nameof(JourneyText.ConsentLabel)),
        RequiredKey = nameof(JourneyText.ResidentConsent_Required),
        Row = new(Say(nameof(JourneyText.ConsentLegend)), nameof(JourneyText.CheckConsentChange), c =>
            [ResidentConsent!.Value(c.Answers) ? Wording.Of(nameof(JourneyText.CheckConsentYes)) : Wording.Of(nameof(JourneyText.CheckNothing))], Personal: false),
    };

    public static readonly ChoiceQuestion ContactChannel = new(a => a.ContactChannel, JourneyStep.Contact, CheckSection.Visit)
    {
        Label = Say(nameof(JourneyText.ContactQuestion)),
        Hint = Say(nameof(JourneyText.ContactHint)),
        Options = c =>
        [
            Option(nameof(Requests.ContactChannel.PhoneCall), nameof(JourneyText.ContactPhoneCall), Wording.Of(nameof(JourneyText.ContactPhoneCallHint), ContactPhone(c))),
            Option(nameof(Requests.ContactChannel.Sms), nameof(JourneyText.ContactSms), Wording.Of(nameof(JourneyText.ContactSmsHint), ContactPhone(c))),
            Option(nameof(Requests.ContactChannel.Email), nameof(JourneyText.ContactEmailOption), Wording.Of(nameof(JourneyText.ContactEmailOptionHint))),
        ],
        RequiredKey = nameof(JourneyText.ContactChannel_Required),

        // A text message cannot reach a landline: say so now rather than send into nothing.
        Rule = c => c.Answers.ContactChannel == nameof(Requests.ContactChannel.Sms)
            && PolishPhone.Normalise(c.ForOther ? c.Answers.SubmitterPhone : c.Answers.ResidentPhone) is { } phone && !PolishPhone.CanReceiveSms(phone)
                ? new AnswerError(nameof(RequestAnswers.ContactChannel), nameof(JourneyText.ContactChannel_SmsLandline))
                : null,
        Personal = true,
        Row = new(Say(nameof(JourneyText.CheckContact)), nameof(JourneyText.CheckContactChange), c =>
            [.. ContactChannel!.Chosen(c) is { } chosen ? [chosen.Label] : Array.Empty<Wording>(), .. ContactEmail!.Shown(c.Answers) is { } email ? [Wording.Text(email)] : Array.Empty<Wording>()],
            Personal: true),
    };

    public static readonly TextQuestion ContactEmail = new(a => a.ContactEmail, TextKind.Email, JourneyStep.Contact, CheckSection.Visit)
    {
        Label = Say(nameof(JourneyText.ContactEmail)),
        Hint = Say(nameof(JourneyText.ContactEmailHint)),
        Messages = new(nameof(JourneyText.ContactEmail_Required), Invalid: nameof(JourneyText.ContactEmail_Invalid)),

        // Asked beside the choice of contact: needed only when e-mail is chosen, checked once a choice is made.
        IsRequired = c => c.Answers.ContactChannel == nameof(Requests.ContactChannel.Email),
        CheckedWhen = c => Enum.TryParse<Requests.ContactChannel>(c.Answers.ContactChannel, out var channel) && Enum.IsDefined(channel) && c.Answers.ContactChannel == channel.ToString(),
        Autocomplete = "email",
        Width = 20,
        Personal = true,
    };

    public static readonly CheckboxesQuestion AccessNeeds = new(
        "access-needs",
        JourneyStep.AccessNeeds,
        CheckSection.Visit,
        (a => a.NeedsSignLanguage, Say(nameof(JourneyText.AccessSignLanguage)), null),
        (a => a.NeedsCallBeforeVisit, Say(nameof(JourneyText.AccessCallFirst)), Say(nameof(JourneyText.AccessCallFirstHint))))
    {
        Label = Say(nameof(JourneyText.AccessQuestion)),
        Hint = Say(nameof(JourneyText.AccessHint)),
        IsOptional = _ => true,
        Personal = true,
        Row = new(Say(nameof(JourneyText.CheckAccess)), nameof(JourneyText.CheckAccessChange), c =>
        {
            List<Wording> lines = [.. AccessNeeds!.Ticked(c).Select(b => b.Label)];
            if (AccessNotes!.Tidied(c.Answers) is { } notes)
            {
                lines.Add(Wording.Text(notes));
            }

            return lines.Count == 0 ? [Wording.Of(nameof(JourneyText.CheckNothing))] : lines;
        }, Personal: true),
    };

    public static readonly LongTextQuestion AccessNotes = new(a => a.AccessNotes, JourneyStep.AccessNeeds, CheckSection.Visit)
    {
        Label = Say(nameof(JourneyText.AccessNotes)),
        Hint = Say(nameof(JourneyText.AccessNotesHint)),
        IsOptional = _ => true,
        MaxLength = RequestJourney.AccessNotesMaxLength,
        Rows = 3,
        TooLongKey = nameof(JourneyText.AccessNotes_TooLong),
        MarkupKey = nameof(JourneyText.AccessNotes_Markup),
        Personal = true,
    };

    public static readonly ChoiceQuestion Timing = new(a => a.Timing, JourneyStep.Times, CheckSection.Visit)
    {
        Label = Say(nameof(JourneyText.TimesQuestion)),
        Hint = Say(nameof(JourneyText.TimesHint)),
        Options = _ =>
        [
            Option("asap", nameof(JourneyText.TimesAsap)),
            Option("date", nameof(JourneyText.TimesFromDate), Wording.Of(nameof(JourneyText.TimesFromDateHint))),
        ],
        RequiredKey = nameof(JourneyText.Timing_Required),
        Row = new(Say(nameof(JourneyText.CheckTimes)), nameof(JourneyText.CheckTimesChange), c =>
        [
            c.Answers.Timing == "date" && EarliestDate!.Date(c.Answers) is { } date
                ? Wording.Of(nameof(JourneyText.CheckFromDate), date)
                : Wording.Of(nameof(JourneyText.TimesAsap)),
            PartOfDay!.Chosen(c)?.Label ?? Wording.Of(nameof(JourneyText.CheckNothing)),
        ], Personal: false),
    };

    public static readonly DateQuestion EarliestDate = new(a => a.EarliestDay, a => a.EarliestMonth, a => a.EarliestYear, JourneyStep.Times, CheckSection.Visit)
    {
        Label = Say(nameof(JourneyText.EarliestDate)),

        // An example a fortnight ahead, written as it is typed: "15 12 2026".
        Hint = c => Wording.Of(nameof(JourneyText.EarliestDateHint), c.Today.AddDays(14).ToString("d M yyyy", CultureInfo.InvariantCulture)),
        AskedWhen = c => c.Answers.Timing == "date",
        LatestDays = RequestJourney.LatestPreferredDays,
        Messages = (nameof(JourneyText.EarliestDate_Required), nameof(JourneyText.EarliestDate_Invalid), nameof(JourneyText.EarliestDate_Past), nameof(JourneyText.EarliestDate_TooFar)),
    };

    public static readonly ChoiceQuestion PartOfDay = new(a => a.PartOfDay, JourneyStep.Times, CheckSection.Visit)
    {
        Label = Say(nameof(JourneyText.PartOfDayQuestion)),
        Hint = Say(nameof(JourneyText.PartOfDayHint)),
        Options = _ => [.. Enum.GetValues<Requests.PartOfDay>().Select(p => Option(p.ToString(), p switch
        {
            Requests.PartOfDay.Any => nameof(JourneyText.PartOfDayAny),
            Requests.PartOfDay.Morning => nameof(JourneyText.PartOfDayMorning),
            Requests.PartOfDay.Afternoon => nameof(JourneyText.PartOfDayAfternoon),
            _ => throw new ArgumentOutOfRangeException(nameof(p)),
        }))],
        RequiredKey = nameof(JourneyText.PartOfDay_Required),
    };

    /// <summary>Every question, in the public site's order (the order of <see cref="JourneyStep"/>).</summary>
    public static IReadOnlyList<Question> All { get; } =
    [
        LivesInMunicipality, Reason, Relation, Matter, Description, ResidentName, ResidentPhone, Street, PostalCode, Town,
        SubmitterName, SubmitterPhone, ResidentConsent, ContactChannel, ContactEmail, AccessNeeds, AccessNotes, Timing, EarliestDate, PartOfDay,
    ];

    /// <summary>The question a field belongs to (a problem's field, an input's id).</summary>
    public static Question? ForField(string field) => All.FirstOrDefault(q => q.Id == field || q.Fields.Contains(field));

    private static Func<QuestionContext, Wording> Say(string key) => _ => Wording.Of(key);

    private static Func<QuestionContext, Wording> SelfOrOther(string self, string other) => c => Wording.Of(c.ForOther ? other : self);

    private static QuestionOption Option(string value, string key, Wording? hint = null) => new(value, Wording.Of(key), hint);

    private static Wording OrNothing(string? answer) => answer is null ? Wording.Of(nameof(JourneyText.CheckNothing)) : Wording.Text(answer);

    // The question is read through a function: the row is built while the question itself is being initialised.
    private static CheckRow ChosenRow(string key, string changeKey, Func<ChoiceQuestion> question) =>
        new(Say(key), changeKey, c => [question().Chosen(c)?.Label ?? Wording.Of(nameof(JourneyText.CheckNothing))], Personal: false);

    /// <summary>The phone the office will call or text: the submitter's when filing for someone else.</summary>
    private static string ContactPhone(QuestionContext c) =>
        PolishPhone.Normalise(c.ForOther ? c.Answers.SubmitterPhone : c.Answers.ResidentPhone) is { } e164 ? PolishPhone.Display(e164) : string.Empty;
}
