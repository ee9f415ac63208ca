using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.PublicSite.Components.Panel;

/// <summary>
/// Base of every interactive staff page. The endpoint already refused anyone without the page's policy;
/// this keeps watching while the page is open: when the account is disabled, its roles change or the
/// session ends (the revalidating provider notices within a minute), the page leaves for the sign-in page.
/// Pages do their loading in <see cref="OnPanelInitializedAsync"/>, once the actor is known.
/// </summary>
public abstract class PanelPage : ComponentBase, IDisposable
{
    [Inject] private AuthenticationStateProvider AuthenticationState { get; set; } = default!;

    [Inject] protected NavigationManager Nav { get; set; } = default!;

    /// <summary>The signed-in staff member.</summary>
    protected StaffActor Actor { get; private set; } = default!;

    /// <summary>The permission the page needs; null for any staff member. Must match the page's [Authorize] policy.</summary>
    protected abstract StaffPermission? Permission { get; }

    protected sealed override async Task OnInitializedAsync()
    {
        AuthenticationState.AuthenticationStateChanged += OnAuthenticationStateChanged;
        var state = await AuthenticationState.GetAuthenticationStateAsync();
        if (!Admit(state))
        {
            return;
        }

        await OnPanelInitializedAsync();
    }

    /// <summary>Loads the page's data; <see cref="Actor"/> is set.</summary>
    protected virtual Task OnPanelInitializedAsync() => Task.CompletedTask;

    private bool Admit(AuthenticationState state)
    {
        var actor = StaffActor.From(state.User);
        if (actor is null || (Permission is { } permission && !actor.Can(permission)))
        {
            Nav.NavigateTo(PanelRoutes.SignIn + "?wygaslo=1", forceLoad: true);
            return false;
        }

        Actor = actor;
        return true;
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> task) =>
        _ = InvokeAsync(async () =>
        {
            if (Admit(await task))
            {
                StateHasChanged();
            }
        });

    public void Dispose()
    {
        AuthenticationState.AuthenticationStateChanged -= OnAuthenticationStateChanged;
        GC.SuppressFinalize(this);
    }
}
