using GraphQL.Types;
using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.GraphQL.Schema.Patients;
using TrialMonitor.Api.Patients.Chart;

namespace TrialMonitor.Api.GraphQL.Schema.Recording;

/// <summary>What a recording did, and the patient's chart as it is after it (the chart is inline, so current).</summary>
public sealed class EntryPayloadType : ObjectGraphType<EntryResult>
{
    public EntryPayloadType(IDocumentStore store)
    {
        Name = "EntryPayload";
        Field(r => r.PatientId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(r => r.EntryKey);
        Field<NonNullGraphType<IntGraphType>>("version").Description("Stream version after the entry.").Resolve(ctx => (int)ctx.Source.Version);
        Field(r => r.AlreadyRecorded).Description("True when the entry key was recorded before with the same content: nothing was appended.");
        Field<NonNullGraphType<PatientType>>("patient")
            .Description("The chart read after the write (not from the request's cache: a later mutation of the same request sees its own changes).")
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                return await session.LoadAsync<PatientChart>(ctx.Source.PatientId, ctx.CancellationToken);
            });
    }
}
