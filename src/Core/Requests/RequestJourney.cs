using System.Globalization;
using System.Net.Mail;
using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Common;

namespace MobilnyUrzednik.Core.Requests;

/// <summary>The questions of the request journey, in the order they are asked.</summary>
public enum JourneyStep
{
    Residence,
    Reason,
    ForWhom,
    Matter,
    Description,
    Resident,
    Address,
    Submitter,
    Contact,
    AccessNeeds,
    Times,
    Check,
}

/// <summary>One problem with one answer: the field it belongs to and a message key with its arguments.</summary>
/// <param name="Field">The <see cref="RequestAnswers"/> property (also the id of its input).</param>
/// <param name="Code">The key of the message in <c>ValidationMessages.resx</c>.</param>
/// <param name="Args">Values for the message's placeholders.</param>
public sealed record AnswerError(string Field, string Code, params object[] Args);

/// <summary>Why a person cannot use the matter, in words the eligibility page explains.</summary>
public enum Ineligibility
{
    None,
    OutsideMunicipality,
    CanComeToOffice,
}

/// <summary>
/// The order of the questions, which apply to whom, and what makes each answer valid. All three
/// front ends ask the same questions through this class, so a rule changes in one place.
/// </summary>
public static class RequestJourney
{
    /// <summary>Longest description, shown to the person beside the field.</summary>
    public const int DescriptionMaxLength = 1000;

    public const int NameMaxLength = 100;
    public const int StreetMaxLength = 150;
    public const int TownMaxLength = 80;
    public const int EmailMaxLength = 254;
    public const int AccessNotesMaxLength = 300;

    /// <summary>How far ahead a preferred date may be.</summary>
    public const int LatestPreferredDays = 90;

    /// <summary>All steps in order.</summary>
    public static IReadOnlyList<JourneyStep> Steps { get; } = Enum.GetValues<JourneyStep>();

    /// <summary>Whether <paramref name="step"/> is asked, given the answers so far.</summary>
    public static bool Applies(JourneyStep step, RequestAnswers answers) =>
        step != JourneyStep.Submitter || answers.IsForSomeoneElse;

    /// <summary>The eligibility verdict from the first two answers.</summary>
    public static Ineligibility CheckEligibility(RequestAnswers answers)
    {
        if (answers.LivesInMunicipality == "nie")
        {
            return Ineligibility.OutsideMunicipality;
        }

        return answers.Reason == nameof(EligibilityReason.CanComeToOffice)
            ? Ineligibility.CanComeToOffice
            : Ineligibility.None;
    }

    /// <summary>The step after <paramref name="step"/> that applies.</summary>
    public static JourneyStep Next(JourneyStep step, RequestAnswers answers)
    {
        for (var s = step + 1; s <= JourneyStep.Check; s++)
        {
            if (Applies(s, answers))
            {
                return s;
            }
        }

        return JourneyStep.Check;
    }

