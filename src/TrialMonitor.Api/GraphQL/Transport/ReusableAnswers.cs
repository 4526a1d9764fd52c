using System.Collections.Concurrent;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace TrialMonitor.Api.GraphQL.Transport;

/// <summary>
/// Something an answer was read from that can tell cheaply whether it still holds, e.g. a cached report checked
/// against its trial's change stamp.
/// </summary>
public interface IAnswerSource
{
    Task<bool> IsCurrentAsync(CancellationToken cancellation);
}

/// <summary>
/// Root query fields whose whole answer is read from the <see cref="IAnswerSource"/>s their resolvers name
/// (<see cref="ReadFrom"/>). A query made of such fields only is answered over HTTP from its serialized answer
/// while every source still holds (<see cref="KeptAnswers"/>), instead of being executed and serialized again.
/// </summary>
public static class ReusableAnswers
{
    private const string ReusableKey = "trialmonitor.reusable-answer";
    private const string SourcesKey = "trialmonitor.answer-sources";

    /// <summary>
    /// Declares that the field's answer, its sub-selections included, depends on nothing but its arguments, the
    /// caller's scope (<see cref="GraphQLTransportOptions.AnswerScope"/>) and the sources its resolver names.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> ReusableWhileSourcesHold<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        field.FieldType.WithMetadata(ReusableKey, true);
        return field;
    }

    /// <summary>Names a source this field's answer was read from; no-op where answers are not kept (sockets).</summary>
    public static void ReadFrom(this IResolveFieldContext context, IAnswerSource source)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.UserContext.TryGetValue(SourcesKey, out var sources) && sources is ConcurrentQueue<IAnswerSource> queue) queue.Enqueue(source);
    }

    internal static bool IsReusable(FieldType field) => field.GetMetadata(ReusableKey, false);

    /// <summary>Starts collecting the sources of one execution (root fields may resolve in parallel).</summary>
    internal static ConcurrentQueue<IAnswerSource> CollectSources(IDictionary<string, object?> userContext)
    {
        var sources = new ConcurrentQueue<IAnswerSource>();
        userContext[SourcesKey] = sources;
        return sources;
    }
}
