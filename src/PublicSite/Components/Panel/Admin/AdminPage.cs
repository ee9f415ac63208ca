using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MobilnyUrzednik.Components.Forms;
using MobilnyUrzednik.Core.Administration;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.PublicSite.Components.Panel.Admin;

/// <summary>
/// Base of the administration pages: turns a command's problems into the error summary and the fields'
/// messages (the same words), and moves focus after a command, as a post would: to the error summary when
/// something is wrong, to the confirmation when it was saved.
/// </summary>
public abstract class AdminPage : PanelPage, IAsyncDisposable
{
    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] protected IStringLocalizer<AdminMessages> Messages { get; set; } = default!;

    private IJSObjectReference? _module;
    private string? _focusSelector;

    /// <summary>The problems shown now, in the order of the fields.</summary>
    protected IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>What was just saved, for the confirmation line; null when nothing was.</summary>
    protected string? Saved { get; set; }

    protected string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.FieldId == field)?.Message;

    /// <summary>Shows the result of a command: its problems, or <paramref name="savedMessage"/>. True when it was saved.</summary>
    protected bool Show(AdminResult result, string savedMessage, Func<string, string>? fieldId = null)
    {
        if (result.Succeeded)
        {
            Errors = [];
            Saved = savedMessage;
            FocusAfterRender("[data-admin-saved]");
            return true;
        }

        Saved = null;
        Errors = [.. result.Errors.Select(e => new FieldError(fieldId?.Invoke(e.Field) ?? e.Field, Message(e)))];
        FocusAfterRender("[data-error-summary]");
        return false;
    }

    protected void ClearMessages()
    {
        Errors = [];
        Saved = null;
    }

    protected string Message(AnswerError error) => string.Format(CultureInfo.CurrentCulture, Messages[error.Code], error.Args);

    /// <summary>Moves focus to the first element matching <paramref name="selector"/> once the page has rendered.</summary>
    protected void FocusAfterRender(string selector) => _focusSelector = selector;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusSelector is { } selector)
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
