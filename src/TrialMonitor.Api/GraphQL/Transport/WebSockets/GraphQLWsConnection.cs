using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GraphQL;
using GraphQL.Transport;

namespace TrialMonitor.Api.GraphQL.Transport.WebSockets;

/// <summary>
/// One socket speaking graphql-transport-ws. A single reader handles client messages in order;
/// every outgoing message goes through a bounded queue drained by a single writer, so resolvers
/// and source streams on any thread never write to the socket themselves.
/// </summary>
internal sealed partial class GraphQLWsConnection : IDisposable
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket socket;
    private readonly HttpContext http;
    private readonly GraphQLTransportOptions options;
    private readonly GraphQLRequestRunner runner;
    private readonly ILogger logger;
    private readonly Channel<byte[]> outbox;
    private readonly ConcurrentDictionary<string, GraphQLWsOperation> operations = new();
    private readonly CancellationTokenSource closeRequested = new();
    private readonly CancellationTokenSource receiveTimeout = new();
    private CloseRequest? close;
    private int initReceived;
    private volatile bool acknowledged;
    private GraphQLCaller? caller;
    private IDictionary<string, object?> userContext = new Dictionary<string, object?>();

    private GraphQLWsConnection(WebSocket socket, HttpContext http, GraphQLTransportOptions options, GraphQLRequestRunner runner, ILogger logger)
    {
        this.socket = socket;
        this.http = http;
        this.options = options;
        this.runner = runner;
        this.logger = logger;
        outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.MaxQueuedMessagesPerConnection)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    private sealed record CloseRequest(WebSocketCloseStatus Status, string Reason);

    public static async Task AcceptAsync(HttpContext http, GraphQLTransportOptions options, GraphQLRequestRunner runner, ILogger logger)
    {
        // graphql-ws accepts the handshake and then closes 4406 when the subprotocol is missing or wrong.
        var speaksProtocol = http.WebSockets.WebSocketRequestedProtocols.Contains(GraphQLWsProtocol.SubProtocol);
        using var socket = await http.WebSockets.AcceptWebSocketAsync(speaksProtocol ? GraphQLWsProtocol.SubProtocol : null);
        using var connection = new GraphQLWsConnection(socket, http, options, runner, logger);
        if (!speaksProtocol) connection.RequestClose(GraphQLWsCloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable");
        // A stopping instance says so (1001, going away), so clients reconnect elsewhere instead of waiting on a dead socket.
        var stopping = http.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        await using var goingAway = stopping.Register(() => connection.RequestClose((int)WebSocketCloseStatus.EndpointUnavailable, "Server shutting down"));
        await connection.RunAsync();
    }

    private async Task RunAsync()
    {
        var writing = WriteLoopAsync();
        var initTimeout = CloseUnlessInitialisedAsync();
        try
        {
            await ReadLoopAsync();
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The client vanished or ignored our close frame; the socket is aborted below.
        }
        catch (Exception exception)
        {
            LogConnectionFailed(exception);
            RequestClose(GraphQLWsCloseCodes.InternalServerError, "Internal server error");
        }
        finally
        {
            foreach (var operation in operations.Values) operation.Stop();
            operations.Clear();
            RequestClose((int)WebSocketCloseStatus.NormalClosure, "");
            await writing;
            await initTimeout;
            if (socket.State != WebSocketState.Closed) socket.Abort();
        }
    }

    public void Dispose()
    {
        closeRequested.Dispose();
        receiveTimeout.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4 * 1024);
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer.GetMemory(4 * 1024), receiveTimeout.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                RequestClose((int)(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure), "");
                return;
            }
            buffer.Advance(received.Count);
            if (buffer.WrittenCount > options.MaxRequestBytes)
            {
                RequestClose((int)WebSocketCloseStatus.MessageTooBig, "Message too big");
                buffer.ResetWrittenCount();
                continue;
            }
            if (!received.EndOfMessage) continue;
            // After we asked to close, only the client's close frame matters.
            if (close is null) await HandleMessageAsync(buffer.WrittenMemory);
            buffer.ResetWrittenCount();
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (close is null)
            {
                if (outbox.Reader.TryRead(out var message))
                {
                    await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, http.RequestAborted);
                    continue;
                }
                try
                {
                    await outbox.Reader.WaitToReadAsync(closeRequested.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(close!.Status, close.Reason, http.RequestAborted);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            socket.Abort();
        }
        finally
        {
            // Whoever waits on the client's close frame waits only so long.
            receiveTimeout.CancelAfter(CloseHandshakeTimeout);
        }
    }

    private async Task CloseUnlessInitialisedAsync()
    {
        try
        {
            await Task.Delay(options.ConnectionInitWaitTimeout, closeRequested.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (Volatile.Read(ref initReceived) == 0)
        {
            RequestClose(GraphQLWsCloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout");
        }
    }

    private void RequestClose(int status, string reason)
    {
        if (Interlocked.CompareExchange(ref close, new CloseRequest((WebSocketCloseStatus)status, Truncate(reason)), null) is null)
        {
            closeRequested.Cancel();
        }
    }

    private async Task HandleMessageAsync(ReadOnlyMemory<byte> utf8)
    {
        using var json = GraphQLRequestReader.TryParseJson(utf8);
        if (json?.RootElement is not { ValueKind: JsonValueKind.Object } message
            || !message.TryGetProperty("type", out var typeProperty)
            || typeProperty.ValueKind != JsonValueKind.String)
        {
            RequestClose(GraphQLWsCloseCodes.BadRequest, "Invalid message received");
            return;
        }
        var type = typeProperty.GetString();
        switch (type)
        {
            case GraphQLWsProtocol.ConnectionInit:
                await InitialiseAsync(message);
                return;
            case GraphQLWsProtocol.Ping:
                if (!TryGetOptionalPayload(message, out var pingPayload)) return;
                Enqueue(new OperationMessage { Type = GraphQLWsProtocol.Pong, Payload = pingPayload });
                return;
            case GraphQLWsProtocol.Pong:
                TryGetOptionalPayload(message, out _);
                return;
            case GraphQLWsProtocol.Subscribe:
                Subscribe(message);
                return;
            case GraphQLWsProtocol.Complete:
                if (TryGetId(message, out var completedId) && operations.TryRemove(completedId, out var completed))
                {
                    completed.Stop();
                }
                return;
            default:
                RequestClose(GraphQLWsCloseCodes.BadRequest, $"Invalid message type '{type}'");
                return;
        }
    }

    private async Task InitialiseAsync(JsonElement message)
    {
        if (!TryGetOptionalPayload(message, out var payload)) return;
        if (Interlocked.Exchange(ref initReceived, 1) == 1)
        {
            RequestClose(GraphQLWsCloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }
        var connectionCaller = new GraphQLCaller(http, payload);
        if (!await options.AuthorizeCaller(connectionCaller))
        {
            if (connectionCaller.User.Identity?.IsAuthenticated != true) RequestClose(GraphQLWsCloseCodes.Unauthorized, "Unauthorized");
            else RequestClose(GraphQLWsCloseCodes.Forbidden, "Forbidden");
            return;
        }
        userContext = await options.BuildUserContext(connectionCaller);
        caller = connectionCaller;
        acknowledged = true;
        Enqueue(new OperationMessage { Type = GraphQLWsProtocol.ConnectionAck });
    }

    private void Subscribe(JsonElement message)
    {
        if (!acknowledged)
        {
            RequestClose(GraphQLWsCloseCodes.Unauthorized, "Unauthorized");
            return;
        }
        if (!TryGetId(message, out var id)) return;
        if (!message.TryGetProperty("payload", out var payload)
            || GraphQLRequestReader.FromJson(payload) is not ({ } request, null))
        {
            RequestClose(GraphQLWsCloseCodes.BadRequest, "Invalid subscribe payload");
            return;
        }
        if (operations.ContainsKey(id))
        {
            RequestClose(GraphQLWsCloseCodes.SubscriberAlreadyExists, $"Subscriber for {id} already exists");
            return;
        }
        if (operations.Count >= options.MaxOperationsPerConnection)
        {
            Enqueue(ErrorMessage(id, [new ExecutionError(
                $"This connection already runs {options.MaxOperationsPerConnection} operations; complete one first.")
            { Code = GraphQLErrorCodes.TooManyOperations }]));
            return;
        }
        var operation = new GraphQLWsOperation(id, http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope());
        operations[id] = operation;
        _ = RunOperationAsync(operation, request);
    }

    private async Task RunOperationAsync(GraphQLWsOperation operation, GraphQLRequest request)
    {
        try
        {
            // Leave the read loop so pings and completes are handled while this runs.
            await Task.Yield();
            var (parsed, syntaxError) = GraphQLRequestRunner.Parse(request);
            if (parsed is null)
            {
                SendError(operation, [syntaxError!]);
                return;
            }
            var result = await runner.ExecuteAsync(parsed, caller!, operation.Services, userContext, options, operation.Cancellation);
            if (result.Streams is { Count: > 0 } streams)
            {
                operation.Attach(streams.Values.First().Subscribe(new StreamObserver(this, operation)));
                return;
            }
            if (!result.Executed)
            {
                SendError(operation, result.Errors ?? [ResultErrorSanitizer.InternalError()]);
                return;
            }
            Send(operation, new OperationMessage { Type = GraphQLWsProtocol.Next, Id = operation.Id, Payload = result }, ends: false);
            SendComplete(operation);
        }
        catch (OperationCanceledException) when (operation.Cancellation.IsCancellationRequested)
        {
            // The client completed the operation or the socket closed.
        }
        catch (Exception exception)
        {
            LogOperationFailed(exception, operation.Id);
            SendError(operation, [ResultErrorSanitizer.InternalError()]);
        }
    }

    private void SendComplete(GraphQLWsOperation operation) =>
        Send(operation, new OperationMessage { Type = GraphQLWsProtocol.Complete, Id = operation.Id }, ends: true);

    private void SendError(GraphQLWsOperation operation, IEnumerable<ExecutionError> errors) =>
        Send(operation, ErrorMessage(operation.Id, errors), ends: true);

    private void Send(GraphQLWsOperation operation, OperationMessage message, bool ends)
    {
        var bytes = Serialize(message);
        if (operation.TrySend(() => Enqueue(bytes), ends) && ends)
        {
            operations.TryRemove(KeyValuePair.Create(operation.Id, operation));
        }
    }

    private static OperationMessage ErrorMessage(string id, IEnumerable<ExecutionError> errors) =>
        new() { Type = GraphQLWsProtocol.Error, Id = id, Payload = errors.ToList() };

    private void Enqueue(OperationMessage message) => Enqueue(Serialize(message));

    private void Enqueue(byte[] message)
    {
        if (!outbox.Writer.TryWrite(message) && close is null)
        {
            RequestClose((int)WebSocketCloseStatus.PolicyViolation, "Too many messages waiting for the client");
        }
    }

    private static byte[] Serialize(OperationMessage message) =>
        Encoding.UTF8.GetBytes(TransportErrorInfoProvider.Serializer.Serialize(message));

    private bool TryGetId(JsonElement message, out string id)
    {
        id = "";
        if (message.TryGetProperty("id", out var idProperty) && idProperty.ValueKind == JsonValueKind.String
            && idProperty.GetString() is { Length: > 0 } value)
        {
            id = value;
            return true;
        }
        RequestClose(GraphQLWsCloseCodes.BadRequest, "The message needs a non-empty string 'id'");
        return false;
    }

    private bool TryGetOptionalPayload(JsonElement message, out JsonElement? payload)
    {
        payload = null;
        if (!message.TryGetProperty("payload", out var value) || value.ValueKind == JsonValueKind.Null) return true;
        if (value.ValueKind == JsonValueKind.Object)
        {
            payload = value.Clone();
            return true;
        }
        RequestClose(GraphQLWsCloseCodes.BadRequest, "The message 'payload' must be an object");
        return false;
    }

    /// <summary>A close reason may be at most 123 bytes of UTF-8 (RFC 6455 §5.5).</summary>
    private static string Truncate(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= 123) return reason;
        var end = reason.Length;
        while (Encoding.UTF8.GetByteCount(reason.AsSpan(0, end)) > 120) end--;
        if (end > 0 && char.IsHighSurrogate(reason[end - 1])) end--;
        return string.Concat(reason.AsSpan(0, end), "...");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "GraphQL WebSocket connection failed")]
    private partial void LogConnectionFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "GraphQL WebSocket operation {OperationId} failed")]
    private partial void LogOperationFailed(Exception exception, string operationId);

    /// <summary>Bridges a GraphQL.NET response stream to the socket; nothing thrown here reaches the publisher.</summary>
    private sealed class StreamObserver(GraphQLWsConnection connection, GraphQLWsOperation operation) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) => Guard(() =>
        {
            var result = connection.runner.Sanitizer.Sanitize(value);
            connection.Send(operation, new OperationMessage { Type = GraphQLWsProtocol.Next, Id = operation.Id, Payload = result }, ends: false);
        });

        public void OnError(Exception error) => Guard(() =>
            connection.SendError(operation, connection.runner.Sanitizer.FromException(error)));

        public void OnCompleted() => Guard(() => connection.SendComplete(operation));

        private void Guard(Action action)
        {
            try
            {
                action();
            }
            catch (Exception exception)
            {
                connection.LogOperationFailed(exception, operation.Id);
                connection.SendError(operation, [ResultErrorSanitizer.InternalError()]);
            }
        }
    }
}
