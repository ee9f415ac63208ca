using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// SMS through SMSAPI.pl's HTTP API (<see cref="SmsOptions"/>): <c>POST {BaseUrl}sms.do</c> with a bearer token and a
/// form. Every message carries its key as <c>idx</c> with <c>check_idx=1</c>, so the gateway refuses (error 53) a second
/// message with the same key for 24 hours: a retry after a crash or a lost answer never sends it twice. Error 53 is not
/// taken as delivery: the answer names no message, and the API has no look-up by idx that could confirm it (a restored
/// database may hold as waiting a message the gateway took before the restore, or never took), so it is
/// <see cref="DeliveryOutcome.Unconfirmed"/> and a person checks the gateway's panel.
/// A typed <see cref="HttpClient"/> without its own time-out: the caller's token is the time limit. Logs nothing.
/// </summary>
/// <remarks>
/// Error codes: <c>smsapi-NN</c> (the gateway's own error number: 11, 12, 13, 33 permanent, the rest transient),
/// <c>sms-auth</c> (HTTP 401/403: the token), <c>sms-http-NNN</c> (429, 5xx, other statuses without the gateway's error),
/// <c>sms-bad-answer</c> (not the JSON the API documents), <c>sms-connect</c> (no connection), <c>sms-settings</c>.
/// </remarks>
public sealed class SmsApiTransport(HttpClient http, IOptions<NotificationOptions> options) : IMessageTransport
{
    /// <summary>The error code of the gateway's answer "a message with this idx is already there" (SMSAPI error 53).</summary>
    public const string DuplicateError = "smsapi-53";

    /// <inheritdoc />
    public NotificationChannel Channel => NotificationChannel.Sms;

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sms = options.Value.Sms;
        if (string.IsNullOrWhiteSpace(sms.Token) || Endpoint(sms.BaseUrl) is not { } endpoint)
        {
            return DeliveryResult.Transient("sms-settings");
        }

        var fields = new List<KeyValuePair<string, string>>
        {
            // The API wants the international number without its '+': 48600100200.
            new("to", message.Recipient.Trim().TrimStart('+')),
            new("message", message.Body),
            new("encoding", "utf-8"),
            new("format", "json"),
            new("idx", message.Key),
            new("check_idx", "1"),
        };
        if (!string.IsNullOrWhiteSpace(sms.From))
        {
            fields.Add(new("from", sms.From));
        }

        if (sms.Normalize)
        {
            fields.Add(new("normalize", "1"));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sms.Token);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return Classify(response.StatusCode, body);
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
        catch (HttpRequestException)
        {
            // Refused, reset, DNS, TLS: nothing reached the gateway or its answer did not come back.
            return DeliveryResult.Transient("sms-connect");
        }
        catch (IOException)
        {
            return DeliveryResult.Transient("sms-connect");
        }
        catch (OperationCanceledException)
        {
            // Not our token: a time-out put on the client from outside. Still a gateway that did not answer.
            return DeliveryResult.Transient("sms-timeout");
        }
    }

    /// <summary>The send address from <see cref="SmsOptions.BaseUrl"/>, or null when that is not an http(s) address.</summary>
    internal static Uri? Endpoint(string? baseUrl)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
        {
            return null;
        }

        // "https://host/api" must mean ".../api/sms.do", not "https://host/sms.do".
        return new Uri(root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/"), "sms.do");
    }

    private static DeliveryResult Classify(HttpStatusCode status, string body)
    {
        var code = (int)status;
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return DeliveryResult.Transient("sms-auth");
        }

        if (status == HttpStatusCode.TooManyRequests || code >= 500)
        {
            return DeliveryResult.Transient($"sms-http-{code.ToString(CultureInfo.InvariantCulture)}");
        }

        // The API reports its own errors in the body, with 200 or a 4xx.
        JsonElement root;
        try
        {
            using var json = JsonDocument.Parse(body);
            root = json.RootElement.Clone();
        }
        catch (JsonException)
        {
            return code is >= 200 and < 300 ? DeliveryResult.Transient("sms-bad-answer") : Http(code);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return DeliveryResult.Transient("sms-bad-answer");
        }

        if (root.TryGetProperty("error", out var error))
        {
            return error.ValueKind == JsonValueKind.Number && error.TryGetInt32(out var number)
                ? GatewayError(number)
                : DeliveryResult.Transient("sms-bad-answer");
        }

        if (code is >= 200 and < 300
            && root.TryGetProperty("list", out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0
            && list[0].ValueKind == JsonValueKind.Object && list[0].TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            return DeliveryResult.Delivered(id.GetString());
        }

        return code is >= 200 and < 300 ? DeliveryResult.Transient("sms-bad-answer") : Http(code);
    }

    private static DeliveryResult Http(int code) => DeliveryResult.Transient($"sms-http-{code.ToString(CultureInfo.InvariantCulture)}");

    // SMSAPI's error numbers. Only the gateway's own text explains them, and that text may quote the number: it is never kept.
    private static DeliveryResult GatewayError(int number)
    {
        var code = $"smsapi-{number.ToString(CultureInfo.InvariantCulture)}";
        return number switch
        {
            // A message with this idx is already there — says the gateway, and nothing more. Not proof of delivery.
            53 => DeliveryResult.Unconfirmed(DuplicateError),

            // No valid number (13, 33) or a message the gateway will never take (11 empty or too long, 12 bad content).
            11 or 12 or 13 or 33 => DeliveryResult.Permanent(code),

            // 14 sender name, 101-103 token or points, 105 IP filter: the account's settings, fine for the message
            // itself once staff fix them. 8, 52, 200-202, 999 and anything unknown: the gateway's trouble. Both retry.
            _ => DeliveryResult.Transient(code),
        };
    }
}
