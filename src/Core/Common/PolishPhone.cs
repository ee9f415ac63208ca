using PhoneNumbers;

namespace MobilnyUrzednik.Core.Common;

/// <summary>
/// Reads phone numbers as people write them ("+48 600-100-200", "0048 600100200", "(22) 123 45 67")
/// with libphonenumber, Poland as the default region.
/// </summary>
public static class PolishPhone
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164 ("+48600100200"), or null when it is not a valid number. A number said in words
    /// ("sześćset jeden, dwieście dwa…", as dictation writes it) is read as its digits.</summary>
    public static string? Normalise(string? input)
    {
        if (SpokenNumbers.HasNumberWords(input))
        {
            input = SpokenNumbers.ToDigits(input);
        }

        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return null;
        }

        try
        {
            var number = Util.Parse(input, "PL");
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>How staff and residents read it back: "600 100 200" for Polish numbers, international otherwise.</summary>
    public static string Display(string e164)
    {
        try
        {
            var number = Util.Parse(e164, "PL");
            return number.CountryCode == 48
                ? Util.Format(number, PhoneNumberFormat.NATIONAL)
                : Util.Format(number, PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }

    /// <summary>True unless the number is known to be a landline (SMS cannot reach it).</summary>
    public static bool CanReceiveSms(string e164)
    {
        try
        {
            var type = Util.GetNumberType(Util.Parse(e164, "PL"));
            return type is not (PhoneNumberType.FIXED_LINE or PhoneNumberType.TOLL_FREE or PhoneNumberType.PREMIUM_RATE or PhoneNumberType.SHARED_COST);
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>The last four digits, the second factor of the status look-up.</summary>
    public static string LastFour(string e164) => e164.Length >= 4 ? e164[^4..] : e164;
}
