using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Municipalities;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Data;

/// <summary>The one database of the service: both apps share it, staff accounts (Identity) included.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    public DbSet<MunicipalitySettings> Municipalities => Set<MunicipalitySettings>();
    public DbSet<Matter> Matters => Set<Matter>();
    public DbSet<VisitRequest> VisitRequests => Set<VisitRequest>();
    public DbSet<RequestHistoryEntry> RequestHistory => Set<RequestHistoryEntry>();
    public DbSet<RequestDraft> RequestDrafts => Set<RequestDraft>();
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<ClerkWorkingHours> ClerkWorkingHours => Set<ClerkWorkingHours>();
    public DbSet<ClerkAbsence> ClerkAbsences => Set<ClerkAbsence>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<NotificationSubscription> Subscriptions => Set<NotificationSubscription>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();

    /// <summary>The data-protection key ring (sign-in and device cookies survive restarts and are shared by nodes).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<SignInLimit> SignInLimits => Set<SignInLimit>();

    /// <summary>The public limits shared by the nodes on PostgreSQL (<see cref="Security.SharedLimits"/>).</summary>
    public DbSet<Security.PublicLimit> PublicLimits => Set<Security.PublicLimit>();
    public DbSet<Security.StatusLookupCode> StatusLookupCodes => Set<Security.StatusLookupCode>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<StaffUser>(e => e.Property(u => u.DisplayName).HasMaxLength(100));

        modelBuilder.Entity<StaffSession>(e =>
        {
            e.Property(s => s.Id).HasMaxLength(64);
            e.Property(s => s.UserId).HasMaxLength(450);
            e.HasIndex(s => s.UserId);
            e.HasIndex(s => s.StartedAt);
        });

        modelBuilder.Entity<SignInLimit>(e =>
        {
            e.HasKey(l => l.Key);
            e.Property(l => l.Key).HasMaxLength(80);
            e.Property(l => l.Failures).IsConcurrencyToken();
        });

        modelBuilder.Entity<Security.PublicLimit>(e =>
        {
            e.HasKey(l => l.Key);
            e.Property(l => l.Key).HasMaxLength(64);
            e.HasIndex(l => l.WindowStart);
        });

        modelBuilder.Entity<Security.StatusLookupCode>(e =>
        {
            e.HasKey(c => c.Key);
            e.Property(c => c.Key).HasMaxLength(64);
            e.HasIndex(c => c.LastFailure);
        });

        modelBuilder.Entity<Visit>(e =>
        {
            e.Property(v => v.State).HasConversion<string>().HasMaxLength(20);
            e.Property(v => v.BookedBy).HasMaxLength(200);
            e.Property(v => v.ConfirmedBy).HasMaxLength(200);
            e.Property(v => v.DoorWord).HasMaxLength(40);
            e.HasOne(v => v.Request).WithMany(r => r.Visits).HasForeignKey(v => v.VisitRequestId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(v => v.Clerk).WithMany().HasForeignKey(v => v.ClerkId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(v => new { v.ClerkId, v.Date });
            e.HasIndex(v => new { v.Date, v.State });
            e.Ignore(v => v.IsActive);
            e.Ignore(v => v.SeriesKey);
            e.HasIndex(v => v.SeriesId);
            e.Property(v => v.OutcomeBy).HasMaxLength(200);
            e.Property(v => v.OutcomeKey).HasMaxLength(64);
            e.HasIndex(v => v.OutcomeKey).IsUnique();
            e.Property(v => v.OutcomeChannel).HasConversion<string>().HasMaxLength(20);
            e.Property(v => v.OutcomeReference).HasMaxLength(100);
            e.Property(v => v.NotHeldReason).HasConversion<string>().HasMaxLength(20);
            e.Property(v => v.NextStep).HasConversion<string>().HasMaxLength(20);
            e.Property(v => v.OutcomeNote).HasMaxLength(2000);
        });

        modelBuilder.Entity<CalendarFeed>(e =>
        {
            e.Property(f => f.TokenHash).HasMaxLength(64);
            e.HasIndex(f => f.TokenHash).IsUnique();
            e.HasIndex(f => f.ClerkId).IsUnique();
            e.HasOne<StaffUser>().WithMany().HasForeignKey(f => f.ClerkId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("Outbox");
            e.HasIndex(m => m.Key).IsUnique();
            e.Property(m => m.Key).HasMaxLength(100);
            e.HasIndex(m => m.DedupeKey).IsUnique();
            e.Property(m => m.DedupeKey).HasMaxLength(100);
            e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(m => m.Channel).HasConversion<string>().HasMaxLength(10);
            e.Property(m => m.State).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.Recipient).HasMaxLength(RequestJourney.EmailMaxLength);
            e.Property(m => m.Subject).HasMaxLength(300);
            e.Property(m => m.Body).HasMaxLength(4000);
            e.Property(m => m.ProviderId).HasMaxLength(100);
            e.Property(m => m.LastError).HasMaxLength(200);
            e.Property(m => m.HandedOverBy).HasMaxLength(200);
            e.HasIndex(m => new { m.State, m.NextAttemptAt });
            e.HasIndex(m => m.VisitRequestId);
            e.HasOne(m => m.Request).WithMany().HasForeignKey(m => m.VisitRequestId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(m => m.Subscription).WithMany().HasForeignKey(m => m.SubscriptionId).OnDelete(DeleteBehavior.SetNull);
        });

        modelBuilder.Entity<NotificationSubscription>(e =>
        {
            e.HasIndex(s => s.Token).IsUnique();
            e.Property(s => s.Token).HasMaxLength(32);
            e.HasIndex(s => s.RemovalToken).IsUnique();
            e.HasIndex(s => s.SignUpKey).IsUnique();
            e.Property(s => s.SignUpKey).HasMaxLength(300);
            e.Property(s => s.RemovalToken).HasMaxLength(32);
            e.HasIndex(s => new { s.Address, s.CreatedAt });
            e.Property(s => s.Channel).HasConversion<string>().HasMaxLength(10);
            e.Property(s => s.Address).HasMaxLength(RequestJourney.EmailMaxLength);
            e.HasIndex(s => new { s.VisitRequestId, s.Channel, s.Address });
            e.HasOne(s => s.Request).WithMany(r => r.Subscriptions).HasForeignKey(s => s.VisitRequestId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(s => s.IsActive);
            e.Ignore(s => s.ReceivesNews);
        });

        modelBuilder.Entity<ClerkWorkingHours>(e =>
        {
            e.Property(w => w.Day).HasConversion<string>().HasMaxLength(10);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(w => w.ClerkId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(w => new { w.ClerkId, w.Day }).IsUnique();
        });

        modelBuilder.Entity<ClerkAbsence>(e =>
        {
            e.Property(a => a.Note).HasMaxLength(200);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(a => a.ClerkId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => new { a.ClerkId, a.From });
        });

        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.ActorId).HasMaxLength(450);
            e.Property(a => a.ActorName).HasMaxLength(200);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.Subject).HasMaxLength(100);
            e.Property(a => a.Detail).HasMaxLength(500);
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.Subject, a.At });
        });
        modelBuilder.Entity<MunicipalitySettings>(e =>
        {
            e.Property(m => m.Name).HasMaxLength(200);
            e.Property(m => m.NameLocative).HasMaxLength(200);
            e.Property(m => m.OfficeName).HasMaxLength(200);
            e.Property(m => m.OfficeAddress).HasMaxLength(300);
            e.Property(m => m.Phone).HasMaxLength(40);
            e.Property(m => m.Email).HasMaxLength(254);
            e.Property(m => m.PhoneHours).HasMaxLength(200);
            e.Property(m => m.CoordinatorName).HasMaxLength(200);
            e.Property(m => m.DataProtectionOfficerEmail).HasMaxLength(254);
            e.Property(m => m.AccessibilityContactName).HasMaxLength(200);
            e.Property(m => m.BuildingAccessibility).HasMaxLength(4000);
        });

        modelBuilder.Entity<Matter>(e =>
        {
            e.HasIndex(s => s.Slug).IsUnique();
            e.HasIndex(s => s.NameKey).IsUnique();
            e.Property(s => s.NameKey).HasMaxLength(200);
            e.Property(s => s.Slug).HasMaxLength(80);
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.Description).HasMaxLength(1000);
            e.HasMany(s => s.Checklist).WithOne().HasForeignKey(c => c.MatterId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ChecklistItem>(e => e.Property(c => c.Text).HasMaxLength(300));

        modelBuilder.Entity<VisitRequest>(e =>
        {
            e.HasIndex(r => r.TrackingCode).IsUnique();
            e.Property(r => r.Version).IsConcurrencyToken();
            e.HasIndex(r => r.SubmissionKey).IsUnique();
            e.HasIndex(r => new { r.Status, r.CreatedAt });
            e.HasIndex(r => r.CreatedAt);
            e.HasIndex(r => r.ResidentName);
            e.Property(r => r.ResidentNameSearch).HasMaxLength(RequestJourney.NameMaxLength * 4);
            e.Property(r => r.KioskId).HasMaxLength(64);
            e.Property(r => r.KioskLocation).HasMaxLength(200);
            e.Property(r => r.Language).HasMaxLength(8);
            e.Property(r => r.OutcomeChannel).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.OutcomeReference).HasMaxLength(100);
            e.Property(r => r.OutcomeNote).HasMaxLength(2000);
            e.Property(r => r.TrackingCode).HasMaxLength(TrackingCode.Length);
            e.Property(r => r.SubmissionKey).HasMaxLength(64);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
            e.Property(r => r.Channel).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.EligibilityReason).HasConversion<string>().HasMaxLength(30);
            e.Property(r => r.SubmitterRelation).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.ContactChannel).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.PartOfDay).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Description).HasMaxLength(RequestJourney.DescriptionMaxLength * 4);
            e.Property(r => r.ResidentName).HasMaxLength(RequestJourney.NameMaxLength * 4);
            e.Property(r => r.SubmitterName).HasMaxLength(RequestJourney.NameMaxLength * 4);
            e.Property(r => r.Street).HasMaxLength(RequestJourney.StreetMaxLength * 4);
            e.Property(r => r.Town).HasMaxLength(RequestJourney.TownMaxLength * 4);
            e.Property(r => r.PostalCode).HasMaxLength(6);
            e.Property(r => r.ResidentPhone).HasMaxLength(20);
            e.Property(r => r.SubmitterPhone).HasMaxLength(20);
            e.Property(r => r.ContactEmail).HasMaxLength(RequestJourney.EmailMaxLength);
            e.Property(r => r.AccessNotes).HasMaxLength(RequestJourney.AccessNotesMaxLength * 4);
            e.HasOne(r => r.Matter).WithMany().HasForeignKey(r => r.MatterId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.History).WithOne().HasForeignKey(h => h.VisitRequestId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(r => r.ContactPhone);
        });

        modelBuilder.Entity<RequestHistoryEntry>(e =>
        {
            e.Property(h => h.Status).HasConversion<string>().HasMaxLength(30);
            e.Property(h => h.Actor).HasMaxLength(200);
            e.Property(h => h.PublicNote).HasMaxLength(2000);
            e.HasIndex(h => new { h.VisitRequestId, h.At });
        });

        modelBuilder.Entity<RequestDraft>(e =>
        {
            e.HasKey(d => d.Key);
            e.Property(d => d.Key).HasMaxLength(64);
            e.HasIndex(d => d.UpdatedAt);
        });

        // Every instant is stored in UTC on both engines (Npgsql refuses other offsets; SQLite's binary form orders by
        // the clock ticks it is given, so mixed offsets would sort wrongly). SQLite cannot order or compare
        // DateTimeOffset natively, so there it is stored as a number.
        var toUtc = new ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
        ValueConverter converter = Database.IsSqlite() ? toUtc.ComposeWith(new DateTimeOffsetToBinaryConverter()) : toUtc;
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
            {
                property.SetValueConverter(converter);
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Keeps the search column in step; the history is the resident's and the office's record of what happened, and the audit log is the
    // office's record of who did and read what: both append-only.
    private void PrepareChanges()
    {
        foreach (var entry in ChangeTracker.Entries<VisitRequest>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            entry.Entity.ResidentNameSearch = entry.Entity.ResidentName.ToLowerInvariant();
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }

        foreach (var entry in ChangeTracker.Entries<Matter>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            entry.Entity.NameKey = MatterNames.Key(entry.Entity.Name);
        }

        if (ChangeTracker.Entries<RequestHistoryEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Request history is append-only.");
        }

        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only.");
        }
    }
}
