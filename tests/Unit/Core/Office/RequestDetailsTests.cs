using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Staff;
using static MobilnyUrzednik.Core.Office.OfficeTestData;

namespace MobilnyUrzednik.Core.Office;

public sealed class RequestDetailsTests
{
    [Fact]
    public async Task ReadAsync_FiftyReads_WriteFiftyAuditRecordsNamingTheReaderAndTheRequestOnly()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var id = await AddRequestAsync(database, clock.GetUtcNow());
        var details = new RequestDetails(database, new AuditLog(database, clock));

        for (var i = 0; i < 50; i++)
        {
            var request = await details.ReadAsync(Coordinator, id, Ct);
            Assert.Equal("Janina Kowalczyk", request!.ResidentName);
        }

        await using var db = database.CreateDbContext();
        var records = await db.AuditLog.Where(a => a.Action == AuditActions.RequestRead).ToListAsync(Ct);
        Assert.Equal(50, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal($"request:{id}", r.Subject);
            Assert.Equal(Coordinator.UserId, r.ActorId);
            Assert.Null(r.Detail);
        });
    }

    [Fact]
    public async Task ReadAsync_WithoutThePermission_IsRefusedAndNothingIsRecorded()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var id = await AddRequestAsync(database, clock.GetUtcNow());
        var details = new RequestDetails(database, new AuditLog(database, clock));

        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => details.ReadAsync(Clerk, id, Ct));

        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.AuditLog.CountAsync(Ct));
    }

    [Fact]
    public async Task ReadAsync_UnknownRequest_IsNullAndNotAudited()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var details = new RequestDetails(database, new AuditLog(database, clock));

        Assert.Null(await details.ReadAsync(Coordinator, 999, Ct));
        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.AuditLog.CountAsync(Ct));
    }
}
