using System.Globalization;
using Microsoft.Extensions.Localization;
using MobilnyUrzednik.Components.Forms;
using MobilnyUrzednik.Core.Notifications;

namespace MobilnyUrzednik.PublicSite.Components.Pages.Notifications;

/// <summary>
/// What the "Wiadomości o zmianach" form shows on the confirmation page and on /status: the answers (kept as posted
/// after a problem), the problems at their fields, and after a success a notice and an empty form for one more person.
/// </summary>
public sealed class SubscriptionForm
{
    /// <summary>The form's name (<c>@formname</c>), the same on both pages.</summary>
    public const string FormName = "powiadomienia";

    /// <summary>The channel radios' id (the first radio's) and form field name.</summary>
    public const string ChannelId = "kanal";

    /// <summary>The number-or-address field's id and form field name.</summary>
    public const string AddressId = "adres";

    /// <summary>The confirmation page's "last four digits" field's id and form field name (once the page is old).</summary>
    public const string DigitsId = "cyfry";

    public string? Channel { get; private set; }

    public string? Address { get; private set; }

    /// <summary>The last four digits as typed, kept after a problem (the confirmation page, once it is old).</summary>
    public string? Digits { get; private set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>What was done, after a success; null otherwise.</summary>
    public string? Notice { get; private set; }

    /// <summary>Shows what <see cref="Subscriptions.SubscribeAsync"/> answered to the posted <paramref name="channel"/> and <paramref name="address"/>.</summary>
    /// <param name="result">The answer.</param>
    /// <param name="channel">The channel as posted.</param>
    /// <param name="address">The number or address as posted.</param>
    /// <param name="gatewayFor">Whether a gateway will send by a channel: "Wyślemy" only then; otherwise the office passes it on.</param>
    /// <param name="messages">The problems' words.</param>
    /// <param name="text">The notices' words.</param>
    public void Show(SubscribeResult result, string? channel, string? address, Func<NotificationChannel, bool> gatewayFor, IStringLocalizer<SubscriptionMessages> messages, IStringLocalizer<SubscriptionText> text)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(gatewayFor);
        if (!result.Succeeded)
        {
            // Everything typed stays, the invalid answer too (F04).
            Channel = channel;
            Address = address;
            Notice = null;
            Errors = [.. result.Errors.Select(e => new FieldError(
                e.Field == Subscriptions.ChannelField ? ChannelId : AddressId,
                string.Format(CultureInfo.CurrentCulture, messages[e.Code], e.Args.Select(a => a is int i ? i.ToString("N0", CultureInfo.CurrentCulture) : a).ToArray())))];
            return;
        }

        var kind = result.Outcome switch
        {
            SubscribeOutcome.AlreadySubscribed => "Already_",
            SubscribeOutcome.AwaitingConfirmation => "Awaiting_",
            _ when gatewayFor(result.Channel!.Value) => "Subscribed_",
            _ => "SubscribedByOffice_",
        };
        Notice = string.Format(CultureInfo.CurrentCulture, text[kind + result.Channel], result.Address);
        Channel = null;
        Address = null;
        Digits = null;
        Errors = [];
    }

    /// <summary>The last four digits were missing or did not match: that problem alone, with everything typed kept.</summary>
    public void ShowDigitsProblem(string message, string? channel, string? address, string? digits)
    {
        Channel = channel;
        Address = address;
        Digits = digits;
        Notice = null;
        Errors = [new FieldError(DigitsId, message)];
    }

    /// <summary>The radios, in the words the error messages use ("SMS-em", "E-mailem").</summary>
    public static IReadOnlyList<ChoiceOption> Options(IStringLocalizer<SubscriptionText> text) =>
    [
        new(Subscriptions.SmsChoice, text["ChannelSms"], text["ChannelSmsHint"]),
        new(Subscriptions.EmailChoice, text["ChannelEmail"]),
    ];
}
