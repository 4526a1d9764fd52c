using GraphQL;
using GraphQL.Types;
using Marten;
using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.GraphQL.Transport;

namespace TrialMonitor.Api.GraphQL.Schema.Alerts;

public static class AlertQueries
{
    public static void AddAlertQueries(this ObjectGraphType query, IDocumentStore store)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlertType>>>>("openAlerts")
            .Description("The trial's alerts neither acknowledged nor withdrawn, in the order they were raised (a coordinator's: of their sites' patients).")
            .AuthorizeWithRoles(AlertRoles.Readers)
            .Argument<NonNullGraphType<IdGraphType>>("trialId")
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                return await AlertFeed.OpenAsync(session, ctx.IdArgument("trialId"), SiteAccess.ReadableSites(ctx.User), ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlertType>>>>("acknowledgedAlerts")
            .Description("The trial's acknowledged alerts (not withdrawn since), in the order they were raised (a coordinator's: of their sites' patients).")
            .AuthorizeWithRoles(AlertRoles.Readers)
            .Argument<NonNullGraphType<IdGraphType>>("trialId")
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                return await AlertFeed.AcknowledgedAsync(session, ctx.IdArgument("trialId"), SiteAccess.ReadableSites(ctx.User), ctx.CancellationToken);
            });

        query.Field<AlertType>("alert")
            .Description("One alert; a coordinator is refused an alert of another site's patient.")
            .AuthorizeWithRoles(AlertRoles.Readers)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                var alert = await AlertFeed.ByIdAsync(session, ctx.IdArgument("id"), ctx.CancellationToken);
                if (alert is not null && SiteAccess.ReadableSites(ctx.User) is { } sites && !sites.Contains(alert.Site))
                {
                    throw new ExecutionError($"Alert {alert.Id} is of a patient at site {alert.Site}; your token's sites are "
                        + (sites.Count == 0 ? "none" : string.Join(", ", sites)) + ".") { Code = GraphQLErrorCodes.Forbidden };
                }
                return alert;
            });
    }
}

/// <summary>
/// Who may use the alert fields: monitors read and acknowledge, auditors read, coordinators read their sites' patients' alerts
/// (scoped as the cohort views are, by <see cref="SiteAccess.ReadableSites"/>).
/// </summary>
public static class AlertRoles
{
    public static readonly string[] Readers = [Roles.SafetyMonitor, Roles.Auditor, Roles.Coordinator];

    public static readonly string[] Acknowledgers = [Roles.SafetyMonitor];
}
