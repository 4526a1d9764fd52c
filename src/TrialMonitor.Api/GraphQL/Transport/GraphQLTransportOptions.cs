using System.Security.Claims;
using System.Text.Json;
using GraphQL.Validation;

namespace TrialMonitor.Api.GraphQL.Transport;

/// <summary>Limits and hooks of the GraphQL HTTP and WebSocket endpoint.</summary>
public sealed class GraphQLTransportOptions
{
    /// <summary>Largest POST body, and largest WebSocket message, in bytes.</summary>
    public long MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Deepest selection nesting; GraphiQL's introspection query (nine ofType levels) needs 15.</summary>
    public int MaxQueryDepth { get; set; } = 20;

    /// <summary>Largest complexity as GraphQL.NET's complexity analyzer counts it (list fields multiply their children).</summary>
    public int MaxQueryComplexity { get; set; } = 5_000;

    /// <summary>Operations one socket may have running at once; further subscribes get an error message.</summary>
    public int MaxOperationsPerConnection { get; set; } = 20;

    /// <summary>How long a socket may stay open without sending connection_init.</summary>
    public TimeSpan ConnectionInitWaitTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Outgoing messages a socket may have queued before it is closed as too slow.</summary>
    public int MaxQueuedMessagesPerConnection { get; set; } = 1_000;

    /// <summary>
    /// Decides whether a caller may use the endpoint at all. HTTP requests that fail get 401
    /// (UNAUTHENTICATED) when the caller's user is not authenticated, else 403; sockets that fail
    /// are closed after their connection_init with 4401 or 4403 likewise. A socket's hook may
    /// authenticate from the connection_init payload by setting <c>HttpContext.User</c>.
    /// </summary>
    public Func<GraphQLCaller, ValueTask<bool>> AuthorizeCaller { get; set; } = _ => ValueTask.FromResult(true);

    /// <summary>Builds the user context of each HTTP request and of each socket (once, at connection_init).</summary>
    public Func<GraphQLCaller, ValueTask<IDictionary<string, object?>>> BuildUserContext { get; set; } =
        _ => ValueTask.FromResult<IDictionary<string, object?>>(new Dictionary<string, object?>());

    /// <summary>
    /// Everything about the caller that decides what a query shows them (e.g. roles and sites), as a string: HTTP
    /// answers of reusable fields (<see cref="ReusableAnswers"/>) are kept per request and scope. Null (the default,
    /// and for callers whose answers must not be shared) keeps nothing.
    /// </summary>
    public Func<GraphQLCaller, string?> AnswerScope { get; set; } = _ => null;

    /// <summary>Validation rules run after GraphQL.NET's own and the transport's limits, e.g. authorization.</summary>
    public IList<IValidationRule> ValidationRules { get; } = [];

    internal GraphQLTransportOptions Copy() => (GraphQLTransportOptions)MemberwiseClone();
}

/// <summary>Who is calling: the HTTP request (or socket upgrade request) and, on a socket, the connection_init payload.</summary>
public sealed record GraphQLCaller(HttpContext HttpContext, JsonElement? ConnectionInitPayload)
{
    public ClaimsPrincipal User => HttpContext.User;
}
