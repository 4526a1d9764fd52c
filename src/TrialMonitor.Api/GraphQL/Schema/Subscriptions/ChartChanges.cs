namespace TrialMonitor.Api.GraphQL.Schema.Subscriptions;

/// <summary>
/// A commit changed this patient's chart (PatientId, at Site) or this trial's settings (PatientId and Site null).
/// </summary>
public sealed record ChartChanged(Guid TrialId, Guid? PatientId, string? Site, DateTimeOffset CommittedAt);

/// <summary>
/// In-process hub of committed chart and trial changes, written through any instance: the commit
/// listener (<see cref="ChartChangePublisher"/>) publishes this instance's, the <see cref="ChartChangeListener"/>
/// the others'; the subscription resolvers observe. Observers are called on the publishing thread, so
/// they must not block.
/// </summary>
public sealed class ChartChanges : IObservable<ChartChanged>
{
    private readonly object gate = new();
    private IObserver<ChartChanged>[] observers = [];

    public IDisposable Subscribe(IObserver<ChartChanged> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (gate) observers = [.. observers, observer];
        return new Unsubscriber(this, observer);
    }

    public void Publish(ChartChanged change)
    {
        foreach (var observer in Volatile.Read(ref observers)) observer.OnNext(change);
    }

    /// <summary>The changes that match, as the values a subscription field resolves each event from.</summary>
    public IObservable<object?> Where(Func<ChartChanged, bool> matches) => new Filtered(this, matches);

    private void Unsubscribe(IObserver<ChartChanged> observer)
    {
        lock (gate) observers = [.. observers.Where(o => !ReferenceEquals(o, observer))];
    }

    private sealed class Unsubscriber(ChartChanges hub, IObserver<ChartChanged> observer) : IDisposable
    {
        public void Dispose() => hub.Unsubscribe(observer);
    }

    private sealed class Filtered(ChartChanges hub, Func<ChartChanged, bool> matches) : IObservable<object?>
    {
        public IDisposable Subscribe(IObserver<object?> observer) => hub.Subscribe(new Forward(observer, matches));

        private sealed class Forward(IObserver<object?> target, Func<ChartChanged, bool> matches) : IObserver<ChartChanged>
        {
            public void OnCompleted() => target.OnCompleted();

            public void OnError(Exception error) => target.OnError(error);

            public void OnNext(ChartChanged value)
            {
                if (matches(value)) target.OnNext(value);
            }
        }
    }
}
