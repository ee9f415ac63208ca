using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace MobilnyUrzednik.Components;

/// <summary>
/// A bUnit context with the real localization, so tests read the same Polish words (ComponentText.resx)
/// a resident sees. The culture is pl-PL for the whole run (xunit.runner.json); a test that needs
/// another language switches it with <see cref="CultureScope"/>.
/// </summary>
public abstract class ComponentTestContext : BunitContext
{
    static ComponentTestContext()
    {
        // WaitFor* polls for the state a user would see; bUnit's one second is too short on a busy two-core CI machine
        // with PostgreSQL behind the page. A passing wait returns as soon as the state is there.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
    }

    protected ComponentTestContext()
    {
        Services.AddLocalization();
    }

    /// <summary>Text with runs of white space (from markup line breaks) read as one space, as a screen reader does.</summary>
    protected static string Words(string? text) =>
        string.Join(' ', (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
