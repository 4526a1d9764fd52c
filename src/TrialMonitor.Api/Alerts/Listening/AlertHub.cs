using System.Collections.Immutable;
using System.Threading.Channels;

namespace TrialMonitor.Api.Alerts.Listening;

/// <summary>
/// In-process fan-out of alert changes as the listener reads them from the feed, in feed order.
/// A subscriber that must not miss anything opens its subscription first, then replays
/// <see cref="AlertFeed.AfterAsync"/> from its cursor, then reads the subscription, skipping
/// positions it has already seen (the hub may repeat positions after a rebuild or reconnect).
/// </summary>
public sealed class AlertHub : IObservable<Alert>
{
    private ImmutableList<IObserver<Alert>> observers = [];
    private long lastPosition;

    /// <summary>The feed position of the last alert published on this instance.</summary>
    public long LastPosition => Interlocked.Read(ref lastPosition);

    public IDisposable Subscribe(IObserver<Alert> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ImmutableInterlocked.Update(ref observers, list => list.Add(observer));
        return new Unsubscriber(this, observer);
    }

    /// <summary>A subscription read as a channel; dispose it to stop receiving.</summary>
    public AlertSubscription Open()
    {
        var channel = Channel.CreateUnbounded<Alert>(new UnboundedChannelOptions { SingleReader = true });
        var observer = new ChannelObserver(channel.Writer);
        return new AlertSubscription(channel.Reader, Subscribe(observer));
    }

    internal void Publish(Alert alert)
    {
        Interlocked.Exchange(ref lastPosition, alert.Position);
        foreach (var observer in observers) observer.OnNext(alert);
    }

    private sealed class Unsubscriber(AlertHub hub, IObserver<Alert> observer) : IDisposable
    {
        public void Dispose()
        {
            ImmutableInterlocked.Update(ref hub.observers, list => list.Remove(observer));
            observer.OnCompleted();
        }
    }

    private sealed class ChannelObserver(ChannelWriter<Alert> writer) : IObserver<Alert>
    {
        public void OnNext(Alert value) => writer.TryWrite(value);

        public void OnError(Exception error) => writer.TryComplete(error);

        public void OnCompleted() => writer.TryComplete();
    }
}

/// <summary>Alerts published by the hub since the subscription was opened.</summary>
public sealed class AlertSubscription(ChannelReader<Alert> alerts, IDisposable subscription) : IDisposable
{
    public ChannelReader<Alert> Alerts { get; } = alerts;

    public void Dispose() => subscription.Dispose();
}
