using System.Net;
using System.Net.Sockets;

namespace TrialMonitor.Api.Tests.Operations;

/// <summary>
/// A TCP relay in front of PostgreSQL that a test can cut (refuse new connections, drop open ones)
/// and restore on the same port: the database "goes away" for one API process only.
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint target;
    private readonly List<TcpClient> open = [];
    private TcpListener? listener;
    private CancellationTokenSource? accepting;

    public TcpRelay(string host, int port)
    {
        target = new IPEndPoint(Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork), port);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public void Start()
    {
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        accepting = new CancellationTokenSource();
        _ = AcceptAsync(listener, accepting.Token);
    }

    /// <summary>Stops listening and closes every relayed connection.</summary>
    public void Cut()
    {
        accepting?.Cancel();
        listener?.Stop();
        lock (open)
        {
            foreach (var client in open) client.Dispose();
            open.Clear();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        accepting?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener server, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await server.AcceptTcpClientAsync(cancellation);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(target, cancellation);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                client.Dispose();
                upstream.Dispose();
                continue;
            }
            lock (open)
            {
                open.Add(client);
                open.Add(upstream);
            }
            _ = PumpAsync(client, upstream);
            _ = PumpAsync(upstream, client);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or SocketException)
        {
            // Cut, or the other side closed.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
