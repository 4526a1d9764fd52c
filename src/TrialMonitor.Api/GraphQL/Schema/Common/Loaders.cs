using GraphQL;
using GraphQL.DataLoader;
using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Trials;

namespace TrialMonitor.Api.GraphQL.Schema.Common;

/// <summary>The per-request batched loads of the documents one node refers to.</summary>
public static class Loaders
{
    public static IDataLoaderResult<Trial?> LoadTrial(this IResolveFieldContext context, IDocumentStore store, Guid id) =>
        For(context, store, (Trial t) => t.Id).Load(id);

    public static IDataLoaderResult<PatientChart?> LoadChart(this IResolveFieldContext context, IDocumentStore store, Guid id) =>
        For(context, store, (PatientChart c) => c.Id).Load(id);

    /// <summary>A chart's entries in force: those it holds (a replayed chart), else those stored, read for every chart of the level at once.</summary>
    public static IDataLoaderResult<IReadOnlyList<IPatientEntry>> LoadEntries(this IResolveFieldContext context, IDocumentStore store, PatientChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (chart.HasEntries) return new Loaded<IReadOnlyList<IPatientEntry>>(chart.Entries);
        var loader = For(context, "loader:entries", async (ids, cancellation) =>
        {
            await using var session = store.QuerySession();
            return [.. await ChartEntries.InForceAsync(session, [.. ids], cancellation)];
        }, (IGrouping<Guid, RecordedEntry> entries) => entries.Key);
        return loader.Load(chart.Id).Then(entries => (IReadOnlyList<IPatientEntry>)(entries is null ? [] : [.. entries.Select(e => e.Entry)]));
    }

    private static DocumentLoader<T> For<T>(IResolveFieldContext context, IDocumentStore store, Func<T, Guid> idOf) where T : notnull =>
        For(context, "loader:" + typeof(T).FullName, async (ids, cancellation) =>
        {
            await using var session = store.QuerySession();
            return await session.LoadManyAsync<T>(cancellation, ids);
        }, idOf);

    /// <summary>The request's loader under this key, kept in the operation's user context.</summary>
    private static DocumentLoader<T> For<T>(IResolveFieldContext context, string key,
        Func<IReadOnlyCollection<Guid>, CancellationToken, Task<IReadOnlyList<T>>> loadMany, Func<T, Guid> idOf) where T : notnull
    {
        lock (context.UserContext)
        {
            if (context.UserContext.TryGetValue(key, out var existing) && existing is DocumentLoader<T> loader) return loader;
            var created = new DocumentLoader<T>(loadMany, idOf);
            context.UserContext[key] = created;
            return created;
        }
    }

    private sealed class Loaded<T>(T value) : IDataLoaderResult<T>
    {
        public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult(value);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }

    /// <summary>What a loaded value becomes, once it is loaded.</summary>
    public static IDataLoaderResult<TOut> Then<TIn, TOut>(this IDataLoaderResult<TIn> loading, Func<TIn, TOut> map) => new Mapped<TIn, TOut>(loading, map);

    private sealed class Mapped<TIn, TOut>(IDataLoaderResult<TIn> loading, Func<TIn, TOut> map) : IDataLoaderResult<TOut>
    {
        public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) => map(await loading.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
