using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MobilnyUrzednik.Components;
using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.PublicSite;

/// <summary>
/// A bUnit context for the site's pages: the real localization plus the real Core services over a
/// real SQLite database, registered as <c>AddCore</c> registers them.
/// </summary>
public abstract class PublicSiteTestContext : ComponentTestContext
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected void UseDatabase(TestDatabase database, TimeProvider clock)
    {
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(database);
        Services.AddSingleton(clock);
        Services.AddSingleton<DraftStore>();
        Services.AddSingleton(TestOutbox.For(clock));
        Services.AddSingleton<RequestSubmission>();
        Services.AddSingleton<StatusLookup>(sp => MobilnyUrzednik.Core.Requests.StatusLookupTests.Create(database, clock));
        Services.AddSingleton<MatterCatalogue>();
        Services.AddSingleton<ILogger<Subscriptions>>(NullLogger<Subscriptions>.Instance);
        Services.AddSingleton<Subscriptions>();

        // No gateway: what the pages say then ("the office will pass it on").
        Services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Core.Notifications.TestEnvironment("Production", Path.GetTempPath()));
        Services.AddSingleton<ILogger<OutboxSender>>(NullLogger<OutboxSender>.Instance);
        Services.AddSingleton<OutboxSender>();
    }

    /// <summary>Saves the answers as a draft and sends it, as the check-answers page does.</summary>
    protected static async Task<(string DraftKey, string TrackingCode)> SubmitAsync(TestDatabase database, TimeProvider clock, RequestAnswers answers)
    {
        var key = await RequestSubmissionTests.SaveDraftAsync(database, clock, answers);
        var result = await new RequestSubmission(database, clock, TestOutbox.For(clock)).SubmitAsync(key, RequestChannel.Web, "mieszkaniec", Ct);
        Assert.Equal(SubmissionOutcome.Created, result.Outcome);
        return (key, result.TrackingCode!);
    }
}
