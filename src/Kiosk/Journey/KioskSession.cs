using MobilnyUrzednik.Components.Forms;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Kiosk.Journey;

/// <summary>One part of what a screen says aloud; personal parts (name, address, phone…) only go to the headset.</summary>
/// <param name="Text">Plain Polish text.</param>
/// <param name="Personal">True for what the person typed about themselves or someone else.</param>
public sealed record SpeechPart(string Text, bool Personal = false);

/// <summary>What the confirmation screen may show: the code and the matter, which kiosk made it, and how the office
/// will get in touch (the <see cref="ContactChannel"/> chosen, by name; not the number or address).</summary>
public sealed record KioskReceipt(int RequestId, string TrackingCode, string MatterName, string DeviceId, DateTimeOffset SentAt, string? ContactChannel = null);

/// <summary>
/// Everything one person at the kiosk has done, held in their Blazor circuit only (a scoped matter): never in the
/// browser, never in the draft table. <see cref="Reset"/> wipes it for the next person.
/// </summary>
public sealed class KioskSession : IDisposable
{
    /// <summary>The text size steps (root font size); the first is the kiosk's default.</summary>
    public static readonly IReadOnlyList<string> TextSizes = ["125%", "150%", "175%", "200%"];

    private readonly KioskSessions _registry;

    public KioskSession(KioskSessions registry)
    {
        _registry = registry;
        registry.Add(this);
        Reset();
    }

    /// <summary>The answers so far, as typed.</summary>
    public RequestAnswers Answers { get; private set; } = new();

    /// <summary>The screen shown in the journey (one of <see cref="JourneyOrder.Kiosk"/>), or null for the check screen.</summary>
    public JourneyPage? Screen { get; set; }

    /// <summary>True when the screen was opened by "Zmień" on the check screen ("Dalej" goes back there).</summary>
    public bool Changing { get; set; }

    /// <summary>Set when an eligibility answer means the matter cannot help.</summary>
    public Ineligibility Ineligible { get; set; }

    /// <summary>The errors of the last "Dalej", shown on the current screen.</summary>
    public IReadOnlyList<FieldError> Errors { get; set; } = [];

    /// <summary>The idempotency key of this journey: "Wyślij" pressed twice makes one request.</summary>
    public string SubmissionKey { get; private set; } = string.Empty;

    /// <summary>True once "Zacznij zgłoszenie" was pressed.</summary>
    public bool JourneyStarted { get; private set; }

    /// <summary>The request sent from this circuit, if any.</summary>
    public KioskReceipt? Receipt { get; set; }

    /// <summary>Index into <see cref="TextSizes"/>.</summary>
    public int TextSize { get; set; }

    public bool HighContrast { get; set; }

    /// <summary>The person chose the headset: personal data may be read aloud.</summary>
    public bool Headset { get; set; }

    /// <summary>Non-visual mode: every screen is read on arrival and the keys are explained.</summary>
    public bool NonVisual { get; set; }

    /// <summary>What "Przeczytaj na głos" reads on the current screen.</summary>
    public IReadOnlyList<SpeechPart> Speech { get; set; } = [];

    /// <summary>Set by a screen whose speech depends on what is typed now (rebuilt before reading).</summary>
    public Action? RefreshSpeech { get; set; }

    /// <summary>What the current screen says, as it is at this moment.</summary>
    public IReadOnlyList<SpeechPart> CurrentSpeech()
    {
        RefreshSpeech?.Invoke();
        return Speech;
    }

    /// <summary>Raised when the display settings change (the layout applies them).</summary>
    public event Action? Changed;

    /// <summary>True while anything a person entered or chose is held.</summary>
    public bool HoldsPersonalState =>
        JourneyStarted || Receipt is not null || Headset || NonVisual || HighContrast || TextSize != 0;

    /// <summary>Starts a new journey with a fresh submission key.</summary>
    public void StartJourney()
    {
        Answers = new RequestAnswers();
        Screen = JourneyOrder.Kiosk.First;
        Changing = false;
        Ineligible = Ineligibility.None;
        Errors = [];
        SubmissionKey = "kiosk-" + Guid.NewGuid().ToString("N");
        Receipt = null;
        JourneyStarted = true;
    }

    /// <summary>The request is sent: the answers are dropped at once, only the receipt (code and matter) stays.</summary>
    public void CompleteJourney(KioskReceipt receipt)
    {
        Answers = new RequestAnswers();
        Errors = [];
        Changing = false;
        JourneyStarted = false;
        Receipt = receipt;
    }

    /// <summary>
    /// Back to the start screen within the same visit ("Wróć do początku"): the answers go, the person's screen settings
    /// (non-visual mode, headset, text size, contrast) stay, since the same person is still at the kiosk (K07).
    /// </summary>
    public void Restart()
    {
        Answers = new RequestAnswers();
        Screen = JourneyOrder.Kiosk.First;
        Changing = false;
        Ineligible = Ineligibility.None;
        Errors = [];
        SubmissionKey = string.Empty;
        JourneyStarted = false;
        Receipt = null;
        Speech = [];
    }

    /// <summary>Forgets everything: answers, receipt, settings, speech.</summary>
    public void Reset()
    {
        Answers = new RequestAnswers();
        Screen = JourneyOrder.Kiosk.First;
        Changing = false;
        Ineligible = Ineligibility.None;
        Errors = [];
        SubmissionKey = string.Empty;
        JourneyStarted = false;
        Receipt = null;
        TextSize = 0;
        HighContrast = false;
        Headset = false;
        NonVisual = false;
        Speech = [];
        Changed?.Invoke();
    }

    /// <summary>Tells the layout the display settings changed.</summary>
    public void NotifyChanged() => Changed?.Invoke();

    public void Dispose()
    {
        Answers = new RequestAnswers();
        Receipt = null;
        _registry.Remove(this);
    }
}

/// <summary>
/// The kiosk sessions alive in this process (one per circuit). Kept so the app can tell, e.g. in a test or a health
/// check, that no circuit still holds a previous person's answers after the idle wipe.
/// </summary>
public sealed class KioskSessions
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<KioskSession, byte> _live = new();

    public IReadOnlyCollection<KioskSession> Live => [.. _live.Keys];

    internal void Add(KioskSession session) => _live.TryAdd(session, 0);

    internal void Remove(KioskSession session) => _live.TryRemove(session, out _);
}
