using System.Text.Encodings.Web;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Validation;

namespace TrialMonitor.Api.GraphQL.Transport;

/// <summary>
/// Writes an error as its message, code and explicit extensions only: never exception types,
/// stack traces or exception data, whatever GraphQL.NET attached to the error.
/// </summary>
internal sealed class TransportErrorInfoProvider : IErrorInfoProvider
{
    /// <summary>
    /// The serializer of every HTTP response and socket message. Relaxed escaping writes "CR/6+" rather than
    /// "CR/6\u002B": safe because these are application/json (or graphql-response+json) bodies and socket
    /// frames, never embedded in HTML; JSON's own escapes (quotes, backslashes, control characters) still apply.
    /// </summary>
    public static readonly GraphQLSerializer Serializer = new(
        options => options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, new TransportErrorInfoProvider());

    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        ArgumentNullException.ThrowIfNull(executionError);
        var extensions = new Dictionary<string, object?>();
        if (executionError.Extensions is { } own)
        {
            foreach (var (key, value) in own) extensions[key] = value;
        }
        // An unhandled error that somehow skipped the sanitizer must not show its exception's message.
        var hidden = executionError is UnhandledError;
        extensions["code"] = hidden ? GraphQLErrorCodes.InternalServerError : executionError.Code ?? GraphQLErrorCodes.ExecutionError;
        if (executionError is ValidationError { Number: { } number }) extensions["number"] = number;
        return new ErrorInfo
        {
            Message = hidden ? ResultErrorSanitizer.InternalErrorMessage : executionError.Message,
            Extensions = extensions,
        };
    }
}
