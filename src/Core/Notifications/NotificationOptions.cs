namespace MobilnyUrzednik.Core.Notifications;

/// <summary>Settings of section <c>Notifications</c>.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The public site's address, for the status and stop links in messages.</summary>
    public string PublicSiteUrl { get; set; } = "http://localhost:5080";

    /// <summary>How often the sender looks for due messages when nothing wakes it, in seconds.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>The wait after the first failed attempt, in seconds; it doubles with each failure up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    public double RetryDelaySeconds { get; set; } = 30;

    public double MaxRetryDelaySeconds { get; set; } = 3600;

    /// <summary>Attempts before a message goes to the staff's call list as failed.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>How long a sender holds a claimed message before another may take it (after a crash), in seconds.</summary>
    public double LeaseSeconds { get; set; } = 120;

    /// <summary>The longest one attempt may take, in seconds.</summary>
    public double SendTimeoutSeconds { get; set; } = 30;

    /// <summary>The day-before notices go out from this Warsaw time on the working day before the visit…</summary>
    public TimeOnly DayBeforeFrom { get; set; } = new(9, 0);

    /// <summary>…until this time (no messages late in the evening).</summary>
    public TimeOnly DayBeforeUntil { get; set; } = new(20, 0);

    /// <summary>How often the node that runs the periodic jobs looks for day-before notices due, in seconds (default
    /// 300: a visit booked for tomorrow gets its notice within five minutes).</summary>
    public double DayBeforeCheckSeconds { get; set; } = 300;

    /// <summary>
    /// How many people may sign one phone number or e-mail address up as a follower in 24 hours, over all requests
    /// together: each sign-up sends that address one message, so a stranger cannot flood someone's phone.
    /// </summary>
    public int FollowerSignUpsPerAddressPerDay { get; set; } = 3;

    /// <summary>How long the link in a new follower's confirmation message works, in hours; unconfirmed, the sign-up lapses.</summary>
    public double FollowerConfirmationHours { get; set; } = 72;

    /// <summary>
    /// The confirmation page's "Wiadomości o zmianach" form asks for the last four digits of the request's phone once the
    /// request is older than this many minutes (the page may be open on a shared computer long after its sender left).
    /// </summary>
    public double FollowerFormDigitsAfterMinutes { get; set; } = 10;

    /// <summary>Sent messages keep their recipient and text this many days, then only that they were sent.</summary>
    public int MessageRetentionDays { get; set; } = 30;

    /// <summary>In Development, a copy of every message not sent by a gateway is written here as a text file (relative
    /// to the app's folder). Empty: none.</summary>
    public string? DevelopmentFolder { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    public SmsOptions Sms { get; set; } = new();
}

/// <summary>E-mail over SMTP (section <c>Notifications:Smtp</c>); e-mail is on when <see cref="Host"/> is set.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (default), <c>SslOnConnect</c> or <c>None</c> (only for a relay on the same machine).</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Mobilny Urzędnik &lt;mobilny@przykladowo.pl&gt;</c>.</summary>
    public string? From { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}

public enum SmtpSecurity
{
    StartTls,
    SslOnConnect,
    None,
}

/// <summary>SMS through SMSAPI.pl's HTTP API (section <c>Notifications:Sms</c>); SMS is on when <see cref="Token"/> is set.</summary>
public sealed class SmsOptions
{
    /// <summary>The gateway's address; SMSAPI.pl by default (SMSAPI.com: <c>https://api.smsapi.com/</c>).</summary>
    public string BaseUrl { get; set; } = "https://api.smsapi.pl/";

    /// <summary>The OAuth token from the gateway's panel.</summary>
    public string? Token { get; set; }

    /// <summary>A sender name registered with the gateway (e.g. "UG Przyklad"); empty: the gateway's default.</summary>
    public string? From { get; set; }

    /// <summary>Replace Polish letters with plain ones so a message costs 160 characters a part rather than 70.</summary>
    public bool Normalize { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Token);
}
