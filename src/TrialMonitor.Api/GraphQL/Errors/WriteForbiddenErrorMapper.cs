using GraphQL;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.GraphQL.Transport;

namespace TrialMonitor.Api.GraphQL.Errors;

/// <summary>A write to another site's patient, refused by the handler, shown as FORBIDDEN naming the sites.</summary>
public sealed class WriteForbiddenErrorMapper : IGraphQLErrorMapper
{
    public IReadOnlyList<ExecutionError>? Map(Exception exception) => exception is WriteForbiddenException forbidden
        ? [new ExecutionError(forbidden.Message) { Code = GraphQLErrorCodes.Forbidden }]
        : null;
}
