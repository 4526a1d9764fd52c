using GraphQL.Types;
using TrialMonitor.Api.Audit.Chain;

namespace TrialMonitor.Api.GraphQL.Schema.Audit;

public sealed class AuditChainVerificationType : ObjectGraphType<ChainVerification>
{
    public AuditChainVerificationType()
    {
        Name = "AuditChainVerification";
        Description = "One stream's hash chain recomputed from the stored events: intact, or the first broken link and why.";
        Field(v => v.StreamId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(v => v.Intact);
        Field(v => v.CheckedEvents).Description("Events whose link matched, up to the first broken one.");
        Field<IntGraphType>("firstBrokenVersion").Description("The stream version of the first link that does not match.")
            .Resolve(ctx => (int?)ctx.Source.FirstBrokenVersion);
        Field(v => v.EventId, type: typeof(IdGraphType)).Description("The event stored (or chained) at that version.");
        Field(v => v.Reason, nullable: true);
        Field(v => v.HeadHash, nullable: true).Description("SHA-256 of the last link when intact: keep it elsewhere to anchor the chain.");
    }
}

public sealed class TrialAuditChainVerificationType : ObjectGraphType<TrialChainVerification>
{
    public TrialAuditChainVerificationType()
    {
        Name = "TrialAuditChainVerification";
        Description = "The trial's stream and every patient stream of the trial.";
        Field(v => v.TrialId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(v => v.Intact);
        Field(v => v.CheckedStreams);
        Field(v => v.CheckedEvents);
        Field<IdGraphType>("streamId").Description("The first stream with a broken link.").Resolve(ctx => ctx.Source.FirstBroken?.StreamId);
        Field<IntGraphType>("firstBrokenVersion").Resolve(ctx => (int?)ctx.Source.FirstBroken?.FirstBrokenVersion);
        Field<IdGraphType>("eventId").Resolve(ctx => ctx.Source.FirstBroken?.EventId);
        Field<StringGraphType>("reason").Resolve(ctx => ctx.Source.FirstBroken?.Reason);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AuditChainVerificationType>>>>("broken")
            .Description("Every stream with a broken link.")
            .Resolve(ctx => ctx.Source.Broken);
    }
}
