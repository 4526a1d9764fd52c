using System.Text.Json;
using GraphQL;
using GraphQL.Transport;

namespace TrialMonitor.Api.GraphQL.Transport;

/// <summary>Reads the GraphQL-over-HTTP request parameters from a JSON body, a socket payload or a query string.</summary>
internal static class GraphQLRequestReader
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64 };

    public static JsonDocument? TryParseJson(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            return JsonDocument.Parse(utf8Json, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static JsonDocument? TryParseJson(string json)
    {
        try
        {
            return JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <returns>The request, or the error that makes the parameters not a well-formed request.</returns>
    public static (GraphQLRequest? Request, ExecutionError? Error) FromJson(JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
            return Invalid(GraphQLErrorCodes.InvalidRequest, "The request must be a JSON object; batched requests are not supported.");
        if (!IsOptional(parameters, "query", JsonValueKind.String)
            || !IsOptional(parameters, "operationName", JsonValueKind.String)
            || !IsOptional(parameters, "variables", JsonValueKind.Object)
            || !IsOptional(parameters, "extensions", JsonValueKind.Object))
        {
            return Invalid(GraphQLErrorCodes.InvalidRequest,
                "'query' and 'operationName' must be strings; 'variables' and 'extensions' must be objects.");
        }
        var request = TransportErrorInfoProvider.Serializer.ReadNode<GraphQLRequest>(parameters);
        return string.IsNullOrWhiteSpace(request?.Query)
            ? Invalid(GraphQLErrorCodes.QueryMissing, "The request has no 'query'.")
            : (request, null);
    }

    public static (GraphQLRequest? Request, ExecutionError? Error) FromQueryString(IQueryCollection parameters)
    {
        string? query = parameters["query"];
        if (string.IsNullOrWhiteSpace(query)) return Invalid(GraphQLErrorCodes.QueryMissing, "The request has no 'query'.");
        var (variables, variablesError) = ReadObject(parameters["variables"], "variables");
        if (variablesError is not null) return (null, variablesError);
        var (extensions, extensionsError) = ReadObject(parameters["extensions"], "extensions");
        if (extensionsError is not null) return (null, extensionsError);
        return (new GraphQLRequest
        {
            Query = query,
            OperationName = parameters["operationName"],
            Variables = variables,
            Extensions = extensions,
        }, null);
    }

    private static (Inputs? Value, ExecutionError? Error) ReadObject(string? json, string name)
    {
        if (string.IsNullOrEmpty(json)) return (null, null);
        using var document = TryParseJson(json);
        if (document is null)
            return (null, new ExecutionError($"'{name}' is not valid JSON.") { Code = GraphQLErrorCodes.InvalidJson });
        if (document.RootElement.ValueKind == JsonValueKind.Null) return (null, null);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            return (null, new ExecutionError($"'{name}' must be a JSON object.") { Code = GraphQLErrorCodes.InvalidRequest });
        return (TransportErrorInfoProvider.Serializer.ReadNode<Inputs>(document.RootElement), null);
    }

    private static bool IsOptional(JsonElement parameters, string name, JsonValueKind kind) =>
        !parameters.TryGetProperty(name, out var value) || value.ValueKind == kind || value.ValueKind == JsonValueKind.Null;

    private static (GraphQLRequest?, ExecutionError?) Invalid(string code, string message) =>
        (null, new ExecutionError(message) { Code = code });
}
