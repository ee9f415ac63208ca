using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MobilnyUrzednik.Components.Forms;
using MobilnyUrzednik.Core.Common;

namespace MobilnyUrzednik.PublicSite.Components.Panel;

/// <summary>
/// Base of staff pages with forms: turns a command's problems into the error summary and the fields' messages
/// (the same words), and moves focus after a command as a post would: to the error summary when something is
/// wrong, to the confirmation when it was done.
/// </summary>
public abstract class PanelFormPage : PanelPage, IAsyncDisposable
{
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private IJSObjectReference? _module;
    private string? _focusSelector;

    // Renders begun (the first one happens without ShouldRender) and renders the browser has shown, in order.
    private int _rendersStarted = 1;
    private int _rendersDone;
    private int _focusFromRender;

    /// <summary>The problems shown now, in the order of the fields.</summary>
    protected IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>What was just done, for the confirmation line; null when nothing was.</summary>
    protected string? Saved { get; set; }

    protected string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.FieldId == field)?.Message;

    /// <summary>The words of one problem (the page's message resources).</summary>
    protected abstract string Message(AnswerError error);

    /// <summary>Shows a command's problems, or <paramref name="savedMessage"/> when there are none. True when it was done.</summary>
    protected bool Show(IReadOnlyList<AnswerError> problems, string savedMessage, Func<string, string>? fieldId = null)
    {
        if (problems.Count == 0)
        {
            Errors = [];
            Saved = savedMessage;
            FocusAfterRender("[data-panel-saved]");
            return true;
        }

        Saved = null;
        Errors = [.. problems.Select(e => new FieldError(fieldId?.Invoke(e.Field) ?? e.Field, Message(e)))];
        FocusAfterRender("[data-error-summary]");
        return false;
    }

    /// <summary>Shows a command's result: its problems, or <paramref name="savedMessage"/>. True when it was done.</summary>
    protected bool Show(CommandResult result, string savedMessage, Func<string, string>? fieldId = null) => Show(result.Errors, savedMessage, fieldId);

    protected void ClearMessages()
    {
        Errors = [];
        Saved = null;
    }

    /// <summary>Formats a resource with the problem's arguments in the page's culture ("1 000", as the public pages write it).</summary>
    protected static string Format(string template, AnswerError error) =>
        string.Format(CultureInfo.CurrentCulture, template, [.. error.Args.Select(a => a is int i ? i.ToString("N0", CultureInfo.CurrentCulture) : a)]);

    /// <summary>Moves focus to the first element matching <paramref name="selector"/> once the page has rendered.</summary>
    protected void FocusAfterRender(string selector)
    {
        _focusSelector = selector;

        // Only a render that starts from now on shows the change. On a live page the OnAfterRenderAsync of an earlier
        // render (the one at a command's first await) runs only once the browser has acknowledged that render, which
        // can be after the command finished: focusing then would look for the notice before it is on the page.
        _focusFromRender = _rendersStarted + 1;
    }

    protected override bool ShouldRender()
    {
        var render = base.ShouldRender();
        if (render)
        {
            _rendersStarted++;
        }

        return render;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        _rendersDone++;
        if (_focusSelector is { } selector && _rendersDone >= _focusFromRender)
        {
            _focusSelector = null;
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./panel-admin.js");
            await _module.InvokeVoidAsync("focus", selector);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; so is the module.
            }
        }

        GC.SuppressFinalize(this);
    }
}
