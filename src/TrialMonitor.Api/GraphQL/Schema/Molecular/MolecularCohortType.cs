using GraphQL.Types;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Clinical.Cohort;

namespace TrialMonitor.Api.GraphQL.Schema.Molecular;

/// <summary>The cohort's molecular response as <see cref="MolecularCohort"/> computes it, the time to MMR read as an incidence.</summary>
public sealed class MolecularCohortType : RecordGraphType<MolecularCohort>
{
    public MolecularCohortType() : base(c => c.Milestones, c => c.MmrBy12Months, c => c.TimeToMmrCurve, c => c.PcrOverdue)
    {
        Description = "ELN-2020's molecular response over the cohort, as known on the trial's data cut-off, else today (UTC).";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecordGraphType<MilestoneCounts>>>>>("milestones")
            .Description("Patients by the verdict of each milestone (3, 6, 12 months); a patient without day 0 counts as pending.")
            .Resolve(ctx => ctx.Source.Milestones);
        Field<NonNullGraphType<RecordGraphType<MmrBy12Months>>>("mmrBy12Months")
            .Description("Patients with MMR on or before day 365, of those with a day 0 who reached it so or are known on day 365 or later.")
            .Resolve(ctx => ctx.Source.MmrBy12Months);
        Field<NonNullGraphType<CumulativeIncidenceCurveType>>("timeToMmrCurve")
            .Description("Time to MMR (ADaM TTMMR: days from day 0 to the first MMR, censored at the last evaluable result, or at day 0 "
                         + "without one; patients without day 0 left out) as the cumulative incidence of MMR, 1 − S(t) of the Kaplan–Meier "
                         + "estimate, with its 95 % band; the median time to MMR with its band (null when not reached).")
            .Resolve(ctx => ctx.Source.TimeToMmrCurve);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecordGraphType<OverduePcr>>>>>("pcrOverdue")
            .Description("Patients on therapy whose last evaluable result (or day 0) lies more than 122 days back, by subject id.")
            .Resolve(ctx => ctx.Source.PcrOverdue);
    }
}
