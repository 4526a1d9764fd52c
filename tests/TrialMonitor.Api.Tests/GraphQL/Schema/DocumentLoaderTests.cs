using TrialMonitor.Api.GraphQL.Schema.Common;

namespace TrialMonitor.Api.Tests.GraphQL.SchemaTests;

public sealed class DocumentLoaderTests
{
    private sealed record Doc(Guid Id);

    [Fact]
    public async Task Ids_asked_for_before_the_first_result_is_awaited_are_loaded_in_one_batch()
    {
        var batches = new List<IReadOnlyCollection<Guid>>();
        var loader = new DocumentLoader<Doc>((ids, _) =>
        {
            batches.Add([.. ids]);
            return Task.FromResult<IReadOnlyList<Doc>>([.. ids.Select(id => new Doc(id))]);
        }, d => d.Id);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());

        var results = new[] { loader.Load(a), loader.Load(b), loader.Load(a) };
        var docs = await Task.WhenAll(results.Select(r => r.GetResultAsync()));

        Assert.Equal([a, b, a], docs.Select(d => d!.Id));
        Assert.Equal([a, b], Assert.Single(batches));
    }

    [Fact]
    public async Task A_later_load_reads_again_so_a_long_lived_loader_never_serves_stale_documents()
    {
        var calls = 0;
        var loader = new DocumentLoader<Doc>((ids, _) =>
        {
            calls++;
            return Task.FromResult<IReadOnlyList<Doc>>([.. ids.Select(id => new Doc(id))]);
        }, d => d.Id);
        var id = Guid.NewGuid();

        await loader.Load(id).GetResultAsync();
        await loader.Load(id).GetResultAsync();

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_missing_document_loads_as_null()
    {
        var loader = new DocumentLoader<Doc>((_, _) => Task.FromResult<IReadOnlyList<Doc>>([]), d => d.Id);

        Assert.Null(await loader.Load(Guid.NewGuid()).GetResultAsync());
    }
}
