using static MobilnyUrzednik.Core.Requests.SampleAnswers;
using MobilnyUrzednik.Core.Common;

namespace MobilnyUrzednik.Core.Requests;

public class RequestJourneyTests
{
    private static IReadOnlyList<AnswerError> Validate(JourneyStep step, RequestAnswers answers) =>
        RequestJourney.Validate(step, answers, OfferedMatters, Today);

    // --- Order of the questions ---

    [Fact]
    public void Steps_All_InTheOrderTheyAreAsked()
    {
        JourneyStep[] expected =
        [
            JourneyStep.Residence, JourneyStep.Reason, JourneyStep.ForWhom, JourneyStep.Matter, JourneyStep.Description,
            JourneyStep.Resident, JourneyStep.Address, JourneyStep.Submitter, JourneyStep.Contact, JourneyStep.AccessNeeds,
            JourneyStep.Times, JourneyStep.Check,
        ];

        Assert.Equal(expected, RequestJourney.Steps);
    }

    [Fact]
    public void Next_ResidentFilesForThemselves_NeverAsksAboutTheSubmitter()
    {
        var visited = Walk(ForSelf());

        Assert.DoesNotContain(JourneyStep.Submitter, visited);
        Assert.Equal(RequestJourney.Steps.Where(s => s != JourneyStep.Submitter), visited);
    }

    [Theory]
    [InlineData(nameof(SubmitterRelation.Caregiver))]
    [InlineData(nameof(SubmitterRelation.Family))]
    [InlineData(nameof(SubmitterRelation.Neighbour))]
    [InlineData(nameof(SubmitterRelation.Other))]
    public void Next_SomeoneElseFiles_AsksAboutTheSubmitterAfterTheAddress(string relation)
    {
        var answers = ForSelf();
        answers.Relation = relation;

        Assert.Equal(RequestJourney.Steps, Walk(answers));
        Assert.Equal(JourneyStep.Submitter, RequestJourney.Next(JourneyStep.Address, answers));
        Assert.Equal(JourneyStep.Submitter, RequestJourney.Previous(JourneyStep.Contact, answers));
        Assert.True(RequestJourney.Applies(JourneyStep.Submitter, answers));
    }

    [Theory]
    [InlineData(nameof(SubmitterRelation.Self))]
    [InlineData(null)]
    [InlineData("")]
    public void NextAndPrevious_NotForSomeoneElse_SkipTheSubmitterStep(string? relation)
    {
        var answers = ForSelf();
        answers.Relation = relation;

        Assert.False(RequestJourney.Applies(JourneyStep.Submitter, answers));
        Assert.Equal(JourneyStep.Contact, RequestJourney.Next(JourneyStep.Address, answers));
        Assert.Equal(JourneyStep.Address, RequestJourney.Previous(JourneyStep.Contact, answers));
    }

    [Fact]
    public void Previous_FirstStep_IsNull()
    {
        Assert.Null(RequestJourney.Previous(JourneyStep.Residence, ForSelf()));
    }

    [Fact]
    public void Next_LastStep_StaysOnCheck()
    {
        Assert.Equal(JourneyStep.Check, RequestJourney.Next(JourneyStep.Check, ForSelf()));
        Assert.Equal(JourneyStep.Check, RequestJourney.Next(JourneyStep.Times, ForSelf()));
    }

    [Fact]
    public void Previous_WalkedBackFromCheck_VisitsTheSameStepsInReverse()
    {
        foreach (var answers in new[] { ForSelf(), ForNeighbour() })
        {
            var back = new List<JourneyStep> { JourneyStep.Check };
            for (var step = RequestJourney.Previous(JourneyStep.Check, answers); step is { } s; step = RequestJourney.Previous(s, answers))
            {
                back.Add(s);
            }

            back.Reverse();
            Assert.Equal(Walk(answers), back);
        }
    }

    // --- Eligibility ---

