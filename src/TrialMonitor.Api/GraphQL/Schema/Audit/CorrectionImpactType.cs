using GraphQL.Types;
using TrialMonitor.Api.Audit.Corrections;
using TrialMonitor.Api.Audit.Replay;
using TrialMonitor.Api.GraphQL.Schema.Common;

namespace TrialMonitor.Api.GraphQL.Schema.Audit;

public sealed class CorrectionImpactType : ObjectGraphType<CorrectionImpact>
{
    public CorrectionImpactType()
    {
        Name = "CorrectionImpact";
        Description = "A correction (an entry voided and replaced) or a void: whose entry, by whom, when and why, and what it changed.";
        Field(c => c.PatientId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.SubjectId);
        Field(c => c.Site);
        Field(c => c.EntryKey).Description("The entry voided.");
        Field(c => c.ReplacementEntryKey, nullable: true).Description("The entry recorded in its place; null for a void.");
        Field(c => c.Reason);
        Field(c => c.User, nullable: true).Description("Who recorded the correction.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("recordedAt").Description("When it was stored.").Resolve(ctx => ctx.Source.RecordedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecordGraphType<DerivedChange>>>>>("changes")
            .Description("What the correction changed, from before the void to after its replacement: the derived values, the level of each "
                         + "PCR result (level.<entryKey>), the molecular milestones (milestone.3, milestone.6, milestone.12), molecularStatus, "
                         + "mmrReachedOn, mmrLostOn, pcrOverdue, and the alerts it raised or withdrew (alert.<KIND>).")
            .Resolve(ctx => ctx.Source.Changes);
    }
}
