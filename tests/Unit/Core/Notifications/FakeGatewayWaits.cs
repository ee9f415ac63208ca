namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// Lets a test await a fake gateway's state ("one connection is held", "two messages accepted") instead of sleeping.
/// The fake calls <see cref="Changed"/> after each change of its state; every waiter whose condition now holds is
/// released. Thread-safe. A condition must only read the fake's state under the fake's own lock, and the fake must call
/// <see cref="Changed"/> outside that lock.
/// </summary>
internal sealed class FakeGatewayWaits(string gatewayName)
{
    /// <summary>
    /// Only a guard against a test that would otherwise hang for ever when the awaited state never comes: reaching it
    /// fails the test with a message saying what did not happen. It is not a time limit anything is measured against.
    /// </summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly Lock _lock = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiting = [];

    /// <summary>Completes once <paramref name="condition"/> holds (at once if it already does).</summary>
    /// <param name="condition">Reads the fake's state.</param>
    /// <param name="what">What is awaited, for the failure message, e.g. "1 connection held".</param>
    /// <param name="ct">Cancels the wait.</param>
    /// <exception cref="TimeoutException">The state did not come within a minute: the test is broken, not slow.</exception>
    public async Task WaitAsync(Func<bool> condition, string what, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition())
            {
                return;
            }

            _waiting.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(HangGuard, ct);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The {gatewayName} never reached this state: {what}.");
        }
        finally
        {
            lock (_lock)
            {
                _waiting.RemoveAll(w => w.Done == done);
            }
        }
    }

    /// <summary>The fake's state changed: release every waiter whose condition now holds.</summary>
    public void Changed()
    {
        lock (_lock)
        {
            for (var i = _waiting.Count - 1; i >= 0; i--)
            {
                if (_waiting[i].Condition())
                {
                    _waiting[i].Done.TrySetResult();
                    _waiting.RemoveAt(i);
                }
            }
        }
    }
}
