using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.GraphQL.Schema.Common;
using Wolverine;

namespace TrialMonitor.Api.GraphQL.Schema.Recording;

/// <summary>
/// Mutations send the same Wolverine commands as every other writer; the handlers decide, validate
/// and append. The arguments every patient entry shares are declared here once.
/// </summary>
public static class WritePath
{
    /// <summary>Sends the command as the caller (user, role, source, reason and correlation id go onto its events).</summary>
    public static Task<T> SendAsync<T>(this IResolveFieldContext context, object command, string? reason = null) =>
        (context.RequestServices ?? throw new InvalidOperationException("The GraphQL request has no RequestServices to send commands with"))
            .GetRequiredService<IMessageBus>().InvokeAsync<T>(command, WriteActor.From(context, reason), context.CancellationToken);

    /// <summary>
    /// A patient command, sent as every writer sends it (<see cref="PatientWrites"/>) with the correction's
    /// reason (or a void's) as the events' reason; the handlers check the caller's sites on the patient's own.
    /// </summary>
    public static async Task<EntryResult> RecordAsync(this IResolveFieldContext context, object command)
    {
        var reason = context.HasArgument("correction") ? context.Correction()?.Reason
            : context.HasArgument("reason") ? context.GetArgument<string>("reason")
            : null;
        var services = context.RequestServices ?? throw new InvalidOperationException("The GraphQL request has no RequestServices to send commands with");
        return await services.GetRequiredService<IMessageBus>().RecordAsync(command, WriteActor.From(context, reason), context.CancellationToken);
    }

    /// <summary>patientId and entryKey, the arguments that say which entry of which patient this is.</summary>
    public static FieldBuilder<TSource, TReturn> EntryOf<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) => field
        .Argument<NonNullGraphType<IdGraphType>>("patientId")
        .Argument<NonNullGraphType<StringGraphType>>("entryKey", "Idempotency key, e.g. the lab accession number: the same key sent again appends nothing and returns the same result.");

    /// <summary>The optional correction and expectedVersion arguments.</summary>
    public static FieldBuilder<TSource, TReturn> EntryOptions<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) => field
        .Argument<ClinicalInputType<Correction>>("correction", "This entry replaces an earlier one; the earlier one is voided, with the reason.")
        .ExpectedVersion();

    public static FieldBuilder<TSource, TReturn> ExpectedVersion<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) => field
        .Argument<IntGraphType>("expectedVersion", "The patient's version the entry was decided on; refused with CONFLICT if the patient changed since.");

    public static Guid PatientId(this IResolveFieldContext context) => context.IdArgument("patientId");

    public static string EntryKey(this IResolveFieldContext context) => context.GetArgument<string>("entryKey");

    public static Correction? Correction(this IResolveFieldContext context) => context.GetArgument<Correction?>("correction");

    public static long? ExpectedVersion(this IResolveFieldContext context) => context.GetArgument<int?>("expectedVersion");
}
