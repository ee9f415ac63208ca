using System.Net;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// The public limits hold for two public-site nodes together on one PostgreSQL database (their counts are in the
/// database, <see cref="Core.Security.SharedLimits"/>): a tracking code locked by wrong look-ups made on both nodes
/// is locked on each, and one address's form posts spread over both nodes are cut at Abuse:PostsPerMinute in all, not
/// at that many per node.
/// </summary>
[Trait("RunOnce", "true")]
public sealed class NodeLimitsTests
{
    private const int PostsPerMinute = 6;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoNodes_CodeLockAndPostLimit_HoldForTheirSum()
    {
        var database = await TestPostgres.CreateDatabaseAsync(Ct);
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Default"] = database,
                ["PublicSiteUrl"] = "https://mobilny.przykladowo.example.pl",
                ["Abuse:PostsPerMinute"] = PostsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["StatusLookup:FailuresBeforeLock"] = "2",
            };
            await using var node1 = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", settings, Ct);
            await using var node2 = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", settings, Ct);
            using var atNode1 = new JourneyClient(node1.BaseAddress);
            using var atNode2 = new JourneyClient(node2.BaseAddress);

            // Two wrong look-ups of one code, one on each node, lock it (FailuresBeforeLock = 2): node 2, which itself
            // saw only one, says so at once, and so does node 1 after it. (Three posts of this address.)
            var code = TrackingCode.NewCode();
            Assert.Contains("Nie znale", await atNode1.LookUpStatusPageAsync(code, "1234", Ct), StringComparison.Ordinal);
            Assert.Contains("Sprawdzanie tego numeru jest na jak", await atNode2.LookUpStatusPageAsync(code, "1234", Ct), StringComparison.Ordinal);
            Assert.Contains("Sprawdzanie tego numeru jest na jak", await atNode1.LookUpStatusPageAsync(code, "1234", Ct), StringComparison.Ordinal);

            // The same address's further posts, alternating between the nodes: three more are let through (six in all),
            // then both nodes refuse (429, "wait a minute"), though neither alone had six.
            using var http = new HttpClient();
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i < 6; i++)
            {
                var node = i % 2 == 0 ? node2 : node1;
                using var response = await http.PostAsync(new Uri(node.BaseAddress, "/status"), new FormUrlEncodedContent([KeyValuePair.Create("numer", code)]), Ct);
                answers.Add(response.StatusCode);
            }

            Assert.Equal(3, answers.Count(a => a != HttpStatusCode.TooManyRequests));
            Assert.All(answers.Take(3), a => Assert.NotEqual(HttpStatusCode.TooManyRequests, a));
            Assert.All(answers.Skip(3), a => Assert.Equal(HttpStatusCode.TooManyRequests, a));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }
}
