using System.Buffers;
using System.Globalization;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using TrialMonitor.Api.GraphQL.Transport.WebSockets;
using TrialMonitor.Api.Outages;

namespace TrialMonitor.Api.GraphQL.Transport;

/// <summary>GraphQL over HTTP (graphql/graphql-over-http) for GET and POST, plus the socket upgrade on the same path.</summary>
internal sealed class GraphQLHttpHandler(
    GraphQLTransportOptions options, GraphQLRequestRunner runner, ILogger<GraphQLHttpHandler> logger)
{
    private readonly KeptAnswers answers = new();

    public async Task HandleAsync(HttpContext http)
    {
        if (http.WebSockets.IsWebSocketRequest)
        {
            await GraphQLWsConnection.AcceptAsync(http, options, runner, logger);
            return;
        }
        var isGet = HttpMethods.IsGet(http.Request.Method);
        if (!isGet && !HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteErrorAsync(http, StatusCodes.Status405MethodNotAllowed, ResponseMediaType.Json,
                GraphQLErrorCodes.MethodNotAllowed, "GraphQL requests use GET or POST.");
            return;
        }
        if (ResponseMediaTypes.Negotiate(http.Request) is not { } mediaType)
        {
            await WriteErrorAsync(http, StatusCodes.Status406NotAcceptable, ResponseMediaType.Json, GraphQLErrorCodes.NotAcceptable,
                $"Responses are {ResponseMediaTypes.GraphQLResponseJson} or {ResponseMediaTypes.Json}.");
            return;
        }
        try
        {
            await HandleGraphQLRequestAsync(http, isGet, mediaType);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception exception) when (!http.Response.HasStarted)
        {
            logger.LogError(exception, "GraphQL HTTP request failed");
            await WriteAsync(http, StatusCodes.Status500InternalServerError, mediaType, new ExecutionResult(ResultErrorSanitizer.InternalError()));
        }
    }

    private async Task HandleGraphQLRequestAsync(HttpContext http, bool isGet, ResponseMediaType mediaType)
    {
        var caller = new GraphQLCaller(http, null);
        if (!await options.AuthorizeCaller(caller))
        {
            if (caller.User.Identity?.IsAuthenticated != true)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                await WriteErrorAsync(http, StatusCodes.Status401Unauthorized, mediaType, GraphQLErrorCodes.Unauthenticated,
                    "Send a valid bearer token: Authorization: Bearer <token>.");
                return;
            }
            await WriteErrorAsync(http, StatusCodes.Status403Forbidden, mediaType, GraphQLErrorCodes.Forbidden, "Forbidden.");
            return;
        }
        GraphQLRequest? request;
        ExecutionError? requestError;
        var status = StatusCodes.Status400BadRequest;
        if (isGet) (request, requestError) = GraphQLRequestReader.FromQueryString(http.Request.Query);
        else (request, requestError, status) = await ReadPostAsync(http);
        if (request is null)
        {
            await WriteAsync(http, status, mediaType, new ExecutionResult(requestError!));
            return;
        }

        var (parsed, syntaxError) = GraphQLRequestRunner.Parse(request);
        if (parsed is null)
        {
            await WriteAsync(http, NotExecutedStatus(mediaType), mediaType, new ExecutionResult(syntaxError!));
            return;
        }
        switch (parsed.OperationType)
        {
            case OperationType.Mutation when isGet:
                // GraphQL over HTTP: GET must not run a mutation; 405 and halt.
                http.Response.Headers.Allow = "POST";
                await WriteErrorAsync(http, StatusCodes.Status405MethodNotAllowed, mediaType,
                    GraphQLErrorCodes.MethodNotAllowed, "Mutations must be sent with POST.");
                return;
            case OperationType.Subscription:
                await WriteAsync(http, NotExecutedStatus(mediaType), mediaType, new ExecutionResult(new ExecutionError(
                    "Subscriptions are served over WebSocket (graphql-transport-ws) on this path.")
                { Code = GraphQLErrorCodes.SubscriptionOverHttp }));
                return;
        }

        var userContext = await options.BuildUserContext(caller);
        var key = parsed.OperationType == OperationType.Query && options.AnswerScope(caller) is { } scope ? AnswerKey.Of(scope, request) : null;
        if (key is not null && await answers.FindAsync(key, http.RequestAborted) is { } kept)
        {
            using var activity = GraphQLTransportTelemetry.StartOperation(parsed);
            activity?.SetTag(GraphQLTransportTelemetry.KeptAnswerTag, true);
            await WriteAsync(http, mediaType, kept);
            return;
        }
        var sources = key is null ? null : ReusableAnswers.CollectSources(userContext);
        var result = await runner.ExecuteAsync(parsed, caller, http.RequestServices, userContext, options, http.RequestAborted);
        if (key is not null && KeptAnswers.MayKeep(result, sources!))
        {
            using var buffer = new MemoryStream();
            await TransportErrorInfoProvider.Serializer.WriteAsync(buffer, result, http.RequestAborted);
            var body = buffer.ToArray();
            answers.Keep(key, body, sources!);
            await WriteAsync(http, mediaType, body);
            return;
        }
        var resultStatus = ResultStatus(result, mediaType);
        if (resultStatus == StatusCodes.Status401Unauthorized) http.Response.Headers.WWWAuthenticate = "Bearer";
        if (resultStatus == StatusCodes.Status503ServiceUnavailable)
            http.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await WriteAsync(http, resultStatus, mediaType, result);
    }

    private async Task<(GraphQLRequest?, ExecutionError?, int)> ReadPostAsync(HttpContext http)
    {
        if (!ResponseMediaTypes.IsSupportedRequestBody(http.Request))
        {
            return (null, new ExecutionError($"Send the request as {ResponseMediaTypes.Json} in UTF-8.")
            { Code = GraphQLErrorCodes.UnsupportedMediaType }, StatusCodes.Status415UnsupportedMediaType);
        }
        var body = await ReadBodyAsync(http.Request, options.MaxRequestBytes, http.RequestAborted);
        if (body is null)
        {
            return (null, new ExecutionError($"The request body is larger than {options.MaxRequestBytes} bytes.")
            { Code = GraphQLErrorCodes.RequestTooLarge }, StatusCodes.Status413PayloadTooLarge);
        }
        using var json = GraphQLRequestReader.TryParseJson(body.Value);
        if (json is null)
        {
            return (null, new ExecutionError("The request body is not valid JSON.") { Code = GraphQLErrorCodes.InvalidJson },
                StatusCodes.Status400BadRequest);
        }
        var (request, error) = GraphQLRequestReader.FromJson(json.RootElement);
        return (request, error, StatusCodes.Status400BadRequest);
    }

    /// <returns>The body, or null when it is longer than the limit.</returns>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellation)
    {
        if (request.ContentLength > limit) return null;
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(16 * 1024), cancellation);
            if (read == 0) return buffer.WrittenMemory;
            buffer.Advance(read);
            if (buffer.WrittenCount > limit) return null;
        }
    }

    /// <summary>GraphQL over HTTP: application/json answers 200 to every well-formed request.</summary>
    private static int NotExecutedStatus(ResponseMediaType mediaType) =>
        mediaType == ResponseMediaType.Json ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;

    private static int ResultStatus(ExecutionResult result, ResponseMediaType mediaType)
    {
        // Refused before execution for who the caller is (see the authorization validation rule): 401 or 403 whatever the media type.
        if (!result.Executed && result.Errors?.Any(error => error.Code == GraphQLErrorCodes.Unauthenticated) == true)
            return StatusCodes.Status401Unauthorized;
        if (!result.Executed && result.Errors?.Any(error => error.Code == GraphQLErrorCodes.Forbidden) == true)
            return StatusCodes.Status403Forbidden;
        // The database was unavailable: 503 whatever the media type, so clients and proxies know to retry.
        if (result.Errors?.Any(error => error.Code == GraphQLErrorCodes.Unavailable) == true)
            return StatusCodes.Status503ServiceUnavailable;
        if (result.Executed || mediaType == ResponseMediaType.Json) return StatusCodes.Status200OK;
        if (result.Errors?.Any(error => error.Code == GraphQLErrorCodes.SchemaUnavailable) == true)
            return StatusCodes.Status503ServiceUnavailable;
        return result.Errors?.Any(ResultErrorSanitizer.IsInternal) == true
            ? StatusCodes.Status500InternalServerError
            : StatusCodes.Status400BadRequest;
    }

    private static Task WriteErrorAsync(HttpContext http, int status, ResponseMediaType mediaType, string code, string message) =>
        WriteAsync(http, status, mediaType, new ExecutionResult(new ExecutionError(message) { Code = code }));

    /// <summary>A kept answer: executed without errors, so 200 whatever the media type.</summary>
    private static async Task WriteAsync(HttpContext http, ResponseMediaType mediaType, byte[] body)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = mediaType.ContentType();
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext http, int status, ResponseMediaType mediaType, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType.ContentType();
        await TransportErrorInfoProvider.Serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
