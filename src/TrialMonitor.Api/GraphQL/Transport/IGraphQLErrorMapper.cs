using GraphQL;

namespace TrialMonitor.Api.GraphQL.Transport;

/// <summary>
/// Turns an exception thrown by a resolver into the errors the client may see. Every exception no
/// mapper claims is reported as an internal error without its message, and logged.
/// </summary>
public interface IGraphQLErrorMapper
{
    /// <returns>The client-facing errors, or null when this mapper does not know the exception.</returns>
    IReadOnlyList<ExecutionError>? Map(Exception exception);
}
