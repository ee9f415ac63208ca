using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MobilnyUrzednik.Core.Speech;
using MobilnyUrzednik.Kiosk.Components;

namespace MobilnyUrzednik.Kiosk.Journey;

/// <summary>
/// Reads a screen aloud through the browser's audio element (kiosk.js fetches the WAV from <c>/api/mowa</c>).
/// Personal parts are replaced by a notice unless the person chose the headset (EN 301 549 5.1.5 / K02).
/// </summary>
public sealed class KioskSpeaker(KioskSession session, IJSRuntime js, IStringLocalizer<KioskText> loc)
{
    /// <summary>Speaks the parts now (stopping whatever was playing).</summary>
    public async Task SpeakAsync(IEnumerable<SpeechPart> parts)
    {
        var chunks = Chunks(Compose(parts, session.Headset, loc["SpeechHidden"]), CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        if (chunks.Count == 0)
        {
            return;
        }

        try
        {
            // kiosk.js answers keys by itself in non-visual mode: it learns the mode and the headset before anything is
            // said, so the key pressed right after "Słuchawki włączone" is already echoed.
            await js.InvokeVoidAsync("muKiosk.voice", session.NonVisual, session.Headset, null);
            await js.InvokeVoidAsync("muKiosk.speak", chunks);
        }
        catch (JSDisconnectedException)
        {
        }
    }

    /// <summary>Reads the current screen.</summary>
    public Task SpeakScreenAsync() => SpeakAsync(session.CurrentSpeech());

    /// <summary>Called when a new screen is shown: in non-visual mode it is read at once.</summary>
    public Task ScreenShownAsync() => session.NonVisual ? SpeakScreenAsync() : Task.CompletedTask;

    /// <summary>The text to speak: personal parts only with the headset, else one notice in their place.</summary>
    public static string Compose(IEnumerable<SpeechPart> parts, bool headset, string hiddenNotice)
    {
        var text = new StringBuilder();
        var noticeGiven = false;
        foreach (var part in parts)
        {
            if (string.IsNullOrWhiteSpace(part.Text))
            {
                continue;
            }

            string piece;
            if (part.Personal && !headset)
            {
                if (noticeGiven)
                {
                    continue;
                }

                piece = hiddenNotice;
                noticeGiven = true;
            }
            else
            {
                piece = part.Text;
            }

            piece = piece.Trim();
            text.Append(piece);
            if (!piece.EndsWith('.') && !piece.EndsWith('?') && !piece.EndsWith(':') && !piece.EndsWith('!'))
            {
                text.Append('.');
            }

            text.Append(' ');
        }

        return text.ToString().Trim();
    }

    /// <summary>Splits text at sentence ends into pieces the speech endpoint accepts, dropping characters it cannot read.</summary>
    public static List<string> Chunks(string text, string language = "pl")
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            clean.Append(char.IsWhiteSpace(c) ? ' ' : SpeechText.Check(c.ToString(), language) is null ? c : ' ');
        }

        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var sentence in System.Text.RegularExpressions.Regex.Split(clean.ToString(), @"(?<=[.?!:])\s+"))
        {
            var s = sentence.Trim();
            while (s.Length > SpeechText.MaxLength)
            {
                var cut = s.LastIndexOf(' ', SpeechText.MaxLength - 1);
                cut = cut <= 0 ? SpeechText.MaxLength : cut;
                Flush();
                chunks.Add(s[..cut].Trim());
                s = s[cut..].Trim();
            }

            if (current.Length + s.Length + 1 > SpeechText.MaxLength)
            {
                Flush();
            }

            if (s.Length > 0)
            {
                current.Append(current.Length > 0 ? " " : string.Empty).Append(s);
            }
        }

        Flush();
        return chunks;

        void Flush()
        {
            if (current.Length > 0)
            {
                chunks.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
