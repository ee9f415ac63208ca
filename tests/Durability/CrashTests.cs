using System.Collections.Concurrent;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// "Zgłoszenie wysłane" is a promise: a request the site has confirmed to a resident survives the server
/// being killed outright (kill -9) in the middle of 200 submissions.
/// </summary>
/// <remarks>
/// When 200 posts arrive at the same instant the site answers almost none of them until almost all are
/// written (the thread pool serves its queue in order), so which codes are shown before a mid-write kill is
/// down to timing. So 20 residents send first and see their codes; then 200 press "Wyślij zgłoszenie" at
/// once and the server is killed when half of those are written. Any of the 200 told "sent" before the
/// kill is checked too.
/// </remarks>
public sealed class CrashTests
{
    private const int Earlier = 20;
    private const int Burst = 200;

    // The server dies when half the burst is written, with the rest still in flight.
    private const int KillWhenStored = Earlier + Burst / 2;

    [Fact]
    public async Task KillNine_While200SubmissionsAreInFlight_LosesNoRequestConfirmedToTheResident()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestStore.CreateAsync(ct);
        var residents = Enumerable.Range(0, Earlier + Burst)
            .Select(i => (Phone: $"+48 601 2{i / 100:D2} {i % 100:D3}", LastFour: $"{i / 100 % 10}{i % 100:D3}")).ToList();
        var clients = new List<JourneyClient>();

        // Residents the site told "sent" (the redirect to the confirmation page), and the codes shown to them before the kill.
        var told = new ConcurrentBag<int>();
        var shown = new ConcurrentDictionary<int, string>();
        async Task SendAsync(int i)
        {
            try
            {
                if (await clients[i].SendAsync(ct))
                {
                    told.Add(i);
                    shown[i] = await clients[i].ReadConfirmationAsync(null, ct);
                }
            }
            catch (HttpRequestException)
            {
                // Cut off by the kill: the resident saw an error, not a confirmation.
            }
        }

        try
        {
            await using (var site = await PublicSiteProcess.StartAsync(database, ct))
            {
                clients.AddRange(residents.Select(_ => new JourneyClient(site.BaseAddress)));

                // Every resident answers the questions up to the check page (a few at a time: this part is not under test).
                await Parallel.ForEachAsync(Enumerable.Range(0, residents.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
                    async (i, token) => await clients[i].WalkToCheckAsync(residents[i].Phone, token));

                await Task.WhenAll(Enumerable.Range(0, Earlier).Select(SendAsync));
                Assert.Equal(Earlier, shown.Count);

                // 200 press "Wyślij zgłoszenie" at once; kill -9 the moment half of them are written (watching the file
                // as an administrator would).
                var burst = Enumerable.Range(Earlier, Burst).Select(SendAsync).ToList();
                var giveUp = DateTime.UtcNow.AddMinutes(2);
                while (await database.CountAsync("VisitRequests") < KillWhenStored)
                {
                    Assert.True(DateTime.UtcNow < giveUp, $"The burst did not reach {KillWhenStored} stored requests in two minutes. The site wrote:\n{site.Log}");
                    await Task.Delay(TimeSpan.FromMilliseconds(2), ct);
                }

                site.KillHard();
                await Task.WhenAll(burst).WaitAsync(TimeSpan.FromSeconds(30), ct);
            }

            // The server comes back on the same database, which is sound and holds only part of the burst (the kill came mid-write).
            await using var restarted = await PublicSiteProcess.StartAsync(database, ct);
            Assert.Empty(await database.ProblemsAsync());
            var stored = await database.TrackingCodesAsync();
            Assert.InRange(stored.Count, Math.Max(told.Count, KillWhenStored), Earlier + Burst - 1);

            // Every code shown before the kill is stored, and every resident told "sent" who opens the confirmation
            // page again (same browser) sees a stored code, the same one if they had seen it.
            var lost = shown.Values.Where(code => !stored.Contains(TrackingCode.Parse(code).Code!)).ToList();
            Assert.Empty(lost);
            foreach (var i in told)
            {
                var code = await clients[i].ReadConfirmationAsync(restarted.BaseAddress, ct);
                Assert.Contains(TrackingCode.Parse(code).Code!, stored);
                Assert.Equal(shown.GetValueOrDefault(i, code), code);
            }

            TestContext.Current.SendDiagnosticMessage(
                $"kill -9 at {KillWhenStored} stored: {told.Count} residents told \"sent\" ({told.Count(i => i >= Earlier)} of the burst of {Burst}), {shown.Count} saw their code; {stored.Count} requests stored after the restart.");

            // And a resident can look theirs up on the restarted site.
            using var resident = new JourneyClient(restarted.BaseAddress);
            Assert.Equal($"Zgłoszenie {shown[0]}", await resident.LookUpStatusAsync(shown[0], residents[0].LastFour, ct));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
