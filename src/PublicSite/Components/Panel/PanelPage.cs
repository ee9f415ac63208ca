using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.PublicSite.Staff;

namespace MobilnyUrzednik.PublicSite.Components.Panel;

/// <summary>
/// Base of every interactive staff page. The endpoint already refused anyone without the page's policy; this keeps
/// watching while the page is open:
/// <list type="bullet">
/// <item>every event (a click, a key in a field, a form sent) first asks the server whether the session is still open
/// (<see cref="StaffSessions"/>) and counts as input; when it is not — no input for the idle time, past the absolute
/// limit, signed out elsewhere — the event is dropped and the page leaves for "Sesja się skończyła". So an open page
/// changes nothing after its session ended, whatever its scripts do;</item>
/// <item>when the account is disabled, its roles change or the session ends (the revalidating provider, the session guard
/// in the layout), the page leaves for the sign-in page by itself;</item>
/// <item>leaving, it keeps what was typed (<see cref="KeptInput"/>) for the same staff member, and the same page gives it
/// back (<see cref="RestoreInput"/>) after they sign in again and return here.</item>
/// </list>
/// Pages do their loading in <see cref="OnPanelInitializedAsync"/>, once the actor is known.
/// </summary>
public abstract class PanelPage : ComponentBase, IHandleEvent, IDisposable
{
    private Func<Task>? _leave;
    private string? _sessionId;
    private string? _userId;
    private bool _leaving;

    [Inject] private AuthenticationStateProvider AuthenticationState { get; set; } = default!;

    [Inject] private StaffSessions Sessions { get; set; } = default!;

    [Inject] private StaffDrafts Drafts { get; set; } = default!;

    [Inject] private PanelCircuit Circuit { get; set; } = default!;

    [Inject] protected NavigationManager Nav { get; set; } = default!;

    /// <summary>The signed-in staff member.</summary>
    protected StaffActor Actor { get; private set; } = default!;

    /// <summary>The permission the page needs; null for any staff member. Must match the page's [Authorize] policy.</summary>
    protected abstract StaffPermission? Permission { get; }

    protected sealed override async Task OnInitializedAsync()
    {
        AuthenticationState.AuthenticationStateChanged += OnAuthenticationStateChanged;
        var state = await AuthenticationState.GetAuthenticationStateAsync();
        _sessionId = StaffClaims.Session(state.User);
        _userId = StaffClaims.UserId(state.User);
        if (!await AdmitAsync(state))
        {
            return;
        }

        _leave = () => InvokeAsync(LeaveForSignInAsync);
        Circuit.Register(_leave);
        await OnPanelInitializedAsync();
        if (Drafts.Take(Actor.UserId, CurrentPage) is { } kept)
        {
            RestoreInput(kept);
        }
    }

    /// <summary>Loads the page's data; <see cref="Actor"/> is set.</summary>
    protected virtual Task OnPanelInitializedAsync() => Task.CompletedTask;

    /// <summary>What the staff member has typed and not yet saved (field → text), kept when the session ends; null for nothing.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? KeptInput() => null;

    /// <summary>Puts back what <see cref="KeptInput"/> kept, after the data was loaded again.</summary>
    protected virtual void RestoreInput(IReadOnlyDictionary<string, string?> kept)
    {
    }

    /// <summary>The page's address as the browser has it (path and query), the key of its kept input and the way back.</summary>
    private string CurrentPage => "/" + Nav.ToBaseRelativePath(Nav.Uri);

    // Every event of the page (its own and those its fields pass up) comes through here: none runs once the session has
    // ended on the server. Otherwise as ComponentBase: render after the synchronous part and again when it completes.
    async Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem callback, object? arg)
    {
        if (_leaving)
        {
            return;
        }

        // Answered from memory when the session is open, so events are never held up and never overtake one another.
        var session = await Sessions.CheckAsync(_sessionId, _userId, activity: true, quick: true);
        if (!session.IsOpen)
        {
            await LeaveForSignInAsync();
            return;
        }

        var task = callback.InvokeAsync(arg);
        var awaiting = task.Status is not (TaskStatus.RanToCompletion or TaskStatus.Canceled);
        StateHasChanged();
        if (!awaiting)
        {
            return;
        }

        try
        {
            await task;
        }
        catch when (task.IsCanceled)
        {
            // A cancelled handler is no failure (as in ComponentBase).
        }

        StateHasChanged();
    }

    private async Task<bool> AdmitAsync(AuthenticationState state)
    {
        var actor = StaffActor.From(state.User);
        if (actor is null || (Permission is { } permission && !actor.Can(permission)))
        {
            await LeaveForSignInAsync();
            return false;
        }

        Actor = actor;
        return true;
    }

    /// <summary>Ends the session here too, keeps the typed input for its author and goes to "Sesja się skończyła", which brings them back.</summary>
    private async Task LeaveForSignInAsync()
    {
        if (_leaving)
        {
            return;
        }

        _leaving = true;
        var page = CurrentPage;
        if (_userId is not null && KeptInput() is { Count: > 0 } kept)
        {
            Drafts.Keep(_userId, page, kept);
        }

        await Sessions.EndAsync(_sessionId);
        Nav.NavigateTo(PanelRoutes.SignIn + "?wygaslo=1&powrot=" + Uri.EscapeDataString(page), forceLoad: true);
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> task) =>
        _ = InvokeAsync(async () =>
        {
            if (await AdmitAsync(await task))
            {
                StateHasChanged();
            }
        });

    public void Dispose()
    {
        AuthenticationState.AuthenticationStateChanged -= OnAuthenticationStateChanged;
        if (_leave is not null)
        {
            Circuit.Unregister(_leave);
        }

        GC.SuppressFinalize(this);
    }
}
