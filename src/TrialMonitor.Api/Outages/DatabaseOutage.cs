using Npgsql;

namespace TrialMonitor.Api.Outages;

/// <summary>
/// An exception that says the database could not be reached or went away (restarting, network cut, no
/// connection slot), as opposed to a fault in the request: the client may retry it as it was. A write retried
/// with the same entry key is recorded once, whether or not the first attempt committed.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Seconds a client is asked to wait before retrying (HTTP Retry-After).</summary>
    public const int RetryAfterSeconds = 1;

    public const string Message =
        "The database is unavailable (restarting or unreachable): retry in a moment; a write retried with the same entryKey is recorded once.";

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Class 08 connection exceptions, 57P01-57P03 shutting down / cannot connect now, 53300 too many connections.
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;
                // Npgsql's own exceptions are transient when the connection failed (I/O, timeout), not for a bad command.
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
            }
        }
        return false;
    }
}
