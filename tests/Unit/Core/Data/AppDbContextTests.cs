using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Core.Data;

public class AppDbContextTests
{
    private static readonly DateTimeOffset Submitted = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_NewDatabase_SeedsTheMunicipalityAndCatalogueOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var again = database.CreateDbContext())
        {
            await DemoData.EnsureSeededAsync(again, Ct);
        }

        await using var db = database.CreateDbContext();
        Assert.Equal("Gmina Przykładowo", (await db.Municipalities.SingleAsync(Ct)).Name);
        var slugs = await db.Matters.OrderBy(s => s.SortOrder).Select(s => s.Slug).ToListAsync(Ct);
        Assert.Equal(["dowod-osobisty", "zameldowanie", "podatek-od-nieruchomosci", "oplata-za-odpady", "swiadczenia-online", "inna-sprawa"], slugs);
        Assert.True(await db.Matters.Where(s => s.Slug == "inna-sprawa").Select(s => s.IsOther).SingleAsync(Ct));
    }

    [Fact]
    public async Task History_NewEntryThroughMoveTo_IsAppended()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await AddRequestAsync(database);

        await using (var db = database.CreateDbContext())
        {
            var request = await db.VisitRequests.Include(r => r.History).SingleAsync(r => r.Id == id, Ct);
            request.MoveTo(RequestStatus.InReview, "Anna Kowalska", "Sprawdzamy zgłoszenie.", Submitted.AddHours(2));
            await db.SaveChangesAsync(Ct);
        }

        await using var check = database.CreateDbContext();
        var history = await check.RequestHistory.Where(h => h.VisitRequestId == id).OrderBy(h => h.Id).ToListAsync(Ct);
        Assert.Equal([RequestStatus.Submitted, RequestStatus.InReview], history.Select(h => h.Status));
        Assert.Equal(Submitted.AddHours(2), history[1].At);
        Assert.Equal("Sprawdzamy zgłoszenie.", history[1].PublicNote);
        Assert.Equal(RequestStatus.InReview, (await check.VisitRequests.SingleAsync(r => r.Id == id, Ct)).Status);
    }

    [Fact]
    public async Task History_EditedEntry_IsRefusedAndStaysAsItWas()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await AddRequestAsync(database);

        await using (var db = database.CreateDbContext())
        {
            var entry = await db.RequestHistory.SingleAsync(h => h.VisitRequestId == id, Ct);
            entry.Actor = "ktoś inny";
            entry.Status = RequestStatus.Completed;

            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        await AssertHistoryUntouchedAsync(database, id);
    }

    [Fact]
    public async Task History_DeletedEntry_IsRefusedAndStays()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await AddRequestAsync(database);

        await using (var db = database.CreateDbContext())
        {
            var entry = await db.RequestHistory.SingleAsync(h => h.VisitRequestId == id, Ct);
            db.RequestHistory.Remove(entry);

            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
        }

        await AssertHistoryUntouchedAsync(database, id);
    }

    [Fact]
    public async Task History_EntryTakenOutOfTheRequest_IsRefusedAndStays()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await AddRequestAsync(database);

        await using (var db = database.CreateDbContext())
        {
            var request = await db.VisitRequests.Include(r => r.History).SingleAsync(r => r.Id == id, Ct);
            request.History.Clear();

            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
        }

        await AssertHistoryUntouchedAsync(database, id);
    }

    [Fact]
    public async Task History_BulkUpdate_IsRefusedAndStaysAsItWas()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await AddRequestAsync(database);

        await using (var db = database.CreateDbContext())
        {
            await Assert.ThrowsAnyAsync<Exception>(() =>
                db.RequestHistory.ExecuteUpdateAsync(s => s.SetProperty(h => h.Actor, "ktoś inny"), Ct));
        }

        await AssertHistoryUntouchedAsync(database, id);
    }

    [Fact]
    public async Task History_BulkDelete_IsRefusedAndStays()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await AddRequestAsync(database);

        await using (var db = database.CreateDbContext())
        {
            await Assert.ThrowsAnyAsync<Exception>(() => db.RequestHistory.ExecuteDeleteAsync(Ct));
        }

        await AssertHistoryUntouchedAsync(database, id);
    }

    private static async Task<int> AddRequestAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var matterId = await db.Matters.Where(s => s.Slug == "dowod-osobisty").Select(s => s.Id).SingleAsync(Ct);
        var request = new VisitRequest
        {
            TrackingCode = TrackingCode.NewCode(),
            MatterId = matterId,
            Description = "Nowy dowód.",
            ResidentName = "Anna Nowak",
            ResidentPhone = "+48600100200",
            Street = "ul. Długa 5",
            PostalCode = "00-950",
            Town = "Warszawa",
        };
        request.RecordSubmission("mieszkaniec", Submitted);
        db.VisitRequests.Add(request);
        await db.SaveChangesAsync(Ct);
        return request.Id;
    }

    private static async Task AssertHistoryUntouchedAsync(TestDatabase database, int id)
    {
        await using var db = database.CreateDbContext();
        var entry = await db.RequestHistory.AsNoTracking().SingleAsync(h => h.VisitRequestId == id, Ct);
        Assert.Equal(RequestStatus.Submitted, entry.Status);
        Assert.Equal("mieszkaniec", entry.Actor);
        Assert.Equal(Submitted, entry.At);
    }
}
