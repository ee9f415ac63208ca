using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Benchmarks.StatusLookup;

/// <summary>
/// How many digit pairs one tracking code lets an attacker try per hour, when every try comes from a new address.
/// The real public site runs in this process on a SQLite file and on a clock this script moves; the attacker posts the
/// /status form over real HTTP through the loopback proxy the site trusts, each try with a new X-Forwarded-For (IPv4
/// and IPv6 /64s in turn), walking the digits 0000, 0001, … of one real request's code. Run on purpose:
/// <code>dotnet run -c Release --project benchmarks/StatusLookup [-- HOURS TRIES_PER_MINUTE]</code>
/// (default 48 simulated hours, 5 tries a minute: 14,400 posts, a few minutes). With <c>growth</c> first it runs
/// <see cref="Growth"/> instead: the look-up's time as the database grows.
/// </summary>
internal static partial class BruteForce
{
    private const string NotFound = "Nie znaleźliśmy zgłoszenia z tym numerem";
    private const string Locked = "Sprawdzanie tego numeru jest na jakiś czas zablokowane";
    private const string CallerLimited = "Z tego urządzenia wpisano w ostatniej godzinie za dużo";
    private const string RightDigits = "9876";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "growth")
        {
            return await Growth.RunAsync(args[1..]);
        }

        // WebApplicationFactory finds the site's folder through the manifest beside this program.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var hours = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 48;
        var perMinute = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"mu-bench-status-{Guid.NewGuid():N}")).FullName;
        var clock = new SteppedClock(DateTimeOffset.UtcNow);
        try
        {
            await using var site = new Site(Path.Combine(folder, "mobilny-urzednik.db"), clock);
            var address = site.Start();
            var code = await AddRequestAsync(site);
            using var form = new Form(address);

            Console.WriteLine($"Status look-up brute force: one code, {perMinute} tries a minute for {hours} simulated hours, every try from a new address (IPv4 and IPv6 /64s in turn).");
            var perHour = new int[hours];
            int refusedLocked = 0, refusedCaller = 0, tried = 0, next = 0;
            var foundAt = -1;
            var previousWasChecked = false;
            for (var minute = 0; minute < hours * 60 && foundAt < 0; minute++)
            {
                for (var i = 0; i < perMinute && foundAt < 0; i++)
                {
                    var digits = next.ToString("0000", CultureInfo.InvariantCulture);
                    var page = await form.LookUpAsync(code, digits, Address(tried++));
                    if (page.Contains("<h1 tabindex=\"-1\">Zgłoszenie ", StringComparison.Ordinal) || page.Contains(">Zgłoszenie " + code + "<", StringComparison.Ordinal))
                    {
                        perHour[minute / 60]++;
                        foundAt = minute;
                    }
                    else if (page.Contains(NotFound, StringComparison.Ordinal))
                    {
                        perHour[minute / 60]++;
                        next++;
                        previousWasChecked = true;
                    }
                    else if (page.Contains(Locked, StringComparison.Ordinal))
                    {
                        // The try that locks the code was checked (and wrong); those after it were refused unchecked.
                        if (previousWasChecked)
                        {
                            perHour[minute / 60]++;
                            next++;
                        }
                        else
                        {
                            refusedLocked++;
                        }

                        previousWasChecked = false;
                    }
                    else if (page.Contains(CallerLimited, StringComparison.Ordinal))
                    {
                        refusedCaller++;
                    }
                    else
                    {
                        throw new InvalidOperationException("An answer the script does not know: " + page[..Math.Min(page.Length, 400)]);
                    }
                }

                clock.Advance(TimeSpan.FromMinutes(1));
            }

            var checkedTotal = perHour.Sum();
            Console.WriteLine($"  posts sent: {tried}; digit pairs checked: {checkedTotal}; refused unchecked (code locked): {refusedLocked}; refused (address budget): {refusedCaller}");
            Console.WriteLine($"  checked per hour: most {perHour.Max()}, first day {perHour.Take(24).Sum()}, second day {perHour.Skip(24).Take(24).Sum()}");
            Console.WriteLine($"  hours: {string.Join(' ', perHour)}");
            Console.WriteLine(foundAt < 0
                ? $"  the right digits ({RightDigits}) were not reached: {checkedTotal} of 10,000 pairs tried ({checkedTotal / 100.0:0.##} %)."
                : $"  the right digits were found after {foundAt / 60.0:0.#} hours.");

            // The address budget on its own: one IPv6 /64, many addresses in it, codes that do not exist (so no code locks).
            var fromOneSlash64 = 0;
            for (var i = 0; i < 100; i++)
            {
                var page = await form.LookUpAsync(TrackingCode.Format(TrackingCode.NewCode()), "1234", $"2001:db8:ffff:1:{i:x}::{i + 1:x}");
                if (page.Contains(CallerLimited, StringComparison.Ordinal))
                {
                    break;
                }

                fromOneSlash64++;
            }

            Console.WriteLine($"  one IPv6 /64 rotating its addresses: {fromOneSlash64} wrong look-ups, then refused for the hour.");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // IPv4 from the benchmarking range 198.18.0.0/15, IPv6 from the documentation prefix: a new /64 every time.
    private static string Address(int n) => n % 2 == 0
        ? $"198.{18 + ((n / 2) >> 16 & 1)}.{(n / 2) >> 8 & 255}.{(n / 2) & 255}"
        : $"2001:db8:{(n / 2) >> 16 & 0xffff:x}:{(n / 2) & 0xffff:x}::1";

    private static async Task<string> AddRequestAsync(Site site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var request = new VisitRequest
        {
            TrackingCode = TrackingCode.NewCode(),
            Channel = RequestChannel.Web,
            LivesInMunicipality = true,
            EligibilityReason = EligibilityReason.Age,
            MatterId = await db.Matters.OrderBy(m => m.SortOrder).Select(m => m.Id).FirstAsync(),
            Description = "Potrzebny nowy dowód osobisty.",
            ResidentName = "Wiesława Próbna",
            ResidentPhone = "+4860010" + RightDigits,
            Street = "Główna 5",
            PostalCode = "00-950",
            Town = "Przykładowo",
            ContactChannel = ContactChannel.PhoneCall,
        };
        request.RecordSubmission("mieszkaniec", site.Clock.GetUtcNow());
        db.VisitRequests.Add(request);
        await db.SaveChangesAsync();
        return TrackingCode.Format(request.TrackingCode);
    }

    /// <summary>A clock that stands still until the script moves it.</summary>
    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private sealed class Site(string databasePath, SteppedClock clock) : WebApplicationFactory<Program>
    {
        public SteppedClock Clock => clock;

        public Uri Start()
        {
            UseKestrel(0);
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Default", new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString());
            builder.UseSetting("Notifications:DevelopmentFolder", string.Empty);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }
    }

    /// <summary>The /status form, posted as a script would: the page's token once, then any address.</summary>
    private sealed partial class Form(Uri site) : IDisposable
    {
        private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = site };
        private string? _token;

        public async Task<string> LookUpAsync(string code, string digits, string address)
        {
            _token ??= TokenPattern().Match(await _http.GetStringAsync("/status")).Groups[1].Value;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/status")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["_handler"] = "status",
                    ["__RequestVerificationToken"] = _token,
                    ["numer"] = code,
                    ["cyfry"] = digits,
                }),
            };
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await _http.SendAsync(request);
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }

        public void Dispose() => _http.Dispose();

        [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
        private static partial Regex TokenPattern();
    }
}