    [Theory]
    [InlineData("nie", nameof(EligibilityReason.Age), Ineligibility.OutsideMunicipality)]
    [InlineData("nie", nameof(EligibilityReason.CanComeToOffice), Ineligibility.OutsideMunicipality)]
    [InlineData("tak", nameof(EligibilityReason.CanComeToOffice), Ineligibility.CanComeToOffice)]
    [InlineData("tak", nameof(EligibilityReason.Disability), Ineligibility.None)]
    [InlineData("tak", nameof(EligibilityReason.Age), Ineligibility.None)]
    [InlineData("tak", nameof(EligibilityReason.Illness), Ineligibility.None)]
    [InlineData("tak", nameof(EligibilityReason.LimitedMobility), Ineligibility.None)]
    public void CheckEligibility_FirstTwoAnswers_GiveTheVerdict(string lives, string reason, Ineligibility expected)
    {
        var answers = new RequestAnswers { LivesInMunicipality = lives, Reason = reason };

        Assert.Equal(expected, RequestJourney.CheckEligibility(answers));
    }

    // --- First unanswered step ---

    [Fact]
    public void FirstIncomplete_EverythingAnsweredValidly_IsNull()
    {
        Assert.Null(RequestJourney.FirstIncomplete(ForSelf(), OfferedMatters, Today));
        Assert.Null(RequestJourney.FirstIncomplete(ForNeighbour(), OfferedMatters, Today));
    }

    [Fact]
    public void FirstIncomplete_NothingAnswered_IsTheFirstQuestion()
    {
        Assert.Equal(JourneyStep.Residence, RequestJourney.FirstIncomplete(new RequestAnswers(), OfferedMatters, Today));
    }

    [Fact]
    public void FirstIncomplete_StepSkippedByAddress_IsThatStep()
    {
        var answers = ForSelf();
        answers.Answered.Remove(JourneyStep.Description);

        Assert.Equal(JourneyStep.Description, RequestJourney.FirstIncomplete(answers, OfferedMatters, Today));
    }

    [Fact]
    public void FirstIncomplete_AnsweredButInvalid_IsThatStep()
    {
        var answers = ForSelf();
        answers.PostalCode = "0095";

        Assert.Equal(JourneyStep.Address, RequestJourney.FirstIncomplete(answers, OfferedMatters, Today));
    }

    [Fact]
    public void FirstIncomplete_LaterProblemBeyondUpTo_IsNull()
    {
        var answers = ForSelf();
        answers.PostalCode = "0095";

        Assert.Null(RequestJourney.FirstIncomplete(answers, OfferedMatters, Today, upTo: JourneyStep.Address));
        Assert.Equal(JourneyStep.Address, RequestJourney.FirstIncomplete(answers, OfferedMatters, Today, upTo: JourneyStep.Contact));
    }

    [Fact]
    public void FirstIncomplete_SomeoneElseFilesWithoutSubmitterAnswers_IsSubmitter()
    {
        var answers = ForNeighbour();
        answers.Answered.Remove(JourneyStep.Submitter);

        Assert.Equal(JourneyStep.Submitter, RequestJourney.FirstIncomplete(answers, OfferedMatters, Today));
    }

    [Fact]
    public void FirstIncomplete_LivesElsewhere_SendsBackToResidence()
    {
        var answers = ForSelf();
        answers.LivesInMunicipality = "nie";

        Assert.Equal(JourneyStep.Residence, RequestJourney.FirstIncomplete(answers, OfferedMatters, Today));
    }

    [Fact]
    public void FirstIncomplete_CanComeToOffice_SendsBackToReason()
    {
        // The residence answer is fine; it is the reason that makes the person ineligible. The
        // "not eligible" page links to the reason question so the person can change it, and that
        // page asks FirstIncomplete(upTo: Reason) whether anything before it is missing.
        var answers = ForSelf();
        answers.Reason = nameof(EligibilityReason.CanComeToOffice);

        Assert.Null(RequestJourney.FirstIncomplete(answers, OfferedMatters, Today, upTo: JourneyStep.Reason));
        Assert.Equal(JourneyStep.Reason, RequestJourney.FirstIncomplete(answers, OfferedMatters, Today));
    }

    // --- Validation, step by step ---

