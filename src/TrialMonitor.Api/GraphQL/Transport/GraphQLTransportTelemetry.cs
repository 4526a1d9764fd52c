using System.Diagnostics;
using GraphQL;
using GraphQLParser.AST;
using TrialMonitor.Api.Telemetry;

namespace TrialMonitor.Api.GraphQL.Transport;

/// <summary>
/// One span per GraphQL operation (HTTP request or socket subscribe), named by its type and name, and
/// every error code answered counted as a refusal. The document itself is not recorded: literal
/// arguments may carry clinical values.
/// </summary>
public static class GraphQLTransportTelemetry
{
    public const string SourceName = "TrialMonitor.GraphQL";

    /// <summary>Set on the span of an operation answered with a kept answer (<see cref="KeptAnswers"/>) instead of executed.</summary>
    public const string KeptAnswerTag = "graphql.answer.kept";

    private static readonly ActivitySource Source = new(SourceName);

    internal static Activity? StartOperation(ParsedRequest parsed)
    {
        var type = parsed.OperationType?.ToString().ToLowerInvariant() ?? "operation";
        var name = parsed.Request.OperationName is { Length: > 0 } named ? named
            : parsed.Document.Definitions.OfType<GraphQLOperationDefinition>().ToList() is [{ Name: { } only }] ? only.StringValue
            : null;
        var activity = Source.StartActivity(name is null ? $"graphql {type}" : $"graphql {type} {name}", ActivityKind.Internal);
        activity?.SetTag("graphql.operation.type", type);
        if (name is not null) activity?.SetTag("graphql.operation.name", name);
        return activity;
    }

    internal static void Answered(Activity? activity, ExecutionResult result)
    {
        if (result.Errors is not { Count: > 0 } errors) return;
        var codes = errors.Select(error => error.Code ?? "UNKNOWN").Distinct().ToList();
        foreach (var error in errors)
        {
            TrialMonitorMetrics.Refusals.Add(1, new KeyValuePair<string, object?>("code", error.Code ?? "UNKNOWN"));
        }
        activity?.SetTag("graphql.error.codes", string.Join(',', codes));
        activity?.SetStatus(ActivityStatusCode.Error, codes[0]);
    }
}
