namespace MobilnyUrzednik.PublicSite.Staff;

/// <summary>
/// The staff area's pieces of one live connection (one browser tab): the session guard in the layout and the open page
/// share it, so that when the guard ends the session, the page keeps what was typed before it leaves.
/// </summary>
public sealed class PanelCircuit
{
    private Func<Task>? _leave;

    /// <summary>The open page registers how it leaves for the sign-in page (keeping its input).</summary>
    public void Register(Func<Task> leave) => _leave = leave;

    public void Unregister(Func<Task> leave)
    {
        if (_leave == leave)
        {
            _leave = null;
        }
    }

    /// <summary>Asks the open page to leave; false when no page is there to do it.</summary>
    public async Task<bool> LeaveAsync()
    {
        if (_leave is not { } leave)
        {
            return false;
        }

        await leave();
        return true;
    }
}
