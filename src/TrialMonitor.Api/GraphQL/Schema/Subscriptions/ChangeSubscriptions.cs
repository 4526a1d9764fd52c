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
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Telemetry;

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
                var change = (ChartChanged)ctx.Source!;
                await using var session = store.QuerySession();
                var chart = await session.LoadAsync<PatientChart>(change.PatientId!.Value, ctx.CancellationToken);
                Delivered(change, "patientChanged");
                return chart;
            });

        Field<NonNullGraphType<CohortType>>("cohortChanged")
            .Description("The trial's cohort views, recomputed after each committed change to one of its patients or to the trial (a coordinator's: their sites' patients).")
            .AuthorizeWithRoles(Roles.PatientReaders)
            .Argument<NonNullGraphType<IdGraphType>>("trialId")
            .ResolveStream(ctx =>
            {
                var trialId = ctx.IdArgument("trialId");
                // A coordinator's views hold their sites' patients only: another site's change leaves them as they were.
                var sites = SiteAccess.ReadableSites(ctx.User);
                return changes.Where(c => c.TrialId == trialId && (sites is null || c.Site is null || sites.Contains(c.Site)));
            })
            .ResolveAsync(async ctx =>
            {
                var change = (ChartChanged)ctx.Source!;
                var views = await cohorts.ForTrialAsync(change.TrialId, SiteAccess.ReadableSites(ctx.User), cancellation: ctx.CancellationToken);
                Delivered(change, "cohortChanged");
                return views;
            });

        this.AddAlertSubscriptions(store, alerts);
    }

    private static void Delivered(ChartChanged change, string subscription) =>
        TrialMonitorMetrics.CommitToSubscriber.Record((DateTimeOffset.UtcNow - change.CommittedAt).TotalMilliseconds,
            new KeyValuePair<string, object?>("subscription", subscription));
}
