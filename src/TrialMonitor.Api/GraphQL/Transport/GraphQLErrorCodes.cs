namespace TrialMonitor.Api.GraphQL.Transport;

/// <summary>The extensions.code values the transport itself gives; GraphQL.NET codes parse and validation errors.</summary>
public static class GraphQLErrorCodes
{
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string InvalidJson = "JSON_INVALID";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string QueryMissing = "QUERY_MISSING";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";
    public const string Forbidden = "FORBIDDEN";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string SchemaUnavailable = "SCHEMA_UNAVAILABLE";
    public const string SubscriptionOverHttp = "SUBSCRIPTION_OVER_HTTP";
    public const string TooManyOperations = "TOO_MANY_OPERATIONS";
    public const string ExecutionError = "EXECUTION_ERROR";

    /// <summary>The database is unreachable or restarting: retry (HTTP 503 with Retry-After).</summary>
    public const string Unavailable = "UNAVAILABLE";
}
