extern alias kiosk;

using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using MobilnyUrzednik.Components;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.PublicSite.Components.Pages.Info;
using MobilnyUrzednik.PublicSite.Components.Pages.Notifications;
using MobilnyUrzednik.PublicSite.Components.Pages.Requests;
using MobilnyUrzednik.PublicSite.Components.Shared;
using KioskText = kiosk::MobilnyUrzednik.Kiosk.Components.KioskText;

namespace MobilnyUrzednik.Localization;

/// <summary>
/// Every string a resident can meet — on the site, the kiosk, in a message or read aloud — has a value in Polish (the
/// neutral resources), English and Ukrainian, and each translation fills the same placeholders as the Polish text
/// (a missing one would throw when formatted, or show "{0}" to a resident). Staff pages stay Polish and are not listed.
/// </summary>
public partial class ResourceKeysTests
{
    public static TheoryData<string> ResidentResources => [.. Resources.Keys];

    private static readonly Dictionary<string, ResourceManager> Resources = new()
    {
        ["JourneyText"] = JourneyText.ResourceManager,
        ["StatusText"] = StatusText.ResourceManager,
        ["WebJourneyText"] = WebJourneyText.ResourceManager,
        ["SiteText"] = SiteText.ResourceManager,
        ["InfoText"] = InfoText.ResourceManager,
        ["SubscriptionText"] = SubscriptionText.ResourceManager,
        ["ComponentText"] = ComponentText.ResourceManager,
        ["KioskText"] = KioskText.ResourceManager,
        ["DictationMessages"] = Manager("MobilnyUrzednik.Core.Dictation.DictationMessages"),
        ["SubscriptionMessages"] = Manager("MobilnyUrzednik.Core.Notifications.SubscriptionMessages"),
        ["NotificationMessages"] = Manager("MobilnyUrzednik.Core.Notifications.NotificationMessages"),
    };

    [Theory]
    [MemberData(nameof(ResidentResources))]
    public void EveryKey_HasAValueInPolishEnglishAndUkrainian_WithThePolishPlaceholders(string name)
    {
        var manager = Resources[name];
        var polish = Strings(manager, CultureInfo.InvariantCulture);
        Assert.NotEmpty(polish);
        var problems = new List<string>();
        foreach (var language in new[] { "en", "uk" })
        {
            var translated = Strings(manager, CultureInfo.GetCultureInfo(language));
            foreach (var (key, text) in polish)
            {
                if (!translated.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
                {
                    problems.Add($"{name}.{key}: no {language} text");
                }
                else if (!Placeholders(value).IsSubsetOf(Placeholders(text).Union(Numbered(text))) || Placeholders(value).Count != Placeholders(text).Count)
                {
                    problems.Add($"{name}.{key} ({language}): placeholders {string.Join(' ', Placeholders(value))}, Polish has {string.Join(' ', Placeholders(text))}");
                }
            }

            problems.AddRange(translated.Keys.Except(polish.Keys).Select(k => $"{name}.{k}: {language} text for a key Polish does not have"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void ResolvedThroughTheCurrentCulture_EachLanguageReadsItsOwnWords()
    {
        foreach (var (culture, expected) in new[] { ("pl-PL", "Dla kogo jest ta wizyta?"), ("en-GB", "Who is this visit for?"), ("uk-UA", "Для кого цей візит?") })
        {
            using var scope = new CultureScope(culture);
            Assert.Equal(expected, JourneyText.ForWhomQuestion);
        }
    }

    private static ResourceManager Manager(string baseName) => new(baseName, typeof(JourneyText).Assembly);

    private static Dictionary<string, string> Strings(ResourceManager manager, CultureInfo culture)
    {
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.True(set is not null, $"No resources for {culture.Name}.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string ?? string.Empty);
    }

    // "{0}" in string.Format texts, "{numer}" in message templates. A translation fills as many as the Polish text, and may
    // use another argument in place of one (Polish writes the municipality in the locative, {0}; English and Ukrainian use
    // its name, {1}).
    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    private static HashSet<string> Numbered(string text) =>
        Placeholders(text).Any(p => char.IsAsciiDigit(p[1])) ? ["{0}", "{1}", "{2}"] : [];

    [GeneratedRegex(@"\{[0-9a-z]+\}")]
    private static partial Regex Placeholder();
}
