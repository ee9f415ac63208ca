using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>A gateway is registered exactly when its settings are there; bad settings stop the start with a message for operators.</summary>
public sealed class NotificationGatewayRegistrationTests
{
    private static readonly Dictionary<string, string?> Smtp = new()
    {
        ["Notifications:Smtp:Host"] = "smtp.przykladowo.pl",
        ["Notifications:Smtp:From"] = "Mobilny Urzędnik <mobilny@przykladowo.pl>",
    };

    private static readonly Dictionary<string, string?> Sms = new() { ["Notifications:Sms:Token"] = "token" };

    [Fact]
    public void Sending_WithNoGatewayConfigured_RegistersNoTransport()
    {
        using var host = Build([]);

        Assert.Empty(host.Services.GetServices<IMessageTransport>());
    }

    [Fact]
    public void Sending_WithSmtpOnly_RegistersTheEmailTransport()
    {
        using var host = Build(Smtp);

        var transport = Assert.Single(host.Services.GetServices<IMessageTransport>());
        Assert.IsType<SmtpTransport>(transport);
        Assert.Equal(NotificationChannel.Email, transport.Channel);
    }

    [Fact]
    public void Sending_WithSmsOnly_RegistersTheSmsTransport()
    {
        using var host = Build(Sms);

        var transport = Assert.Single(host.Services.GetServices<IMessageTransport>());
        Assert.IsType<SmsApiTransport>(transport);
        Assert.Equal(NotificationChannel.Sms, transport.Channel);
    }

    [Fact]
    public void Sending_WithBoth_RegistersOneTransportPerChannel()
    {
        using var host = Build(Smtp.Concat(Sms).ToDictionary());

        Assert.Equal(
            [NotificationChannel.Email, NotificationChannel.Sms],
            host.Services.GetServices<IMessageTransport>().Select(t => t.Channel).Order());
    }

    [Fact]
    public void Sending_SmtpHostWithoutSender_IsNotConfigured()
    {
        using var host = Build(new() { ["Notifications:Smtp:Host"] = "smtp.przykladowo.pl" });

        Assert.Empty(host.Services.GetServices<IMessageTransport>());
    }

    [Theory]
    [InlineData("Notifications:Smtp:Port", "0", "Notifications:Smtp:Port must be the mail server's port")]
    [InlineData("Notifications:Smtp:Port", "70000", "Notifications:Smtp:Port must be the mail server's port")]
    [InlineData("Notifications:Sms:BaseUrl", "api.smsapi.pl", "Notifications:Sms:BaseUrl must be the SMS gateway's full address")]
    [InlineData("Notifications:Sms:BaseUrl", "ftp://api.smsapi.pl/", "Notifications:Sms:BaseUrl must be the SMS gateway's full address")]
    [InlineData("Notifications:Smtp:From", "mobilny(at)przykladowo", "Notifications:Smtp:From must be the sender's e-mail address")]
    public void Options_WithABadGatewaySetting_FailWithAMessageNamingIt(string key, string value, string message)
    {
        var settings = Smtp.Concat(Sms).ToDictionary();
        settings[key] = value;
        using var host = Build(settings);

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<NotificationOptions>>().Value);

        Assert.Contains(failure.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_WithGoodGatewaySettings_Pass()
    {
        using var host = Build(Smtp.Concat(Sms).ToDictionary());

        var options = host.Services.GetRequiredService<IOptions<NotificationOptions>>().Value;

        Assert.True(options.Smtp.IsConfigured && options.Sms.IsConfigured);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddNotificationOutbox();
        builder.AddNotificationSending();
        return builder.Build();
    }
}
