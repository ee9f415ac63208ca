using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.PublicSite.Staff;

namespace MobilnyUrzednik.Accessibility;

/// <summary>The staff area as a test meets it: the demo accounts of Development, signing in, authenticator codes.</summary>
public static class Staff
{
    public const string Password = DemoStaff.Password;

    /// <summary>A password every rule accepts, also outside Development (where the demo password is refused).</summary>
    public const string StrongPassword = "modra-kawa-pod-lipa";
    public const string Administrator = "admin@przykladowo.example.pl";
    public const string Coordinator = "koordynator@przykladowo.example.pl";
    public const string Clerk = "urzednik@przykladowo.example.pl";
    public const string OtherClerk = "urzedniczka@przykladowo.example.pl";
    public const string TitleSuffix = " – panel Mobilny Urzędnik";

    /// <summary>Signs in through the real form (by pointer) and waits for the panel's start page.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = Password)
    {
        await TypeCredentialsAsync(page, email, password);
        await Expect(page).ToHaveURLAsync(new Regex("/panel$"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Panel pracowników");
    }

    /// <summary>Opens the sign-in page, types the e-mail and password and presses "Zaloguj się".</summary>
    public static async Task TypeCredentialsAsync(IPage page, string email, string password, Uri? site = null)
    {
        await page.GotoAsync(site is null ? "/panel/logowanie" : new Uri(site, "/panel/logowanie").ToString());
        await FillCredentialsAsync(page, email, password);
    }

    /// <summary>On the sign-in page already open (e.g. "Sesja się skończyła" with its way back), types and sends the e-mail and password.</summary>
    public static async Task FillCredentialsAsync(IPage page, string email, string password, string? code = null)
    {
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Adres e-mail", Exact = true }).FillAsync(email);
        await page.GetByLabel("Hasło", new() { Exact = true }).FillAsync(password);
        if (code is not null)
        {
            await page.GetByLabel("Kod z aplikacji uwierzytelniającej").FillAsync(code);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Zaloguj się", Exact = true }).ClickAsync();
    }

    /// <summary>The current RFC 6238 code (30 s, 6 digits, HMAC-SHA1) for a base32 authenticator key, as an app shows it.</summary>
    public static string Totp(string base32Key, DateTimeOffset now)
    {
        var key = Base32(base32Key);
        var counter = now.ToUnixTimeSeconds() / 30;
        Span<byte> message = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(message, counter);
        var hash = HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", string.Empty, StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }

    /// <summary>Stores a request as the public form would (status Submitted) and returns its id.</summary>
    public static async Task<int> CreateRequestAsync(SiteFixture site, string residentName = "Janina Kowalczyk", string residentPhone = "+48600100200")
    {
        await using var db = site.OpenDatabase();
        var matter = await db.Matters.FirstAsync(s => s.Slug != "inna");
        var request = new VisitRequest
        {
            TrackingCode = TrackingCode.NewCode(),
            Channel = RequestChannel.Web,
            LivesInMunicipality = true,
            EligibilityReason = EligibilityReason.Age,
            MatterId = matter.Id,
            Description = "Potrzebny nowy dowód osobisty.",
            ResidentName = residentName,
            ResidentPhone = residentPhone,
            Street = "Główna 5 m. 3",
            PostalCode = "00-950",
            Town = "Przykładowo",
            ContactChannel = ContactChannel.PhoneCall,
        };
        request.RecordSubmission("mieszkaniec", DateTimeOffset.UtcNow);
        db.VisitRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }
}
