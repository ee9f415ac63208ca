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

    public string? Channel { get; private set; }

    public string? Address { get; private set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>What was done, after a success; null otherwise.</summary>
    public string? Notice { get; private set; }

    /// <summary>Shows what <see cref="Subscriptions.SubscribeAsync"/> answered to the posted <paramref name="channel"/> and <paramref name="address"/>.</summary>
    public void Show(SubscribeResult result, string? channel, string? address, IStringLocalizer<SubscriptionMessages> messages, IStringLocalizer<SubscriptionText> text)
    {
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

        var kind = result.Outcome == SubscribeOutcome.AlreadySubscribed ? "Already_" : "Subscribed_";
        Notice = string.Format(CultureInfo.CurrentCulture, text[kind + result.Channel], result.Address);
        Channel = null;
        Address = null;
        Errors = [];
    }

    /// <summary>The radios, in the words the error messages use ("SMS-em", "E-mailem").</summary>
    public static IReadOnlyList<ChoiceOption> Options(IStringLocalizer<SubscriptionText> text) =>
    [
        new(Subscriptions.SmsChoice, text["ChannelSms"], text["ChannelSmsHint"]),
        new(Subscriptions.EmailChoice, text["ChannelEmail"]),
    ];
}
