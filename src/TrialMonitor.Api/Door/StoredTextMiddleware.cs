using Wolverine;

namespace TrialMonitor.Api.Door;

/// <summary>Applied to every handler: a command with a string PostgreSQL cannot store is refused before it is handled.</summary>
public static class StoredTextMiddleware
{
    public static void Before(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        StoredText.ThrowIfUnstorable(envelope.Message);
    }
}
