using GraphQL;
using TrialMonitor.Api.GraphQL.Transport;
using TrialMonitor.Api.Outages;

namespace TrialMonitor.Api.GraphQL.Errors;

/// <summary>A resolver that could not reach the database: UNAVAILABLE, so the client knows it may retry (HTTP 503).</summary>
public sealed class DatabaseUnavailableErrorMapper : IGraphQLErrorMapper
{
    public IReadOnlyList<ExecutionError>? Map(Exception exception) => DatabaseOutage.Is(exception)
        ? [new ExecutionError(DatabaseOutage.Message) { Code = GraphQLErrorCodes.Unavailable }]
        : null;
}
