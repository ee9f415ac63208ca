using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MobilnyUrzednik.Core;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Office;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// Concurrent writers and readers on one SQLite file set up exactly as the apps set it up (AddCore:
/// WAL, synchronous=FULL, busy_timeout). Writers submit through <see cref="RequestSubmission"/>: even ones
/// the public site's way (a draft, then "Wyślij"), odd ones the kiosk's way (answers held in memory).
/// Readers do what residents and staff read meanwhile: the status look-up of a request just written, and
/// the inbox's first page. Shared by the durability test (short) and the benchmark (60 s).
/// </summary>
public static class SubmissionLoad
{
    private const string WebActor = "Zgłaszający (strona internetowa)";
    private static readonly StaffActor Coordinator = new("load-coordinator", "Koordynator (obciążenie)", [StaffRoles.Coordinator]);

    /// <summary>The Core services on the SQLite file <paramref name="databasePath"/>, migrated and seeded as at an app's first start (no web host).</summary>
    public static Task<WebApplication> StartCoreAsync(string databasePath) =>
        StartCoreAsync(new Dictionary<string, string> { ["ConnectionStrings:Default"] = new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString() }, Path.GetDirectoryName(databasePath)!);

    /// <summary>The Core services on the database <paramref name="database"/> names (Database:Provider, ConnectionStrings:Default), prepared as at an app's start (no web host).</summary>
    public static async Task<WebApplication> StartCoreAsync(IReadOnlyDictionary<string, string> database, string contentRoot)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = contentRoot,
        });
        builder.Logging.ClearProviders();
        builder.Configuration["PublicSiteUrl"] = "https://mobilny.przykladowo.example.pl";
        foreach (var (key, value) in database)
        {
            builder.Configuration[key] = value;
        }

        builder.AddCore();
        var app = builder.Build();
        await app.PrepareDatabaseAsync();
        return app;
    }

    /// <summary>Runs <paramref name="writers"/> writers and <paramref name="readers"/> readers for <paramref name="duration"/>.</summary>
    public static async Task<LoadReport> RunAsync(IServiceProvider services, int writers, int readers, TimeSpan duration, CancellationToken ct = default, bool smsContacts = false)
    {
        var submission = services.GetRequiredService<RequestSubmission>();
        var drafts = services.GetRequiredService<DraftStore>();
        var lookup = services.GetRequiredService<StatusLookup>();
        var inbox = services.GetRequiredService<Inbox>();
        var written = new List<WrittenRequest>();
        var errors = new List<string>();
        var latencies = new List<double>();
        long reads = 0;

        // Microsoft.Data.Sqlite's async calls complete synchronously (a writer waiting on busy_timeout holds its
        // thread), so every writer and reader gets a pool thread from the start: 64 actors really at once.
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        ThreadPool.SetMinThreads(Math.Max(minWorkers, writers + readers + Environment.ProcessorCount), minIo);
        var clock = Stopwatch.StartNew();

        void Fail(Exception ex)
        {
            lock (errors)
            {
                errors.Add($"{ex.GetType().Name}: {ex.Message}");
            }
        }

        async Task WriteAsync(int writer)
        {
            await Task.Yield();
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var lastFour = (writer * 100 + n % 100).ToString("D4", CultureInfo.InvariantCulture);
                // With smsContacts every second resident asks for SMS: the request then also writes its contact's
                // subscription and the "received" message to the outbox, in the same transaction.
                var answers = Answers("+48 600 10" + lastFour[..1] + " " + lastFour[1..], smsContacts && n % 2 == 0);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    SubmissionResult result;
                    if (writer % 2 == 0)
                    {
                        var key = await drafts.CreateAsync(ct);
                        if (!await drafts.SaveAsync(key, answers, ct))
                        {
                            throw new InvalidOperationException("A fresh draft refused its answers.");
                        }

                        result = await submission.SubmitAsync(key, RequestChannel.Web, WebActor, ct);
                    }
                    else
                    {
                        result = await submission.SubmitAnswersAsync(
                            Guid.NewGuid().ToString("N"), answers, RequestChannel.Kiosk, "Kiosk (obciążenie)", "kiosk-obciazenie", "Biblioteka testowa", ct);
                    }

                    if (result is not { Outcome: SubmissionOutcome.Created, TrackingCode: { } code })
                    {
                        throw new InvalidOperationException($"The submission ended as {result.Outcome}.");
                    }

                    var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    lock (written)
                    {
                        written.Add(new WrittenRequest(code, lastFour, clock.Elapsed, Web: writer % 2 == 0));
                        latencies.Add(latency);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Fail(ex);
                }
            }
        }

        async Task ReadAsync(int reader)
        {
            await Task.Yield();
            var random = new Random(reader);
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                try
                {
                    WrittenRequest? pick = null;
                    lock (written)
                    {
                        if (n % 2 == 0 && written.Count > 0)
                        {
                            pick = written[random.Next(written.Count)];
                        }
                    }

                    if (pick is not null)
                    {
                        // A request confirmed to a writer must be found by any reader from then on.
                        if (!(await lookup.LookUpAsync(pick.Code, pick.PhoneLastFour, LookupCaller.Web(ReaderAddress(reader)), ct)).Found)
                        {
                            throw new InvalidOperationException($"The status look-up did not find the written request {pick.Code}.");
                        }
                    }
                    else
                    {
                        await inbox.QueryAsync(Coordinator, new InboxQuery(), ct);
                    }

                    Interlocked.Increment(ref reads);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Fail(ex);
                }
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, writers).Select(WriteAsync).Concat(Enumerable.Range(0, readers).Select(ReadAsync)));
        }
        finally
        {
            ThreadPool.SetMinThreads(minWorkers, minIo);
        }

        return new LoadReport(written, errors, reads, clock.Elapsed, latencies);
    }

    /// <summary>The written requests' codes that the database does not hold (none, when every write landed).</summary>
    /// <summary>
    /// Each reader is another resident on another address: one address's budget of wrong look-ups counts the tries
    /// in flight, so 32 look-ups at once from one address would be (rightly) refused as a burst.
    /// </summary>
    private static string ReaderAddress(int reader) => $"10.0.{reader / 256}.{reader % 256}";

    public static async Task<IReadOnlyList<string>> MissingAsync(IServiceProvider services, LoadReport report, CancellationToken ct = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        var stored = (await db.VisitRequests.Select(r => r.TrackingCode).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return [.. report.Written.Select(w => w.Code).Where(c => !stored.Contains(c))];
    }

    /// <summary>Complete answers for oneself, as the public form would hold them; contact by phone call, or by SMS.</summary>
    public static RequestAnswers Answers(string phone, bool sms = false) => new()
    {
        LivesInMunicipality = "tak",
        Reason = nameof(EligibilityReason.Age),
        Relation = nameof(SubmitterRelation.Self),
        MatterSlug = "dowod-osobisty",
        Description = "Potrzebny nowy dowód osobisty, stary stracił ważność.",
        ResidentName = "Janina Obciążeniowa",
        ResidentPhone = phone,
        Street = "Główna 5 m. 3",
        PostalCode = "00-950",
        Town = "Przykładowo",
        ContactChannel = sms ? nameof(ContactChannel.Sms) : nameof(ContactChannel.PhoneCall),
        Timing = "asap",
        PartOfDay = nameof(PartOfDay.Any),
        Answered = [.. Enum.GetValues<JourneyStep>().Where(s => s != JourneyStep.Submitter)],
    };
}

/// <summary>A request a writer was told was created: its code, the last four digits of its phone, when, and whether the web way (draft) was used.</summary>
public sealed record WrittenRequest(string Code, string PhoneLastFour, TimeSpan At, bool Web);

/// <summary>What a load run did.</summary>
public sealed record LoadReport(IReadOnlyList<WrittenRequest> Written, IReadOnlyList<string> Errors, long Reads, TimeSpan Elapsed, IReadOnlyList<double> SubmitLatenciesMs)
{
    /// <summary>Errors whose message is SQLite's "database is locked" (SQLITE_BUSY given up).</summary>
    public int LockErrors => Errors.Count(e => e.Contains("database is locked", StringComparison.OrdinalIgnoreCase));

    /// <summary>Submissions completed in each whole second of the run.</summary>
    public IReadOnlyList<int> PerSecond()
    {
        var seconds = (int)Math.Floor(Elapsed.TotalSeconds);
        var counts = new int[Math.Max(seconds, 1)];
        foreach (var w in Written)
        {
            var i = (int)w.At.TotalSeconds;
            if (i < counts.Length)
            {
                counts[i]++;
            }
        }

        return counts;
    }
}
