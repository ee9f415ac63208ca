namespace MobilnyUrzednik.Core.Data;

/// <summary>
/// The app cannot start as configured. Its message is the one line the operator reads (Polish, then English),
/// naming what is wrong and what to do; Program prints it and exits with a non-zero code.
/// </summary>
public sealed class StartupFailureException : Exception
{
    public StartupFailureException()
    {
    }

    public StartupFailureException(string message)
        : base(message)
    {
    }

    public StartupFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
