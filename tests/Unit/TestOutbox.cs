using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Notifications;

namespace MobilnyUrzednik;

/// <summary>The outbox as the apps configure it by default, on a test's clock.</summary>
internal static class TestOutbox
{
    public const string SiteUrl = "https://mobilny.przykladowo.pl";

    public static NotificationOutbox For(TimeProvider clock) => new(Options.Create(new NotificationOptions { PublicSiteUrl = SiteUrl }), clock);
}
