using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Notifications;

namespace MobilnyUrzednik.Core.Common;

/// <summary>The public site's address (setting <c>PublicSiteUrl</c>), e.g. https://mobilny.przykladowo.pl.</summary>
public sealed class PublicSiteOptions
{
    /// <summary>The one setting both apps read.</summary>
    public const string Setting = "PublicSiteUrl";

    /// <summary>Used in Development when the setting is absent: the site's own <c>dotnet run</c> address.</summary>
    public const string DevelopmentDefault = "http://localhost:5080";

    /// <summary>The address without a trailing slash.</summary>
    public string Url { get; init; } = DevelopmentDefault;

    /// <summary>A full link to a page of the public site, e.g. <c>Link("/status")</c>.</summary>
    public string Link(string pathAndQuery) => Url + pathAndQuery;
}

/// <summary>
/// One address of the public site for everything that points residents to it: the kiosk's start screen, its receipts
/// and QR codes, the links in every message, the accessibility statement. Never taken from a request's Host header.
/// Outside Development it must be set; the settings it replaced are refused, so an old configuration cannot go on
/// pointing somewhere else quietly.
/// </summary>
public static class PublicSiteAddress
{
    private static readonly string[] Replaced = ["Notifications:PublicSiteUrl", "Kiosk:PublicSiteUrl"];

    public static IHostApplicationBuilder AddPublicSiteAddress(this IHostApplicationBuilder builder)
    {
        foreach (var old in Replaced)
        {
            if (builder.Configuration[old] is not null)
            {
                throw new StartupFailureException(
                    $"{old} nie jest już czytane: ustaw {PublicSiteOptions.Setting}, jeden adres strony publicznej dla kiosku, potwierdzeń i wiadomości. "
                    + $"/ {old} is no longer read: set {PublicSiteOptions.Setting} instead, the one address of the public site used by the kiosk, its receipts and every message.");
            }
        }

        var configured = builder.Configuration[PublicSiteOptions.Setting];
        if (string.IsNullOrWhiteSpace(configured) && !builder.Environment.IsDevelopment())
        {
            throw new StartupFailureException(
                $"Brak {PublicSiteOptions.Setting}: wpisz pełny adres strony publicznej (np. https://mobilny.przykladowo.pl) — używają go kiosk, potwierdzenia, kody QR i linki w wiadomościach. "
                + $"/ {PublicSiteOptions.Setting} is not set. Set it to the public site's full address (e.g. https://mobilny.przykladowo.pl): the kiosk's start screen, receipts and QR codes and every message link there.");
        }

        var url = string.IsNullOrWhiteSpace(configured) ? PublicSiteOptions.DevelopmentDefault : configured.Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new StartupFailureException(
                $"{PublicSiteOptions.Setting} musi być pełnym adresem strony publicznej zaczynającym się od https://, np. https://mobilny.przykladowo.pl. "
                + $"/ {PublicSiteOptions.Setting} must be the public site's full address starting with https://, e.g. https://mobilny.przykladowo.pl.");
        }

        var options = new PublicSiteOptions { Url = url.TrimEnd('/') };
        builder.Services.AddSingleton(options);
        builder.Services.PostConfigure<NotificationOptions>(o => o.PublicSiteUrl = options.Url);
        return builder;
    }
}
