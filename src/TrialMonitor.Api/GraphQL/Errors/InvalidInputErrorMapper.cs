using GraphQL;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.GraphQL.Transport;

namespace TrialMonitor.Api.GraphQL.Errors;

/// <summary>Shows each refused field of an <see cref="InvalidInputException"/> as its own BAD_USER_INPUT error.</summary>
public sealed class InvalidInputErrorMapper : IGraphQLErrorMapper
{
    public IReadOnlyList<ExecutionError>? Map(Exception exception) => exception is InvalidInputException invalid
        ? [.. invalid.Errors.Select(error => new ExecutionError($"{error.Field}: {error.Reason}")
        {
            Code = GraphQLErrorCodes.BadUserInput,
            Extensions = new Dictionary<string, object?> { ["field"] = error.Field, ["reason"] = error.Reason },
        })]
        : null;
}