    /// <summary>The step before <paramref name="step"/> that applies, or null at the first.</summary>
    public static JourneyStep? Previous(JourneyStep step, RequestAnswers answers)
    {
        for (var s = step - 1; s >= JourneyStep.Residence; s--)
        {
            if (Applies(s, answers))
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>
    /// The first step, up to <paramref name="upTo"/>, that is not yet answered validly; null when all are.
    /// A person who jumps ahead by address is sent back here.
    /// </summary>
    public static JourneyStep? FirstIncomplete(RequestAnswers answers, IReadOnlyList<Matter> catalogue, DateOnly today, JourneyStep upTo = JourneyStep.Check)
    {
        foreach (var step in Steps)
        {
            if (step >= upTo)
            {
                break;
            }

            if (!Applies(step, answers))
            {
                continue;
            }

            if (!answers.Answered.Contains(step) || Validate(step, answers, catalogue, today).Count > 0)
            {
                return step;
            }

            // Each eligibility question is refused on its own answer, so "change your answer" leads to it.
            if ((step == JourneyStep.Residence && CheckEligibility(answers) == Ineligibility.OutsideMunicipality)
                || (step == JourneyStep.Reason && CheckEligibility(answers) == Ineligibility.CanComeToOffice))
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>The problems with the answers of one step; empty when the step is valid.</summary>
    public static IReadOnlyList<AnswerError> Validate(JourneyStep step, RequestAnswers a, IReadOnlyList<Matter> catalogue, DateOnly today)
    {
        var errors = new List<AnswerError>();
        switch (step)
        {
            case JourneyStep.Residence:
                if (a.LivesInMunicipality is not ("tak" or "nie"))
                {
                    errors.Add(new(nameof(a.LivesInMunicipality), "LivesInMunicipality_Required"));
                }

                break;
            case JourneyStep.Reason:
                if (!IsEnum<EligibilityReason>(a.Reason))
                {
                    errors.Add(new(nameof(a.Reason), "Reason_Required"));
                }

                break;
            case JourneyStep.ForWhom:
                if (!IsEnum<SubmitterRelation>(a.Relation))
                {
                    errors.Add(new(nameof(a.Relation), "Relation_Required"));
                }

                break;
            case JourneyStep.Matter:
                if (FindMatter(a.MatterSlug, catalogue) is null)
                {
                    errors.Add(new(nameof(a.MatterSlug), "MatterSlug_Required"));
                }

                break;
            case JourneyStep.Description:
                ValidateDescription(a, catalogue, errors);
                break;
            case JourneyStep.Resident:
                ValidateName(a.ResidentName, nameof(a.ResidentName), "ResidentName", errors);
                ValidatePhone(a.ResidentPhone, nameof(a.ResidentPhone), required: !a.IsForSomeoneElse, "ResidentPhone", errors);
                break;
            case JourneyStep.Address:
                ValidateAddressText(a.Street, nameof(a.Street), StreetMaxLength, "Street", errors);
                if (string.IsNullOrWhiteSpace(a.PostalCode))
                {
                    errors.Add(new(nameof(a.PostalCode), "PostalCode_Required"));
                }
                else if (Common.PostalCode.Normalise(a.PostalCode) is null)
                {
                    errors.Add(new(nameof(a.PostalCode), "PostalCode_Invalid"));
                }

                ValidateAddressText(a.Town, nameof(a.Town), TownMaxLength, "Town", errors);
                break;
            case JourneyStep.Submitter:
                ValidateName(a.SubmitterName, nameof(a.SubmitterName), "SubmitterName", errors);
                ValidatePhone(a.SubmitterPhone, nameof(a.SubmitterPhone), required: true, "SubmitterPhone", errors);
                if (!a.ResidentConsent)
                {
                    errors.Add(new(nameof(a.ResidentConsent), "ResidentConsent_Required"));
                }

                break;
            case JourneyStep.Contact:
                ValidateContact(a, errors);
                break;
            case JourneyStep.AccessNeeds:
                ValidateFreeText(a.AccessNotes, nameof(a.AccessNotes), AccessNotesMaxLength, "AccessNotes", errors);
                break;
            case JourneyStep.Times:
                ValidateTimes(a, today, errors);
                break;
            case JourneyStep.Check:
                foreach (var s in Steps)
                {
                    if (s != JourneyStep.Check && Applies(s, a))
                    {
                        errors.AddRange(Validate(s, a, catalogue, today));
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step));
        }

        return errors;
    }

    /// <summary>The catalogue entry for a slug, if it is offered.</summary>
    public static Matter? FindMatter(string? slug, IReadOnlyList<Matter> catalogue) =>
        catalogue.FirstOrDefault(s => !s.IsRetired && s.Slug == slug);

    /// <summary>The preferred date from the three typed fields, or null when they are not a real date.</summary>
    public static DateOnly? ParseDate(string? day, string? month, string? year)
    {
        if (!int.TryParse(day?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(month?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            return null;
        }

        if (y is >= 0 and < 100)
        {
            y += 2000;
        }

        return y is >= 2000 and <= 2100 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d)
            : null;
    }

    private static bool IsEnum<T>(string? value)
        where T : struct, Enum =>
        value is not null && Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && value == parsed.ToString();

    private static void ValidateDescription(RequestAnswers a, IReadOnlyList<Matter> catalogue, List<AnswerError> errors)
    {
        var text = PlainText.Tidy(a.Description, multiline: true);
        var required = FindMatter(a.MatterSlug, catalogue)?.IsOther ?? true;
        if (text.Length == 0)
        {
            if (required)
            {
                errors.Add(new(nameof(a.Description), "Description_Required"));
            }

            return;
        }

        var length = PlainText.Length(text);
        if (length > DescriptionMaxLength)
        {
            errors.Add(new(nameof(a.Description), "Description_TooLong", DescriptionMaxLength, length));
        }
        else if (PlainText.HasMarkupOrControl(text))
        {
            errors.Add(new(nameof(a.Description), "Description_Markup"));
        }
    }

    private static void ValidateFreeText(string? value, string field, int max, string prefix, List<AnswerError> errors)
    {
        var text = PlainText.Tidy(value, multiline: true);
        if (text.Length == 0)
        {
            return;
        }

        var length = PlainText.Length(text);
        if (length > max)
        {
            errors.Add(new(field, prefix + "_TooLong", max, length));
        }
        else if (PlainText.HasMarkupOrControl(text))
        {
            errors.Add(new(field, prefix + "_Markup"));
        }
    }

    private static void ValidateName(string? value, string field, string prefix, List<AnswerError> errors)
    {
        var text = PlainText.Tidy(value);
        if (text.Length == 0)
        {
            errors.Add(new(field, prefix + "_Required"));
        }
        else if (PlainText.Length(text) > NameMaxLength)
        {
            errors.Add(new(field, prefix + "_TooLong", NameMaxLength, PlainText.Length(text)));
        }
        else if (!PlainText.IsPersonName(text))
        {
            errors.Add(new(field, prefix + "_Characters"));
        }
    }

    private static void ValidateAddressText(string? value, string field, int max, string prefix, List<AnswerError> errors)
    {
        var text = PlainText.Tidy(value);
        if (text.Length == 0)
        {
            errors.Add(new(field, prefix + "_Required"));
        }
        else if (PlainText.Length(text) > max)
        {
            errors.Add(new(field, prefix + "_TooLong", max, PlainText.Length(text)));
        }
        else if (!PlainText.IsAddressText(text))
        {
            errors.Add(new(field, prefix + "_Characters"));
        }
    }

    private static void ValidatePhone(string? value, string field, bool required, string prefix, List<AnswerError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new(field, prefix + "_Required"));
            }

            return;
        }

        if (PolishPhone.Normalise(value) is null)
        {
            errors.Add(new(field, prefix + "_Invalid"));
        }
    }

    private static void ValidateContact(RequestAnswers a, List<AnswerError> errors)
    {
        if (!IsEnum<ContactChannel>(a.ContactChannel))
        {
            errors.Add(new(nameof(a.ContactChannel), "ContactChannel_Required"));
            return;
        }

        var channel = Enum.Parse<ContactChannel>(a.ContactChannel!);
        if (channel == ContactChannel.Email)
        {
            var email = a.ContactEmail?.Trim() ?? string.Empty;
            if (email.Length == 0)
            {
                errors.Add(new(nameof(a.ContactEmail), "ContactEmail_Required"));
            }
            else if (!IsEmail(email))
            {
                errors.Add(new(nameof(a.ContactEmail), "ContactEmail_Invalid"));
            }
        }
        else if (!string.IsNullOrWhiteSpace(a.ContactEmail) && !IsEmail(a.ContactEmail.Trim()))
        {
            errors.Add(new(nameof(a.ContactEmail), "ContactEmail_Invalid"));
        }

        if (channel == ContactChannel.Sms)
        {
            var phone = PolishPhone.Normalise(a.IsForSomeoneElse ? a.SubmitterPhone : a.ResidentPhone);
            if (phone is not null && !PolishPhone.CanReceiveSms(phone))
            {
                errors.Add(new(nameof(a.ContactChannel), "ContactChannel_SmsLandline"));
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="email"/> (already trimmed) is an address we can write to: one "@", a dot in the domain,
    /// no spaces or markup, at most <see cref="EmailMaxLength"/> characters. The journey and the subscriptions share it.
    /// </summary>
    public static bool IsEmail(string email)
    {
        if (email.Length > EmailMaxLength || email.Contains(' ', StringComparison.Ordinal) || PlainText.HasMarkupOrControl(email))
        {
            return false;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || !email[(at + 1)..].Contains('.', StringComparison.Ordinal) || email.EndsWith('.'))
        {
            return false;
        }

        return MailAddress.TryCreate(email, out var parsed) && parsed.Address == email;
    }

    private static void ValidateTimes(RequestAnswers a, DateOnly today, List<AnswerError> errors)
    {
        if (a.Timing is not ("asap" or "date"))
        {
            errors.Add(new(nameof(a.Timing), "Timing_Required"));
        }
        else if (a.Timing == "date")
        {
            if (string.IsNullOrWhiteSpace(a.EarliestDay) && string.IsNullOrWhiteSpace(a.EarliestMonth) && string.IsNullOrWhiteSpace(a.EarliestYear))
            {
                errors.Add(new(nameof(a.EarliestDay), "EarliestDate_Required"));
            }
            else if (ParseDate(a.EarliestDay, a.EarliestMonth, a.EarliestYear) is not { } date)
            {
                errors.Add(new(nameof(a.EarliestDay), "EarliestDate_Invalid"));
            }
            else if (date <= today)
            {
                errors.Add(new(nameof(a.EarliestDay), "EarliestDate_Past"));
            }
            else if (date > today.AddDays(LatestPreferredDays))
            {
                errors.Add(new(nameof(a.EarliestDay), "EarliestDate_TooFar", LatestPreferredDays));
            }
        }

        if (!IsEnum<PartOfDay>(a.PartOfDay))
        {
            errors.Add(new(nameof(a.PartOfDay), "PartOfDay_Required"));
        }
    }
}
