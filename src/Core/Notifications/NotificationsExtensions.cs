using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>Registers notifications: the outbox for both apps, the sending and the day-before job for the public site.</summary>
public static class NotificationsExtensions
{
    /// <summary>What both apps need: the options and the outbox that changes write their messages to.</summary>
    public static IHostApplicationBuilder AddNotificationOutbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotificationOptions>()
            .Bind(builder.Configuration.GetSection(NotificationOptions.Section))
            .Validate(o => Uri.TryCreate(o.PublicSiteUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "Notifications:PublicSiteUrl must be the public site's full address, e.g. https://mobilny.przykladowo.pl.")
            .Validate(o => o.PollSeconds > 0 && o.RetryDelaySeconds > 0 && o.MaxRetryDelaySeconds >= o.RetryDelaySeconds,
                "Notifications:PollSeconds and RetryDelaySeconds must be positive, MaxRetryDelaySeconds at least RetryDelaySeconds.")
            .Validate(o => o.MaxAttempts >= 1 && o.LeaseSeconds > o.SendTimeoutSeconds && o.SendTimeoutSeconds > 0,
                "Notifications:MaxAttempts must be at least 1, and LeaseSeconds longer than SendTimeoutSeconds.")
            .Validate(o => o.DayBeforeFrom < o.DayBeforeUntil, "Notifications:DayBeforeFrom must be earlier than DayBeforeUntil.")
            .Validate(o => o.DayBeforeCheckSeconds >= 1, "Notifications:DayBeforeCheckSeconds must be at least 1.")
            .Validate(o => o.MessageRetentionDays >= 1, "Notifications:MessageRetentionDays must be at least 1.")
            .Validate(o => o.FollowerSignUpsPerAddressPerDay >= 1 && o.FollowerConfirmationHours > 0 && o.FollowerFormDigitsAfterMinutes >= 0,
                "Notifications:FollowerSignUpsPerAddressPerDay must be at least 1, FollowerConfirmationHours more than 0 and FollowerFormDigitsAfterMinutes not negative.")
            .Validate(o => o.Smtp.Port is >= 1 and <= 65535,
                "Notifications:Smtp:Port must be the mail server's port, a number from 1 to 65535: usually 587 with StartTls, 465 with SslOnConnect.")
            .Validate(o => !o.Smtp.IsConfigured || MailboxAddress.TryParse(o.Smtp.From, out _),
                "Notifications:Smtp:From must be the sender's e-mail address, optionally with a name, e.g. Mobilny Urzędnik <mobilny@przykladowo.pl>.")
            .Validate(o => SmsApiTransport.Endpoint(o.Sms.BaseUrl) is not null,
                "Notifications:Sms:BaseUrl must be the SMS gateway's full address starting with https://, e.g. https://api.smsapi.pl/.")
            .ValidateOnStart();
        builder.Services.AddSingleton<NotificationOutbox>();
        builder.Services.AddSingleton<Subscriptions>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<CallList>();
        return builder;
    }

    /// <summary>
    /// The public site sends: the outbox worker with the gateways that are configured (none: every message waits on
    /// the staff's call list) and the day-before job.
    /// </summary>
    public static IHostApplicationBuilder AddNotificationSending(this IHostApplicationBuilder builder)
    {
        // Read here rather than from IOptions: whether a gateway exists at all decides what is registered.
        var configured = builder.Configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new();
        if (configured.Smtp.IsConfigured)
        {
            builder.Services.AddSingleton<IMessageTransport, SmtpTransport>();
        }

        if (configured.Sms.IsConfigured)
        {
            // No client time-out: the sender's token is the limit of one attempt. The sender keeps its transports for
            // the app's life, so the pooled connections are renewed now and then (a changed DNS entry is seen).
            builder.Services.AddHttpClient<SmsApiTransport>(http => http.Timeout = Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
            builder.Services.AddTransient<IMessageTransport>(sp => sp.GetRequiredService<SmsApiTransport>());
        }

        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddSingleton<DayBeforeNotices>();
        builder.AddJobLeader();
        builder.Services.AddHostedService<OutboxWorker>();
        builder.Services.AddHostedService<DayBeforeWorker>();
        builder.Services.AddHostedService<OutboxListener>();
        builder.AddOutboxGauges();
        return builder;
    }

    /// <summary>
    /// Wakes this process's outbox worker after a save that queued messages, and on PostgreSQL every node's
    /// (<c>NOTIFY</c>, which PostgreSQL delivers when the transaction commits; <see cref="OutboxListener"/> hears it).
    /// </summary>
    public sealed class SignalInterceptor(OutboxSignal signal) : SaveChangesInterceptor
    {
        public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (Wake(eventData.Context) is { } db)
            {
                try
                {
                    await db.Database.ExecuteSqlRawAsync("NOTIFY " + OutboxListener.Channel, CancellationToken.None);
                }
                catch (System.Data.Common.DbException)
                {
                    // Saved all the same: the other nodes find the message at their next poll.
                }
            }

            return result;
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            if (Wake(eventData.Context) is { } db)
            {
                try
                {
                    db.Database.ExecuteSqlRaw("NOTIFY " + OutboxListener.Channel);
                }
                catch (System.Data.Common.DbException)
                {
                    // Saved all the same: the other nodes find the message at their next poll.
                }
            }

            return result;
        }

        // Wakes this process; returns the context when other nodes are to be told too (PostgreSQL).
        private DbContext? Wake(DbContext? context)
        {
            // After a save every entry is Unchanged; a message saved just now has no send attempt yet.
            if (context?.ChangeTracker.Entries<OutboxMessage>().Any(e => e.Entity.Attempts == 0 && e.Entity.State == OutboxState.Pending) != true)
            {
                return null;
            }

            signal.Notify();
            return context.Database.IsNpgsql() ? context : null;
        }
    }
}
