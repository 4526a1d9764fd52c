using GraphQL;
using JasperFx;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.GraphQL.Transport;

namespace TrialMonitor.Api.GraphQL.Schema.Errors;

/// <summary>
/// A write decided on a version the stream has moved past: refused by the expectedVersion check in
/// the write path, or by Marten's optimistic check at commit when two writes raced.
/// </summary>
public sealed class ConflictErrorMapper : IGraphQLErrorMapper
{
    public const string Conflict = "CONFLICT";

    public IReadOnlyList<ExecutionError>? Map(Exception exception) => exception switch
    {
        VersionConflictException stale =>
        [
            new ExecutionError(stale.Message)
            {
                Code = Conflict,
                Extensions = new Dictionary<string, object?>
                {
                    ["expectedVersion"] = stale.ExpectedVersion,
                    ["actualVersion"] = stale.ActualVersion,
                },
            },
        ],
        ConcurrencyException =>
        [
            new ExecutionError("Another change to the same record was committed at the same time; reload and decide again") { Code = Conflict },
        ],
        _ => null,
    };
}
