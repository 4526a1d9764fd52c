using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace TrialMonitor.Api.Tests.GraphQL.Transport;

/// <summary>A bare graphql-transport-ws client over ClientWebSocket, so tests can also break the protocol.</summary>
public sealed class WsTestClient : IAsyncDisposable
{
    public const string SubProtocol = "graphql-transport-ws";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket socket;

    private WsTestClient(ClientWebSocket socket) => this.socket = socket;

    public string? SubProtocolChosen => socket.SubProtocol;

    public static async Task<WsTestClient> ConnectAsync(Uri uri, string? subProtocol = SubProtocol, string? user = null)
    {
        var socket = new ClientWebSocket();
        if (subProtocol is not null) socket.Options.AddSubProtocol(subProtocol);
        if (user is not null) socket.Options.SetRequestHeader("X-Test-User", user);
        using var timeout = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(uri, timeout.Token);
        return new WsTestClient(socket);
    }

    /// <param name="authorization">Sent in the connection_init payload, e.g. "Bearer " + a token.</param>
    public static async Task<WsTestClient> ConnectAndInitAsync(Uri uri, string? user = null, string? authorization = null)
    {
        var client = await ConnectAsync(uri, user: user);
        await client.SendAsync(authorization is null
            ? """{"type":"connection_init"}"""
            : JsonSerializer.Serialize(new { type = "connection_init", payload = new { Authorization = authorization } }));
        Assert.Equal("connection_ack", (await client.ReceiveAsync()).GetProperty("type").GetString());
        return client;
    }

    public async Task SendAsync(string json)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    public Task SubscribeAsync(string id, string query) =>
        SendAsync(JsonSerializer.Serialize(new { id, type = "subscribe", payload = new { query } }));

    /// <summary>The next message; fails the test if the server closes instead.</summary>
    /// <param name="patience">How long to wait: 10 s, or longer for a push that waits on the async daemon.</param>
    public async Task<JsonElement> ReceiveAsync(TimeSpan? patience = null)
    {
        var message = await ReceiveMessageAsync(patience ?? Patience);
        Assert.True(message is not null, $"Expected a message, but the socket closed with {socket.CloseStatus} {socket.CloseStatusDescription}");
        return message.Value;
    }

    /// <summary>Reads until the server closes, failing on any message in between.</summary>
    public async Task<(int? Code, string? Reason)> ReceiveCloseAsync()
    {
        var message = await ReceiveMessageAsync(Patience);
        Assert.True(message is null, $"Expected the socket to close, but received {message}");
        return ((int?)socket.CloseStatus, socket.CloseStatusDescription);
    }

    public async Task CloseAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
    }

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<JsonElement?> ReceiveMessageAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
                }
                return null;
            }
            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage) break;
        }
        using var json = JsonDocument.Parse(message.ToArray());
        return json.RootElement.Clone();
    }
}
