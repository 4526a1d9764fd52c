using GraphQL.DataLoader;

namespace TrialMonitor.Api.GraphQL.Schema.Common;

/// <summary>
/// Loads Marten documents by id in one query per batch: every id asked for while a level of the
/// operation resolves is loaded together when the first result is awaited (GraphQL.NET awaits
/// <see cref="IDataLoaderResult"/>s after the level). Nothing is cached past its batch, so a
/// subscription that keeps its loader for every event still reads current documents.
/// </summary>
internal sealed class DocumentLoader<T>(Func<IReadOnlyCollection<Guid>, CancellationToken, Task<IReadOnlyList<T>>> loadMany, Func<T, Guid> idOf)
    where T : notnull
{
    private readonly object gate = new();
    private Dictionary<Guid, TaskCompletionSource<T?>> pending = [];

    public IDataLoaderResult<T?> Load(Guid id)
    {
        lock (gate)
        {
            if (!pending.TryGetValue(id, out var completion))
            {
                completion = new TaskCompletionSource<T?>(TaskCreationOptions.RunContinuationsAsynchronously);
                pending[id] = completion;
            }
            return new Result(this, completion.Task);
        }
    }

    private async Task DispatchAsync(CancellationToken cancellation)
    {
        Dictionary<Guid, TaskCompletionSource<T?>> batch;
        lock (gate)
        {
            if (pending.Count == 0) return;
            batch = pending;
            pending = [];
        }
        try
        {
            var byId = (await loadMany(batch.Keys, cancellation)).ToDictionary(idOf);
            foreach (var (id, completion) in batch) completion.TrySetResult(byId.GetValueOrDefault(id));
        }
#pragma warning disable CA1031 // the batch's waiters receive the failure instead
        catch (Exception e)
#pragma warning restore CA1031
        {
            foreach (var completion in batch.Values) completion.TrySetException(e);
        }
    }

    private sealed class Result(DocumentLoader<T> loader, Task<T?> task) : IDataLoaderResult<T?>
    {
        public async Task<T?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (!task.IsCompleted) await loader.DispatchAsync(cancellationToken);
            return await task;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}
