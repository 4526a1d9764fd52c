using GraphQL;
using GraphQL.Types;
using Marten;
using TrialMonitor.Api.Alerts.Listening;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Cohort;
using TrialMonitor.Api.GraphQL.Schema.Alerts;
using TrialMonitor.Api.GraphQL.Schema.Cohort;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.GraphQL.Schema.Patients;
using TrialMonitor.Api.Patients;

namespace TrialMonitor.Api.GraphQL.Schema.Subscriptions;

/// <summary>Pushes the chart or the cohort views again after each commit that changed them (not polled).</summary>
public sealed class ChangeSubscriptions : ObjectGraphType
{
    public ChangeSubscriptions(ChartChanges changes, IDocumentStore store, CohortViews cohorts, AlertHub alerts)
    {
        Name = "Subscription";

        Field<NonNullGraphType<PatientType>>("patientChanged")
            .Description("The patient's chart after each committed change to it; FORBIDDEN for a coordinator of another site.")
            .AuthorizeWithRoles(Roles.PatientReaders)
            .Argument<NonNullGraphType<IdGraphType>>("patientId")
            .ResolveStreamAsync(async ctx =>
            {
                var patientId = ctx.IdArgument("patientId");
                await using (var session = store.QuerySession())
                {
                    SiteAccess.EnsureCanRead(ctx, await session.LoadAsync<PatientChart>(patientId, ctx.CancellationToken));
                }
                return changes.Where(c => c.PatientId == patientId);
            })
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                return await session.LoadAsync<PatientChart>(((ChartChanged)ctx.Source!).PatientId!.Value, ctx.CancellationToken);
            });

        Field<NonNullGraphType<CohortType>>("cohortChanged")
            .Description("The trial's cohort views, recomputed after each committed change to one of its patients or to the trial (a coordinator's: their sites' patients).")
            .AuthorizeWithRoles(Roles.PatientReaders)
            .Argument<NonNullGraphType<IdGraphType>>("trialId")
            .ResolveStream(ctx =>
            {
                var trialId = ctx.IdArgument("trialId");
                return changes.Where(c => c.TrialId == trialId);
            })
            .ResolveAsync(async ctx =>
                await cohorts.ForTrialAsync(((ChartChanged)ctx.Source!).TrialId, SiteAccess.ReadableSites(ctx.User), ctx.CancellationToken));

        this.AddAlertSubscriptions(store, alerts);
    }
}
