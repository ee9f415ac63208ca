using System.Text.RegularExpressions;
using Bunit;

namespace MobilnyUrzednik.Components.Layout;

// ACCESSIBILITY.md: G14 ("Potrzebujesz pomocy?" with phone, e-mail, office and sign language).
public partial class HelpBlockTests : ComponentTestContext
{
    private IRenderedComponent<HelpBlock> RenderHelp(string phone = "22 123 45 67", string? signLanguageHref = "/jezyk-migowy") =>
        Render<HelpBlock>(p => p
            .Add(x => x.Phone, phone)
            .Add(x => x.PhoneHours, "od poniedziałku do piątku, 7:30–15:30")
            .Add(x => x.Email, "mobilny.urzednik@przykladowo.example.pl")
            .Add(x => x.OfficeAddress, "ul. Główna 1, 00-950 Przykładowo")
            .Add(x => x.SignLanguageHref, signLanguageHref));

    [Fact]
    public void HelpBlock_Rendered_HeadingPotrzebujeszPomocy()
    {
        var cut = RenderHelp();

        var heading = cut.Find("aside h2");
        Assert.Equal("Potrzebujesz pomocy?", Words(heading.TextContent));
        Assert.Equal(heading.Id, cut.Find("aside").GetAttribute("aria-labelledby"));
    }

    [Fact]
    public void HelpBlock_Phone_CallableLinkWithCountryCodeAndDigitsOnly()
    {
        var cut = RenderHelp();

        var tel = cut.Find("a[href^='tel:']");
        Assert.Equal("tel:+48221234567", tel.GetAttribute("href"));
        Assert.Equal("22 123 45 67", tel.TextContent);
        Assert.Contains("od poniedziałku do piątku, 7:30–15:30", cut.Find("aside").TextContent, StringComparison.Ordinal);
    }

    // The library kiosk: nothing there can dial or write, so a tel:/mailto: link would open nothing (or a dialog).
    [Fact]
    public void HelpBlock_WithoutLinks_PhoneAndEmailAreText()
    {
        var cut = Render<HelpBlock>(p => p
            .Add(x => x.Phone, "22 123 45 67")
            .Add(x => x.PhoneHours, "od poniedziałku do piątku, 7:30–15:30")
            .Add(x => x.Email, "mobilny.urzednik@przykladowo.example.pl")
            .Add(x => x.OfficeAddress, "ul. Główna 1, 00-950 Przykładowo")
            .Add(x => x.SignLanguageHref, null)
            .Add(x => x.Links, false));

        Assert.Empty(cut.FindAll("a"));
        var text = cut.Find("aside").TextContent;
        Assert.Contains("22 123 45 67", text, StringComparison.Ordinal);
        Assert.Contains("mobilny.urzednik@przykladowo.example.pl", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("22 123 45 67")]
    [InlineData("(22) 123-45-67")]
    [InlineData("022 123 45 67")]
    [InlineData("+48 22 123 45 67")]
    [InlineData("0048 22 123 45 67")]
    public void HelpBlock_PhoneAsPeopleWriteIt_DialsTheSameNumber(string phone)
    {
        var cut = RenderHelp(phone);

        var href = cut.Find("a[href^='tel:']").GetAttribute("href");
        Assert.Matches(TelHref(), href);
        Assert.Equal("tel:+48221234567", href);
    }

    [Fact]
    public void HelpBlock_Email_MailtoLink()
    {
        var cut = RenderHelp();

        var mail = cut.Find("a[href^='mailto:']");
        Assert.Equal("mailto:mobilny.urzednik@przykladowo.example.pl", mail.GetAttribute("href"));
        Assert.Equal("mobilny.urzednik@przykladowo.example.pl", mail.TextContent);
    }

    [Fact]
    public void HelpBlock_Office_AddressShown()
    {
        var cut = RenderHelp();

        Assert.Contains(
            cut.FindAll("aside li"),
            li => Words(li.TextContent) == "Przyjdź do urzędu: ul. Główna 1, 00-950 Przykładowo");
    }

    [Fact]
    public void HelpBlock_Default_LinksToSignLanguageHelp()
    {
        var cut = RenderHelp();

        var pjm = cut.Find("a[href='/jezyk-migowy']");
        Assert.Equal("Pomoc w polskim języku migowym (PJM)", Words(pjm.TextContent));
    }

    [Fact]
    public void HelpBlock_NoSignLanguagePage_NoDeadLink()
    {
        var cut = RenderHelp(signLanguageHref: null);

        Assert.Empty(cut.FindAll("a[href='/jezyk-migowy']"));
        Assert.Equal(2, cut.FindAll("aside a").Count);
    }

    [GeneratedRegex(@"^tel:\+48\d+$")]
    private static partial Regex TelHref();
}
