using GraphQL;
using GraphQL.Types;
using Marten;
using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.GraphQL.Schema.Common;

namespace TrialMonitor.Api.GraphQL.Schema.Alerts;

public static class AlertQueries
{
    public static void AddAlertQueries(this ObjectGraphType query, IDocumentStore store)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlertType>>>>("openAlerts")
            .AuthorizeWithRoles(Roles.SafetyMonitor, Roles.Auditor)
            .Description("The trial's alerts neither acknowledged nor withdrawn, in the order they were raised.")
            .AuthorizeWithRoles(AlertRoles.Readers)
            .Argument<NonNullGraphType<IdGraphType>>("trialId")
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                return await AlertFeed.OpenAsync(session, ctx.IdArgument("trialId"), ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlertType>>>>("acknowledgedAlerts")
            .AuthorizeWithRoles(Roles.SafetyMonitor, Roles.Auditor)
            .Description("The trial's acknowledged alerts (not withdrawn since), in the order they were raised.")
            .AuthorizeWithRoles(AlertRoles.Readers)
            .Argument<NonNullGraphType<IdGraphType>>("trialId")
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                return await AlertFeed.AcknowledgedAsync(session, ctx.IdArgument("trialId"), ctx.CancellationToken);
            });

        query.Field<AlertType>("alert")
            .AuthorizeWithRoles(Roles.SafetyMonitor, Roles.Auditor)
            .AuthorizeWithRoles(AlertRoles.Readers)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                return await AlertFeed.ByIdAsync(session, ctx.IdArgument("id"), ctx.CancellationToken);
            });
    }
}

/// <summary>Who may use the alert fields (checked once authentication is wired): monitors read and acknowledge, auditors read.</summary>
public static class AlertRoles
{
    public static readonly string[] Readers = [Roles.SafetyMonitor, Roles.Auditor];

    public static readonly string[] Acknowledgers = [Roles.SafetyMonitor];
}