    [Fact]
    public void Validate_CompleteAnswers_NoErrorsOnAnyStep()
    {
        foreach (var answers in new[] { ForSelf(), ForNeighbour() })
        {
            foreach (var step in RequestJourney.Steps.Where(s => RequestJourney.Applies(s, answers)))
            {
                Assert.Empty(Validate(step, answers));
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Tak")]
    [InlineData("yes")]
    [InlineData("true")]
    public void Validate_Residence_NotTakOrNie_Required(string? answer)
    {
        var answers = ForSelf();
        answers.LivesInMunicipality = answer;

        Assert.Equal(["LivesInMunicipality:LivesInMunicipality_Required"], Codes(Validate(JourneyStep.Residence, answers)));
    }

    [Theory]
    [InlineData("tak")]
    [InlineData("nie")]
    public void Validate_Residence_TakOrNie_NoErrors(string answer)
    {
        var answers = ForSelf();
        answers.LivesInMunicipality = answer;

        Assert.Empty(Validate(JourneyStep.Residence, answers));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("age")]
    [InlineData("1")]
    [InlineData("Tired")]
    public void Validate_Reason_NotAnOfferedReason_Required(string? answer)
    {
        var answers = ForSelf();
        answers.Reason = answer;

        Assert.Equal(["Reason:Reason_Required"], Codes(Validate(JourneyStep.Reason, answers)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("self")]
    [InlineData("2")]
    [InlineData("Friend")]
    public void Validate_ForWhom_NotAnOfferedRelation_Required(string? answer)
    {
        var answers = ForSelf();
        answers.Relation = answer;

        Assert.Equal(["Relation:Relation_Required"], Codes(Validate(JourneyStep.ForWhom, answers)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nie-ma-takiej")]
    [InlineData("stara-sprawa")]
    public void Validate_Matter_UnknownOrRetiredService_Required(string? slug)
    {
        var answers = ForSelf();
        answers.MatterSlug = slug;

        Assert.Equal(["MatterSlug:MatterSlug_Required"], Codes(Validate(JourneyStep.Matter, answers)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \r\n  ")]
    public void Validate_Description_EmptyForAListedMatter_NoErrors(string? description)
    {
        var answers = ForSelf();
        answers.Description = description;

        Assert.Empty(Validate(JourneyStep.Description, answers));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \r\n  ")]
    public void Validate_Description_EmptyForAnotherMatter_Required(string? description)
    {
        var answers = ForSelf();
        answers.MatterSlug = "inna-sprawa";
        answers.Description = description;

        Assert.Equal(["Description:Description_Required"], Codes(Validate(JourneyStep.Description, answers)));
    }

    [Fact]
    public void Validate_Description_TenThousandCharacters_TooLongWithLimitAndLength()
    {
        var answers = ForSelf();
        answers.Description = new string('a', 10_000);

        var error = Assert.Single(Validate(JourneyStep.Description, answers));

        Assert.Equal("Description", error.Field);
        Assert.Equal("Description_TooLong", error.Code);
        Assert.Equal(new object[] { Chars(1000), 10_000 }, error.Args);
    }

    [Fact]
    public void Validate_Description_ThousandPolishLettersOrEmoji_NotTooLong()
    {
        var answers = ForSelf();

        answers.Description = string.Concat(Enumerable.Repeat("a\u0328", 1000));
        Assert.Empty(Validate(JourneyStep.Description, answers));

        answers.Description = string.Concat(Enumerable.Repeat("😀", 1000));
        Assert.Empty(Validate(JourneyStep.Description, answers));

        answers.Description = string.Concat(Enumerable.Repeat("😀", 1001));
        Assert.Equal(new object[] { Chars(1000), 1001 }, Assert.Single(Validate(JourneyStep.Description, answers)).Args);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Proszę o <b>pilny</b> kontakt")]
    [InlineData("Opis\u0007z dzwonkiem")]
    public void Validate_Description_MarkupOrControl_Markup(string description)
    {
        var answers = ForSelf();
        answers.Description = description;

        Assert.Equal(["Description:Description_Markup"], Codes(Validate(JourneyStep.Description, answers)));
    }

    [Theory]
    [InlineData("Mam 2 < 3 dokumentów")]
    [InlineData("Proszę zadzwonić 😀")]
    [InlineData("Pierwszy akapit.\n\nDrugi akapit.")]
    public void Validate_Description_OrdinaryText_NoErrors(string description)
    {
        var answers = ForSelf();
        answers.Description = description;

        Assert.Empty(Validate(JourneyStep.Description, answers));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_Resident_NoName_Required(string? name)
    {
        var answers = ForSelf();
        answers.ResidentName = name;

        Assert.Equal(["ResidentName:ResidentName_Required"], Codes(Validate(JourneyStep.Resident, answers)));
    }

    [Fact]
    public void Validate_Resident_NameOver100Characters_TooLong()
    {
        var answers = ForSelf();
        answers.ResidentName = new string('ż', 101);

        var error = Assert.Single(Validate(JourneyStep.Resident, answers));

        Assert.Equal("ResidentName_TooLong", error.Code);
        Assert.Equal(new object[] { Chars(100), 101 }, error.Args);
    }

    [Theory]
    [InlineData("Anna<script>")]
    [InlineData("<b>Anna</b>")]
    [InlineData("Jan 😀")]
    [InlineData("Jan3")]
    public void Validate_Resident_NotAName_Characters(string name)
    {
        var answers = ForSelf();
        answers.ResidentName = name;

        Assert.Equal(["ResidentName:ResidentName_Characters"], Codes(Validate(JourneyStep.Resident, answers)));
    }

    [Fact]
    public void Validate_Resident_NoPhoneWhenFilingForThemselves_Required()
    {
        var answers = ForSelf();
        answers.ResidentPhone = " ";

        Assert.Equal(["ResidentPhone:ResidentPhone_Required"], Codes(Validate(JourneyStep.Resident, answers)));
    }

    [Fact]
    public void Validate_Resident_NoPhoneWhenSomeoneElseFiles_NoErrors()
    {
        var answers = ForNeighbour();
        answers.ResidentPhone = null;

        Assert.Empty(Validate(JourneyStep.Resident, answers));
    }

    [Theory]
    [InlineData("123")]
    [InlineData("600 100 20")]
    [InlineData("abc")]
    public void Validate_Resident_MalformedPhone_Invalid(string phone)
    {
        foreach (var answers in new[] { ForSelf(), ForNeighbour() })
        {
            answers.ResidentPhone = phone;

            Assert.Equal(["ResidentPhone:ResidentPhone_Invalid"], Codes(Validate(JourneyStep.Resident, answers)));
        }
    }

    [Fact]
    public void Validate_Address_AllEmpty_EachFieldRequired()
    {
        var answers = ForSelf();
        answers.Street = null;
        answers.PostalCode = " ";
        answers.Town = "";

        Assert.Equal(
            ["Street:Street_Required", "PostalCode:PostalCode_Required", "Town:Town_Required"],
            Codes(Validate(JourneyStep.Address, answers)));
    }

    [Theory]
    [InlineData("0095")]
    [InlineData("009500")]
    [InlineData("ab-cde")]
    [InlineData("00-95a")]
    public void Validate_Address_MalformedPostalCode_Invalid(string postalCode)
    {
        var answers = ForSelf();
        answers.PostalCode = postalCode;

        Assert.Equal(["PostalCode:PostalCode_Invalid"], Codes(Validate(JourneyStep.Address, answers)));
    }

    [Theory]
    [InlineData("<b>ul. Długa</b> 5")]
    [InlineData("ul. Długa 5<script>")]
    [InlineData("ul. Długa 5 🏠")]
    public void Validate_Address_MarkupOrEmojiInStreetAndTown_Characters(string text)
    {
        var answers = ForSelf();
        answers.Street = text;
        answers.Town = text;

        Assert.Equal(["Street:Street_Characters", "Town:Town_Characters"], Codes(Validate(JourneyStep.Address, answers)));
    }

    [Fact]
    public void Validate_Address_StreetAndTownTooLong_TooLongWithLimits()
    {
        var answers = ForSelf();
        answers.Street = new string('a', 151);
        answers.Town = new string('a', 81);

        var errors = Validate(JourneyStep.Address, answers);

        Assert.Equal(["Street:Street_TooLong", "Town:Town_TooLong"], Codes(errors));
        Assert.Equal(new object[] { Chars(150), 151 }, errors[0].Args);
        Assert.Equal(new object[] { Chars(80), 81 }, errors[1].Args);
    }

    [Fact]
    public void Validate_Submitter_NothingGiven_NameAndPhoneAndConsentRequired()
    {
        var answers = ForNeighbour();
        answers.SubmitterName = null;
        answers.SubmitterPhone = "";
        answers.ResidentConsent = false;

        Assert.Equal(
            ["SubmitterName:SubmitterName_Required", "SubmitterPhone:SubmitterPhone_Required", "ResidentConsent:ResidentConsent_Required"],
            Codes(Validate(JourneyStep.Submitter, answers)));
    }

    [Fact]
    public void Validate_Submitter_BadNameAndPhone_CharactersAndInvalid()
    {
        var answers = ForNeighbour();
        answers.SubmitterName = "Jan <i>Sąsiad</i>";
        answers.SubmitterPhone = "<script>";

        Assert.Equal(
            ["SubmitterName:SubmitterName_Characters", "SubmitterPhone:SubmitterPhone_Invalid"],
            Codes(Validate(JourneyStep.Submitter, answers)));
    }

    [Fact]
    public void Validate_Submitter_NameOver100Characters_TooLong()
    {
        var answers = ForNeighbour();
        answers.SubmitterName = new string('J', 150);

        var error = Assert.Single(Validate(JourneyStep.Submitter, answers));

        Assert.Equal("SubmitterName_TooLong", error.Code);
        Assert.Equal(new object[] { Chars(100), 150 }, error.Args);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sms")]
    [InlineData("Fax")]
    [InlineData("0")]
    public void Validate_Contact_NoChannel_Required(string? channel)
    {
        var answers = ForSelf();
        answers.ContactChannel = channel;

        Assert.Equal(["ContactChannel:ContactChannel_Required"], Codes(Validate(JourneyStep.Contact, answers)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Validate_Contact_EmailChannelWithoutEmail_EmailRequired(string? email)
    {
        var answers = ForSelf();
        answers.ContactChannel = nameof(ContactChannel.Email);
        answers.ContactEmail = email;

        Assert.Equal(["ContactEmail:ContactEmail_Required"], Codes(Validate(JourneyStep.Contact, answers)));
    }

    [Theory]
    [InlineData("jan")]
    [InlineData("jan@")]
    [InlineData("@example.pl")]
    [InlineData("jan@example")]
    [InlineData("jan@example.pl.")]
    [InlineData("jan kowalski@example.pl")]
    [InlineData("jan@@example.pl")]
    [InlineData("<jan@example.pl>")]
    [InlineData("Jan <jan@example.pl>")]
    public void Validate_Contact_MalformedEmail_Invalid(string email)
    {
        var answers = ForSelf();
        answers.ContactChannel = nameof(ContactChannel.Email);
        answers.ContactEmail = email;

        Assert.Equal(["ContactEmail:ContactEmail_Invalid"], Codes(Validate(JourneyStep.Contact, answers)));
    }

    [Fact]
    public void Validate_Contact_OptionalEmailMalformed_Invalid()
    {
        var answers = ForSelf();
        answers.ContactChannel = nameof(ContactChannel.PhoneCall);
        answers.ContactEmail = "jan@";

        Assert.Equal(["ContactEmail:ContactEmail_Invalid"], Codes(Validate(JourneyStep.Contact, answers)));
    }

    [Theory]
    [InlineData("jan.kowalski@example.pl")]
    [InlineData(" anna+urzad@poczta.example.com.pl ")]
    public void Validate_Contact_EmailChannelWithEmail_NoErrors(string email)
    {
        var answers = ForSelf();
        answers.ContactChannel = nameof(ContactChannel.Email);
        answers.ContactEmail = email;

        Assert.Empty(Validate(JourneyStep.Contact, answers));
    }

    [Fact]
    public void Validate_Contact_SmsToResidentsLandline_SmsLandline()
    {
        var answers = ForSelf();
        answers.ResidentPhone = "22 123 45 67";
        answers.ContactChannel = nameof(ContactChannel.Sms);

        Assert.Equal(["ContactChannel:ContactChannel_SmsLandline"], Codes(Validate(JourneyStep.Contact, answers)));
    }

    [Fact]
    public void Validate_Contact_SmsToResidentsMobile_NoErrors()
    {
        var answers = ForSelf();
        answers.ContactChannel = nameof(ContactChannel.Sms);

        Assert.Empty(Validate(JourneyStep.Contact, answers));
    }

    [Fact]
    public void Validate_Contact_SmsWhenSomeoneElseFiles_ChecksTheSubmittersPhone()
    {
        var answers = ForNeighbour();
        answers.ContactChannel = nameof(ContactChannel.Sms);
        answers.ResidentPhone = "600 100 200";
        answers.SubmitterPhone = "(22) 123 45 67";

        Assert.Equal(["ContactChannel:ContactChannel_SmsLandline"], Codes(Validate(JourneyStep.Contact, answers)));

        answers.ResidentPhone = "22 123 45 67";
        answers.SubmitterPhone = "601 234 567";

        Assert.Empty(Validate(JourneyStep.Contact, answers));
    }

    [Fact]
    public void Validate_AccessNeeds_NothingGiven_NoErrors()
    {
        var answers = ForSelf();
        answers.AccessNotes = null;
        answers.NeedsSignLanguage = false;
        answers.NeedsCallBeforeVisit = false;

        Assert.Empty(Validate(JourneyStep.AccessNeeds, answers));
    }

    [Fact]
    public void Validate_AccessNeeds_NotesOver300Characters_TooLong()
    {
        var answers = ForSelf();
        answers.AccessNotes = new string('x', 301);

        var error = Assert.Single(Validate(JourneyStep.AccessNeeds, answers));

        Assert.Equal("AccessNotes:AccessNotes_TooLong", Codes([error])[0]);
        Assert.Equal(new object[] { Chars(300), 301 }, error.Args);
    }

    [Fact]
    public void Validate_AccessNeeds_MarkupInNotes_Markup()
    {
        var answers = ForSelf();
        answers.AccessNotes = "Wejście od <a href=x>podwórza</a>";

        Assert.Equal(["AccessNotes:AccessNotes_Markup"], Codes(Validate(JourneyStep.AccessNeeds, answers)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    public void Validate_Times_NoTiming_Required(string? timing)
    {
        var answers = ForSelf();
        answers.Timing = timing;

        Assert.Equal(["Timing:Timing_Required"], Codes(Validate(JourneyStep.Times, answers)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Evening")]
    [InlineData("morning")]
    public void Validate_Times_NoPartOfDay_Required(string? partOfDay)
    {
        var answers = ForSelf();
        answers.PartOfDay = partOfDay;

        Assert.Equal(["PartOfDay:PartOfDay_Required"], Codes(Validate(JourneyStep.Times, answers)));
    }

    [Theory]
    [InlineData("", "", "", "EarliestDate_Required")]
    [InlineData(" ", null, "  ", "EarliestDate_Required")]
    [InlineData("31", "02", "2027", "EarliestDate_Invalid")]
    [InlineData("29", "02", "2027", "EarliestDate_Invalid")]
    [InlineData("1", "13", "2027", "EarliestDate_Invalid")]
    [InlineData("0", "12", "2026", "EarliestDate_Invalid")]
    [InlineData("pierwszy", "12", "2026", "EarliestDate_Invalid")]
    [InlineData("1", "", "2027", "EarliestDate_Invalid")]
    [InlineData("-1", "12", "2026", "EarliestDate_Invalid")]
    [InlineData("22", "11", "2026", "EarliestDate_Past")]
    [InlineData("21", "11", "2026", "EarliestDate_Past")]
    [InlineData("1", "1", "2020", "EarliestDate_Past")]
    [InlineData("21", "02", "2027", "EarliestDate_TooFar")]
    [InlineData("1", "1", "2099", "EarliestDate_TooFar")]
    public void Validate_Times_BadPreferredDate_SaysWhatIsWrong(string? day, string? month, string? year, string code)
    {
        var answers = ForSelf();
        answers.Timing = "date";
        (answers.EarliestDay, answers.EarliestMonth, answers.EarliestYear) = (day, month, year);

        Assert.Equal([$"EarliestDay:{code}"], Codes(Validate(JourneyStep.Times, answers)));
    }

    [Fact]
    public void Validate_Times_TooFar_NamesTheLimitInDays()
    {
        var answers = ForSelf();
        answers.Timing = "date";
        (answers.EarliestDay, answers.EarliestMonth, answers.EarliestYear) = ("21", "02", "2027");

        Assert.Equal(new object[] { new Quantity(90, nameof(JourneyText.Unit_Days)) }, Assert.Single(Validate(JourneyStep.Times, answers)).Args);
    }

    [Theory]
    [InlineData("23", "11", "2026")]
    [InlineData("20", "02", "2027")]
    [InlineData(" 1 ", "12", "26")]
    [InlineData("01", "01", "2027")]
    public void Validate_Times_DateFromTomorrowToNinetyDays_NoErrors(string day, string month, string year)
    {
        var answers = ForSelf();
        answers.Timing = "date";
        (answers.EarliestDay, answers.EarliestMonth, answers.EarliestYear) = (day, month, year);

        Assert.Empty(Validate(JourneyStep.Times, answers));
    }

    [Fact]
    public void Validate_Times_AsSoonAsPossible_IgnoresLeftoverDateFields()
    {
        var answers = ForSelf();
        answers.Timing = "asap";
        (answers.EarliestDay, answers.EarliestMonth, answers.EarliestYear) = ("31", "02", "2027");

        Assert.Empty(Validate(JourneyStep.Times, answers));
    }

    [Theory]
    [InlineData("31", "12", "2026", 2026, 12, 31)]
    [InlineData("1", "2", "27", 2027, 2, 1)]
    [InlineData("29", "02", "2028", 2028, 2, 29)]
    public void ParseDate_RealDate_GivesTheDate(string day, string month, string year, int y, int m, int d)
    {
        Assert.Equal(new DateOnly(y, m, d), RequestJourney.ParseDate(day, month, year));
    }

    [Theory]
    [InlineData("31", "02", "2027")]
    [InlineData("29", "02", "2027")]
    [InlineData("1", "1", "1999")]
    [InlineData("1", "1", "2101")]
    [InlineData("+1", "1", "2027")]
    [InlineData(null, "1", "2027")]
    public void ParseDate_NotARealDate_IsNull(string? day, string? month, string? year)
    {
        Assert.Null(RequestJourney.ParseDate(day, month, year));
    }

    [Fact]
    public void Validate_Check_CompleteAnswersForThemselves_IgnoresEmptySubmitterFields()
    {
        var answers = ForSelf();
        answers.SubmitterName = null;
        answers.SubmitterPhone = null;
        answers.ResidentConsent = false;

        Assert.Empty(Validate(JourneyStep.Check, answers));
    }

    [Fact]
    public void Validate_Check_ProblemsOnSeveralSteps_ListsThemAllInStepOrder()
    {
        var answers = ForNeighbour();
        answers.Description = "<b>x</b>";
        answers.PostalCode = "0095";
        answers.ResidentConsent = false;
        answers.Timing = null;

        Assert.Equal(
            ["Description:Description_Markup", "PostalCode:PostalCode_Invalid", "ResidentConsent:ResidentConsent_Required", "Timing:Timing_Required"],
            Codes(Validate(JourneyStep.Check, answers)));
    }

    [Fact]
    public void Validate_Check_NothingAnswered_ReportsEveryRequiredAnswer()
    {
        var codes = Codes(Validate(JourneyStep.Check, new RequestAnswers()));

        Assert.Equal(
            [
                "LivesInMunicipality:LivesInMunicipality_Required", "Reason:Reason_Required", "Relation:Relation_Required",
                "MatterSlug:MatterSlug_Required", "Description:Description_Required", "ResidentName:ResidentName_Required",
                "ResidentPhone:ResidentPhone_Required", "Street:Street_Required", "PostalCode:PostalCode_Required",
                "Town:Town_Required", "ContactChannel:ContactChannel_Required", "Timing:Timing_Required",
                "PartOfDay:PartOfDay_Required",
            ],
            codes);
    }

    private static List<JourneyStep> Walk(RequestAnswers answers)
    {
        var visited = new List<JourneyStep> { JourneyStep.Residence };
        while (visited[^1] != JourneyStep.Check)
        {
            visited.Add(RequestJourney.Next(visited[^1], answers));
            Assert.True(visited.Count <= RequestJourney.Steps.Count, "The journey does not reach Check");
        }

        return visited;
    }

    /// <summary>A count of characters as the messages receive it (written with the plural helper).</summary>
    private static Quantity Chars(long count) => new(count, nameof(JourneyText.Unit_Characters));
}
