using Microsoft.Net.Http.Headers;

namespace TrialMonitor.Api.GraphQL.Transport;

/// <summary>The two response media types of GraphQL over HTTP, chosen from the Accept header.</summary>
internal enum ResponseMediaType
{
    GraphQLResponseJson,
    Json,
}

internal static class ResponseMediaTypes
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    public static string ContentType(this ResponseMediaType mediaType) => mediaType switch
    {
        ResponseMediaType.Json => Json + "; charset=utf-8",
        _ => GraphQLResponseJson + "; charset=utf-8",
    };

    /// <returns>The highest-priority acceptable type, or null when the client accepts neither (406).</returns>
    public static ResponseMediaType? Negotiate(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        // GraphQL over HTTP, legacy watershed: since 2025 a missing Accept means graphql-response+json.
        if (accept.Count == 0) return ResponseMediaType.GraphQLResponseJson;
        foreach (var range in accept.OrderByDescending(range => range.Quality ?? 1))
        {
            if (range.Quality == 0) continue;
            if (range.IsMediaType(GraphQLResponseJson)) return ResponseMediaType.GraphQLResponseJson;
            if (range.IsMediaType(Json)) return ResponseMediaType.Json;
            if (range.MatchesAllTypes || range.MatchesAllSubTypes && range.Type.Equals("application", StringComparison.OrdinalIgnoreCase))
                return ResponseMediaType.GraphQLResponseJson;
        }
        return null;
    }

    /// <summary>Only JSON in UTF-8 is read; a missing Content-Type is refused too.</summary>
    public static bool IsSupportedRequestBody(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
        && contentType.IsMediaType(Json)
        && (!contentType.Charset.HasValue || contentType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static bool IsMediaType(this MediaTypeHeaderValue value, string mediaType) =>
        value.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase);
}
