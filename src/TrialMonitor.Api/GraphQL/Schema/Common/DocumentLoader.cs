using GraphQL;
using GraphQL.DataLoader;
using Marten;

namespace TrialMonitor.Api.GraphQL.Schema.Common;

/// <summary>
/// Loads Marten documents by id in one query per batch: every id asked for while a level of the
/// operation resolves is loaded together when the first result is awaited (GraphQL.NET awaits
/// <see cref="IDataLoaderResult"/>s after the level). One loader per document type and request.
/// </summary>
internal sealed class DocumentLoader<T>(IDocumentStore store, Func<T, Guid> idOf) where T : notnull
{
    private readonly object gate = new();
    private readonly Dictionary<Guid, Task<T?>> loaded = [];
    private Dictionary<Guid, TaskCompletionSource<T?>> pending = [];

    public IDataLoaderResult<T?> Load(Guid id)
    {
        lock (gate)
        {
            if (!loaded.TryGetValue(id, out var task))
            {
                var completion = new TaskCompletionSource<T?>(TaskCreationOptions.RunContinuationsAsynchronously);
                pending[id] = completion;
                loaded[id] = task = completion.Task;
            }
            return new Result(this, task);
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
            await using var session = store.QuerySession();
            var documents = await session.LoadManyAsync<T>(cancellation, batch.Keys);
            var byId = documents.ToDictionary(idOf);
            foreach (var (id, completion) in batch) completion.TrySetResult(byId.GetValueOrDefault(id));
        }
        catch (Exception e)
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
