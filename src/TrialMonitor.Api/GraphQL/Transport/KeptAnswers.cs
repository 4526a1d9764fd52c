using System.Collections.Concurrent;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;

namespace TrialMonitor.Api.GraphQL.Transport;

/// <summary>What a kept answer is reused for: the same request from a caller of the same scope.</summary>
internal sealed record AnswerKey(string Scope, string Query, string OperationName, string Variables, string Extensions)
{
    public static AnswerKey Of(string scope, GraphQLRequest request) => new(
        scope, request.Query ?? "", request.OperationName ?? "",
        request.Variables is null ? "" : TransportErrorInfoProvider.Serializer.Serialize(request.Variables),
        request.Extensions is null ? "" : TransportErrorInfoProvider.Serializer.Serialize(request.Extensions));
}

/// <summary>
/// Serialized HTTP answers of queries that read only from <see cref="IAnswerSource"/>s (fields marked with
/// <see cref="ReusableAnswers.ReusableWhileSourcesHold{TSource,TReturn}"/>), sent again to the same request from a
/// caller of the same scope while every source holds: many readers of an unchanged cohort cost a stamp read each
/// instead of an execution and a serialization each. Answers with errors are never kept.
/// </summary>
internal sealed class KeptAnswers
{
    // A 100-line page of Table 3 with Table 2 is tens of KB, a whole 10 000-patient Table 3 a few MB: past this
    // many bytes in all the kept answers start over rather than grow without bound.
    private const long MaxBytes = 64L * 1024 * 1024;

    private readonly ConcurrentDictionary<AnswerKey, KeptAnswer> answers = new();
    private long bytes;

    /// <returns>The kept answer to this request while all its sources hold, else null.</returns>
    public async Task<byte[]?> FindAsync(AnswerKey key, CancellationToken cancellation)
    {
        if (!answers.TryGetValue(key, out var kept)) return null;
        foreach (var source in kept.Sources)
        {
            if (await source.IsCurrentAsync(cancellation)) continue;
            if (answers.TryRemove(KeyValuePair.Create(key, kept))) Interlocked.Add(ref bytes, -kept.Body.Length);
            return null;
        }
        return kept.Body;
    }

    /// <summary>
    /// Whether the result may be kept: executed without errors, every root field reusable, and read from at least
    /// one source (a reusable field that named none has nothing to be checked against).
    /// </summary>
    public static bool MayKeep(ExecutionResult result, IReadOnlyCollection<IAnswerSource> sources) =>
        result is { Executed: true, Errors: null or { Count: 0 }, Data: ObjectExecutionNode { SubFields: { Length: > 0 } fields } }
        && sources.Count > 0
        && fields.All(field => field.FieldDefinition is { } definition && ReusableAnswers.IsReusable(definition));

    public void Keep(AnswerKey key, byte[] body, IReadOnlyCollection<IAnswerSource> sources)
    {
        if (body.Length > MaxBytes) return;
        if (Interlocked.Add(ref bytes, body.Length) > MaxBytes)
        {
            answers.Clear();
            Interlocked.Exchange(ref bytes, body.Length);
        }
        if (answers.TryGetValue(key, out var replaced) && answers.TryRemove(KeyValuePair.Create(key, replaced)))
            Interlocked.Add(ref bytes, -replaced.Body.Length);
        if (!answers.TryAdd(key, new KeptAnswer(body, [.. sources]))) Interlocked.Add(ref bytes, -body.Length);
    }

    private sealed record KeptAnswer(byte[] Body, IReadOnlyList<IAnswerSource> Sources);
}
