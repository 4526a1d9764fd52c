using GraphQL;
using GraphQL.Types;
using Marten;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Cohort;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.GraphQL.Schema.Patients;
using TrialMonitor.Api.GraphQL.Transport;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.GraphQL.Schema.Cohort;

public static class CohortQueries
{
    public static void AddCohortQueries(this ObjectGraphType query, IDocumentStore store, CohortViews cohorts)
    {
        query.Field<CohortType>("cohort")
            .Description("The cohort views of a trial, computed from its patient charts (a coordinator's: their sites' patients); null for an unknown trial.")
            .AuthorizeWithRoles(Roles.PatientReaders)
            .Argument<NonNullGraphType<IdGraphType>>("trialId")
            .Argument<StringGraphType>(CriteriaSetArguments.CriteriaSet, CriteriaSetArguments.CriteriaSetDescription)
            .ReusableWhileSourcesHold()
            .ResolveAsync(async ctx =>
            {
                var (trialId, sites, criteriaSet) = (ctx.IdArgument("trialId"), SiteAccess.ReadableSites(ctx.User), ctx.CriteriaSetArgument());
                var report = await cohorts.ForTrialAsync(trialId, sites, criteriaSet, ctx.CancellationToken);
                ctx.ReadFrom(new CohortReportSource(cohorts, report, trialId, sites, criteriaSet));
                return report;
            });

        query.Field<ListGraphType<NonNullGraphType<PatientDifferencesType>>>("criteriaComparison")
            .Description("The trial's patients on whom the criteria sets disagree (the category of a cytogenetic result, the protocol "
                         + "status, the Table 2 row or the Table 3 line), in subject id order, the same events evaluated under each set "
                         + "(a coordinator's: their sites' patients); null for an unknown trial.")
            .AuthorizeWithRoles(Roles.PatientReaders)
            .Argument<NonNullGraphType<IdGraphType>>("trialId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>(CriteriaSetArguments.CriteriaSets,
                "At least two different criteria sets, e.g. [\"MDACC-2003\", \"ELN-2013\"]; the values are listed in this order.")
            .ResolveAsync(async ctx =>
                await cohorts.CompareAsync(ctx.IdArgument("trialId"), SiteAccess.ReadableSites(ctx.User), ctx.CriteriaSetsArgument(),
                    ctx.CancellationToken));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrialDiscrepancyType>>>>("discrepancies")
            .Description("Investigator-reported responses that differ from the derived ones, by subject id and date (a coordinator's: their sites').")
            .AuthorizeWithRoles(Roles.PatientReaders)
            .Argument<NonNullGraphType<IdGraphType>>("trialId")
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                var trialId = ctx.IdArgument("trialId");
                var query = session.Query<PatientChart>().Where(c => c.TrialId == trialId && c.Assessment.Discrepancies.Any());
                if (SiteAccess.ReadableSites(ctx.User) is { } sites) query = query.Where(c => sites.Contains(c.Site));
                var charts = await query
                    .OrderBy(c => c.SubjectId)
                    .ToListAsync(ctx.CancellationToken);
                return charts.SelectMany(c => c.Assessment.Discrepancies.OrderBy(d => d.AssessedOn).Select(d => new TrialDiscrepancy(c, d))).ToList();
            });
    }
}

/// <summary>A discrepancy with the patient it concerns.</summary>
public sealed record TrialDiscrepancy(PatientChart Patient, Discrepancy Discrepancy);

public sealed class TrialDiscrepancyType : ObjectGraphType<TrialDiscrepancy>
{
    public TrialDiscrepancyType()
    {
        Name = "TrialDiscrepancy";
        Field<NonNullGraphType<PatientType>>("patient").Resolve(ctx => ctx.Source.Patient);
        Field("subjectId", d => d.Patient.SubjectId);
        Field("assessedOn", d => d.Discrepancy.AssessedOn);
        Field("kind", d => d.Discrepancy.Kind);
        Field("reported", d => d.Discrepancy.Reported);
        Field("derived", d => d.Discrepancy.Derived);
    }
}
