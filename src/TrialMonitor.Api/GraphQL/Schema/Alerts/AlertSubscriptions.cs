using GraphQL;
using GraphQL.Types;
using Marten;
using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.Alerts.Listening;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.GraphQL.Schema.Common;

namespace TrialMonitor.Api.GraphQL.Schema.Alerts;

public static class AlertSubscriptions
{
    public static void AddAlertSubscriptions(this ObjectGraphType subscription, IDocumentStore store, AlertHub hub)
    {
        subscription.Field<NonNullGraphType<AlertType>>("alerts")
            .Description("Every alert change (raised, acknowledged, withdrawn) matching the filter: first each one stored after the "
                + "`after` cursor, in feed order, then live ones as they are committed, on whichever instance they were written; "
                + "none repeated. A coordinator receives only the alerts of their sites' patients. Keep the `cursor` of the last alert received and pass it as `after` when reconnecting: the socket "
                + "alone delivers at most once, the stored feed and the cursor make delivery complete. Without `after`, the whole feed first.")
            .AuthorizeWithRoles(AlertRoles.Readers)
            .Argument<AlertFilterInputType>("filter")
            .Argument<StringGraphType>("after", "The cursor of the last alert received; only later changes are sent.")
            .ResolveStream(ctx =>
            {
                if (!AlertCursor.TryParse(ctx.GetArgument<string?>("after"), out var cursor))
                {
                    throw InputErrors.Field("after", "not a cursor of the alerts feed");
                }
                var filter = (ctx.GetArgument<AlertFilterInput?>("filter")?.ToFilter() ?? AlertFilter.All)
                    with { ReadableSites = SiteAccess.ReadableSites(ctx.User) };
                return new AsyncEnumerableObservable<Alert>(ct => AlertDelivery.ReadAsync(store, hub, cursor, filter, cancellation: ct));
            })
            .Resolve(ctx => ctx.Source);
    }
}

/// <summary>
/// An IAsyncEnumerable as the source stream of a subscription field: each subscriber enumerates it
/// once, values are pushed in order from one loop, and disposing the subscription cancels the loop.
/// </summary>
public sealed class AsyncEnumerableObservable<T>(Func<CancellationToken, IAsyncEnumerable<T>> source) : IObservable<object?>
{
    public IDisposable Subscribe(IObserver<object?> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var stop = new CancellationTokenSource();
        _ = Task.Run(() => PumpAsync(observer, stop.Token));
        return new Cancel(stop);
    }

    private async Task PumpAsync(IObserver<object?> observer, CancellationToken cancellation)
    {
        try
        {
            await foreach (var value in source(cancellation).WithCancellation(cancellation))
            {
                observer.OnNext(value);
            }
            observer.OnCompleted();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Unsubscribed.
        }
#pragma warning disable CA1031 // Whatever the source throws ends the stream as an error to its subscriber.
        catch (Exception error)
#pragma warning restore CA1031
        {
            observer.OnError(error);
        }
    }

    private sealed class Cancel(CancellationTokenSource stop) : IDisposable
    {
        public void Dispose()
        {
            stop.Cancel();
            stop.Dispose();
        }
    }
}
