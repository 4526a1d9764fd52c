namespace TrialMonitor.Api.GraphQL.Transport.WebSockets;

/// <summary>
/// One subscribe on a socket, from the subscribe message until it completes, errs or the client
/// completes it. Nothing is sent for it once it has ended.
/// </summary>
internal sealed class GraphQLWsOperation(string id, AsyncServiceScope scope) : IDisposable
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource cancellation = new();
    private bool active = true;
    private int disposed;
    private IDisposable? subscription;

    public string Id { get; } = id;
    public IServiceProvider Services => scope.ServiceProvider;
    public CancellationToken Cancellation => cancellation.Token;

    /// <summary>Runs <paramref name="send"/> only while the operation is active; ends it when <paramref name="ends"/>.</summary>
    public bool TrySend(Action send, bool ends)
    {
        lock (gate)
        {
            if (!active) return false;
            if (ends) active = false;
            send();
        }
        if (ends) Dispose();
        return true;
    }

    public void Attach(IDisposable sourceSubscription)
    {
        lock (gate)
        {
            if (active)
            {
                subscription = sourceSubscription;
                return;
            }
        }
        sourceSubscription.Dispose();
    }

    public void Stop()
    {
        lock (gate) active = false;
        Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        IDisposable? toDispose;
        lock (gate)
        {
            toDispose = subscription;
            subscription = null;
        }
        try
        {
            cancellation.Cancel();
            toDispose?.Dispose();
        }
        finally
        {
            // Resolvers of a cancelled operation may still hold the token, so the source is left to the GC.
            _ = scope.DisposeAsync().AsTask();
        }
    }
}
