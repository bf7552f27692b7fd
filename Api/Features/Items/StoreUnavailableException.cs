using Api.Server;

namespace Api.Features.Items;

/// <summary>
/// The database cannot serve the operation now: busy beyond the timeout, full, read-only, or unreachable. The
/// operation was not acknowledged (a write cut off by a lost connection may still have been committed); the HTTP
/// layer answers 503 with <c>Retry-After</c>.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How long a client should wait before it tries again.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>The store could not be opened, migrated or written at start: one line naming the cause, exit code 74.</summary>
internal sealed class ItemStoreStartException(string message, Exception? innerException = null) : StartFailureException(message, innerException)
{
    /// <summary>EX_IOERR from sysexits.h: the database cannot be read or written.</summary>
    public const int IoErrorExitCode = 74;

    public override int ExitCode => IoErrorExitCode;
}
