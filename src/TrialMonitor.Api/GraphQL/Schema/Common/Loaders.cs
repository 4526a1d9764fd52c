using GraphQL;
using GraphQL.DataLoader;
using Marten;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Trials;

namespace TrialMonitor.Api.GraphQL.Schema.Common;

/// <summary>The per-request batched loads of the documents one node refers to.</summary>
public static class Loaders
{
    public static IDataLoaderResult<Trial?> LoadTrial(this IResolveFieldContext context, IDocumentStore store, Guid id) =>
        For(context, store, (Trial t) => t.Id).Load(id);

    public static IDataLoaderResult<PatientChart?> LoadChart(this IResolveFieldContext context, IDocumentStore store, Guid id) =>
        For(context, store, (PatientChart c) => c.Id).Load(id);

    /// <summary>The request's loader of one document type, kept in the operation's user context.</summary>
    private static DocumentLoader<T> For<T>(IResolveFieldContext context, IDocumentStore store, Func<T, Guid> idOf) where T : notnull
    {
        var key = "loader:" + typeof(T).FullName;
        lock (context.UserContext)
        {
            if (context.UserContext.TryGetValue(key, out var existing) && existing is DocumentLoader<T> loader) return loader;
            var created = new DocumentLoader<T>(async (ids, cancellation) =>
            {
                await using var session = store.QuerySession();
                return await session.LoadManyAsync<T>(cancellation, ids);
            }, idOf);
            context.UserContext[key] = created;
            return created;
        }
    }
}
