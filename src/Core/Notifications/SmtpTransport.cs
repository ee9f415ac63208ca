using System.Globalization;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// E-mail through an SMTP server (<see cref="SmtpOptions"/>), with MailKit. Each message goes over its own connection:
/// MailKit's client is not thread-safe while the sender works on several messages at once, and a fresh connection
/// never meets one the server has silently dropped. Logs nothing: what a fault was comes back in the error code.
/// </summary>
/// <remarks>
/// A message's <c>Message-ID</c> is made from its key, so a retry of a message the server had already taken (the
/// answer was lost) carries the same id and receivers can recognise the repeat.
/// Error codes: <c>smtp-4xx-451</c> (a refusal for now, with the server's code), <c>smtp-5xx-550</c> (a lasting refusal;
/// permanent when it is about the recipient's mailbox), <c>smtp-auth</c> (the server refused our user name or password,
/// or wants one: a setting for staff to fix, the message itself is fine), <c>smtp-connect</c>, <c>smtp-io</c>,
/// <c>smtp-tls</c>, <c>smtp-protocol</c>, <c>smtp-unsupported</c>, <c>smtp-settings</c> (transient), <c>smtp-bad-address</c> (permanent).
/// </remarks>
public sealed class SmtpTransport(IOptions<NotificationOptions> options) : IMessageTransport
{
    /// <inheritdoc />
    public NotificationChannel Channel => NotificationChannel.Email;

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Value.Smtp;

        // Checked at start-up; should the settings still be unusable, that is for staff to fix, not this message's fault.
        if (smtp.Host is not { Length: > 0 } host || smtp.From is null || !MailboxAddress.TryParse(smtp.From, out var from))
        {
            return DeliveryResult.Transient("smtp-settings");
        }

        if (!MailboxAddress.TryParse(message.Recipient, out var to))
        {
            // No retry will make the address valid.
            return DeliveryResult.Permanent("smtp-bad-address");
        }

        var mime = Compose(message, from, to);

        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(host, smtp.Port, Security(smtp.Security), ct);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, ct);
            }

            // Once the server has said 250 to the message it is delivered, whatever happens to the goodbye below.
            await client.SendAsync(mime, ct);
            return DeliveryResult.Delivered();
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // However the cut-off showed itself inside MailKit (a cancelled read, a closed socket), the caller asked
            // for it: the interface's contract is an OperationCanceledException.
            throw new OperationCanceledException(ct);
        }
        catch (SmtpCommandException e)
        {
            return Classify(e);
        }
        catch (Exception e) when (e is AuthenticationException or ServiceNotAuthenticatedException)
        {
            // Our login was refused, or the server wants one the settings do not give (530 at MAIL FROM).
            return DeliveryResult.Transient("smtp-auth");
        }
        catch (SslHandshakeException)
        {
            return DeliveryResult.Transient("smtp-tls");
        }
        catch (SocketException)
        {
            return DeliveryResult.Transient("smtp-connect");
        }
        catch (IOException)
        {
            return DeliveryResult.Transient("smtp-io");
        }
        catch (ProtocolException)
        {
            return DeliveryResult.Transient("smtp-protocol");
        }
        catch (ServiceNotConnectedException)
        {
            return DeliveryResult.Transient("smtp-io");
        }
        catch (NotSupportedException)
        {
            // MailKit's word for "the server cannot do what the settings ask" (no STARTTLS, no AUTH).
            return DeliveryResult.Transient("smtp-unsupported");
        }
        finally
        {
            if (client.IsConnected)
            {
                // Say goodbye (QUIT), but never wait long on a server that has stopped answering, and not at all after
                // the caller's cut-off: then the connection is just closed.
                try
                {
                    using var goodbye = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await client.DisconnectAsync(quit: !ct.IsCancellationRequested, goodbye.Token);
                }
                catch (Exception e) when (e is IOException or SocketException or ProtocolException or CommandException or TimeoutException or OperationCanceledException)
                {
                    // The message's outcome is already decided; a failed goodbye changes nothing.
                }
            }
        }
    }

    /// <summary>The e-mail as it goes out.</summary>
    private static MimeMessage Compose(OutgoingMessage message, MailboxAddress from, MailboxAddress to)
    {
        var mime = new MimeMessage();
        mime.From.Add(from);
        mime.To.Add(to);
        mime.Subject = message.Subject ?? string.Empty;
        mime.MessageId = $"{message.Key}@{from.Domain}";
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        if (!string.IsNullOrEmpty(message.StopUrl))
        {
            // RFC 8058 one-click: the stop link answers a POST without asking anything more.
            mime.Headers.Add("List-Unsubscribe", $"<{message.StopUrl}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        var body = new TextPart("plain");
        body.SetText(Encoding.UTF8, message.Body);
        mime.Body = body;
        return mime;
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    private static DeliveryResult Classify(SmtpCommandException e)
    {
        var code = (int)e.StatusCode;
        var text = code.ToString(CultureInfo.InvariantCulture);
        if (code is >= 400 and < 500)
        {
            return DeliveryResult.Transient($"smtp-4xx-{text}");
        }

        // 530 at MAIL FROM: the server wants a login the settings do not give.
        if (code == 530)
        {
            return DeliveryResult.Transient("smtp-auth");
        }

        // Only a refusal of the recipient's mailbox is about this one message; any other lasting refusal (our sender
        // address, relaying, the content filter) is for staff to look at, and is retried until they do.
        if (e.ErrorCode == SmtpErrorCode.RecipientNotAccepted && code is 550 or 551 or 553 or 501)
        {
            return DeliveryResult.Permanent($"smtp-5xx-{text}");
        }

        return DeliveryResult.Transient(code >= 500 ? $"smtp-5xx-{text}" : $"smtp-{text}");
    }
}
