using GraphQL;
using GraphQL.Execution;

namespace TrialMonitor.Api.GraphQL.Transport;

/// <summary>
/// Replaces each error GraphQL.NET made from a thrown exception: by what an
/// <see cref="IGraphQLErrorMapper"/> makes of it, or else by a bare internal error after logging it.
/// </summary>
internal sealed class ResultErrorSanitizer(IEnumerable<IGraphQLErrorMapper> mappers, ILogger<ResultErrorSanitizer> logger)
{
    public const string InternalErrorMessage = "Internal error.";

    private readonly IGraphQLErrorMapper[] mappers = [.. mappers];

    public ExecutionResult Sanitize(ExecutionResult result)
    {
        if (result.Errors is not { Count: > 0 } errors) return result;
        var sanitized = new ExecutionErrors();
        foreach (var error in errors)
        {
            foreach (var replacement in Replace(error)) sanitized.Add(replacement);
        }
        result.Errors = sanitized;
        return result;
    }

    /// <summary>The errors to send for an exception that ended a source stream.</summary>
    public IReadOnlyList<ExecutionError> FromException(Exception exception) =>
        Replace(new UnhandledError("Source stream failed.", exception));

    public static ExecutionError InternalError() =>
        new(InternalErrorMessage) { Code = GraphQLErrorCodes.InternalServerError };

    public static bool IsInternal(ExecutionError error) => error.Code == GraphQLErrorCodes.InternalServerError;

    private IReadOnlyList<ExecutionError> Replace(ExecutionError error)
    {
        if (error is not UnhandledError { InnerException: { } thrown })
        {
            error.Code ??= GraphQLErrorCodes.ExecutionError;
            return [error];
        }
        for (var exception = thrown; exception is not null; exception = exception.InnerException)
        {
            foreach (var mapper in mappers)
            {
                if (mapper.Map(exception) is { Count: > 0 } mapped)
                {
                    foreach (var replacement in mapped) CopyPlace(error, replacement);
                    return mapped;
                }
            }
        }
        logger.LogError(thrown, "GraphQL operation failed at {Path}", error.Path is null ? "(request)" : string.Join('.', error.Path));
        var hidden = InternalError();
        CopyPlace(error, hidden);
        return [hidden];
    }

    private static void CopyPlace(ExecutionError from, ExecutionError to)
    {
        to.Path ??= from.Path;
        if (to.Locations is null && from.Locations is not null)
        {
            foreach (var location in from.Locations) to.AddLocation(location);
        }
    }
}
