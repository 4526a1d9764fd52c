using System.Text.Json;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.GraphQL.Transport;

namespace TrialMonitor.Api.Auth;

/// <summary>
/// Where a GraphQL request came from and the correlation id its events share: an incoming
/// X-Correlation-Id (echoed back), or a new one. Kept in the request's user context.
/// </summary>
public sealed record RequestOrigin(string Source, string CorrelationId)
{
    public const string SourceHeader = "X-TrialMonitor-Source";
    public const string CorrelationHeader = "X-Correlation-Id";
    private const string UserContextKey = "trialmonitor.origin";

    public static RequestOrigin Of(IDictionary<string, object?> userContext) =>
        userContext.TryGetValue(UserContextKey, out var origin) && origin is RequestOrigin known
            ? known
            : new RequestOrigin(EventMetadata.Sources.Api, Guid.NewGuid().ToString());

    public static IDictionary<string, object?> UserContext(GraphQLCaller caller)
    {
        var http = caller.HttpContext;
        // Only the console may be named by a client; import and system are the server's own writers.
        var source = string.Equals(Value(caller, SourceHeader), EventMetadata.Sources.Console, StringComparison.OrdinalIgnoreCase)
            ? EventMetadata.Sources.Console
            : EventMetadata.Sources.Api;
        var correlation = Value(caller, CorrelationHeader) is { } incoming && IsCorrelationId(incoming)
            ? incoming
            : Guid.NewGuid().ToString();
        if (!http.WebSockets.IsWebSocketRequest && !http.Response.HasStarted) http.Response.Headers[CorrelationHeader] = correlation;
        return new Dictionary<string, object?> { [UserContextKey] = new RequestOrigin(source, correlation) };
    }

    /// <summary>What a client may send as its correlation id: up to 128 printable ASCII characters.</summary>
    public static bool IsCorrelationId(string? value) =>
        value is { Length: > 0 and <= 128 } && value.All(c => c is > ' ' and < '\x7f');

    /// <summary>An HTTP header, or on a socket the same name in the connection_init payload (browsers cannot set socket headers).</summary>
    private static string? Value(GraphQLCaller caller, string name)
    {
        if (caller.ConnectionInitPayload is { ValueKind: JsonValueKind.Object } payload)
        {
            foreach (var property in payload.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
                    return property.Value.GetString();
            }
        }
        return caller.HttpContext.Request.Headers[name].FirstOrDefault();
    }

    internal static string? PayloadAuthorization(GraphQLCaller caller) => caller.ConnectionInitPayload is { ValueKind: JsonValueKind.Object } payload
        ? payload.EnumerateObject()
            .Where(property => string.Equals(property.Name, "Authorization", StringComparison.OrdinalIgnoreCase)
                               && property.Value.ValueKind == JsonValueKind.String)
            .Select(property => property.Value.GetString())
            .FirstOrDefault()
        : null;
}
