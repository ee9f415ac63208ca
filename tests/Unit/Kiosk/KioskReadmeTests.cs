using System.Text.RegularExpressions;

namespace MobilnyUrzednik.Kiosk;

/// <summary>The set-up README gives the library: what a municipality copies onto the kiosk must print without a dialog.</summary>
public sealed partial class KioskReadmeTests
{
    // "Drukuj potwierdzenie" opened Chromium's print dialog on the kiosk: a person who cannot see it, or does not know
    // it, was stuck in it. --kiosk-printing prints straight to the default printer.
    [Fact]
    public void BrowserCommand_PrintsWithoutADialog()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MobilnyUrzednik.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var readme = File.ReadAllText(Path.Combine(directory.FullName, "README.md"));
        var command = BrowserCommand().Match(readme);
        Assert.True(command.Success, "README has no `chromium --kiosk …` command.");
        Assert.Contains(" --kiosk-printing ", command.Value, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"`chromium --kiosk[^`]*`")]
    private static partial Regex BrowserCommand();
}
