using GraphQL;
using GraphQL.Types;
using Marten;
using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.Alerts.Acknowledging;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.GraphQL.Schema.Recording;

namespace TrialMonitor.Api.GraphQL.Schema.Alerts;

public static class AlertMutations
{
    public static void AddAlertMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<AlertAcknowledgementPayloadType>>("acknowledgeAlert")
            .AuthorizeWithRoles(Roles.SafetyMonitor)
            .Description("A safety monitor has seen the alert; the comment says what was done about it. Recorded as an event, once per alert.")
            .AuthorizeWithRoles(AlertRoles.Acknowledgers)
            .Argument<NonNullGraphType<IdGraphType>>("alertId")
            .Argument<NonNullGraphType<StringGraphType>>("comment")
            .Argument<StringGraphType>("acknowledgedBy",
                "Who acknowledges; used only while the caller is not authenticated (an authenticated caller's name is recorded instead).")
            .ResolveAsync(async ctx => await ctx.SendAsync<AlertAcknowledgementResult>(new AcknowledgeAlert(
                ctx.IdArgument("alertId"), AlertMonitor.Name(ctx), ctx.GetArgument<string>("comment"))));
    }
}

/// <summary>
/// Who is acknowledging: the seam authentication plugs into. An authenticated caller's name wins;
/// until then the acknowledgedBy argument says who it is (blank is refused as BAD_USER_INPUT).
/// </summary>
public static class AlertMonitor
{
    public static string Name(IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? name
            : context.GetArgument<string?>("acknowledgedBy") ?? "";
    }
}

public sealed class AlertAcknowledgementPayloadType : ObjectGraphType<AlertAcknowledgementResult>
{
    public AlertAcknowledgementPayloadType(IDocumentStore store)
    {
        Name = "AlertAcknowledgementPayload";
        Description = "The acknowledgement recorded.";
        Field(r => r.AlertId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(r => r.AcknowledgedBy);
        Field(r => r.Comment);
        Field<NonNullGraphType<AlertType>>("alert")
            .Description("The alert as stored now. Alerts are written by the async daemon: its acknowledgement (and status) "
                + "show once the daemon has processed the event, normally within milliseconds; the `alerts` subscription pushes that change.")
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                return await AlertFeed.ByIdAsync(session, ctx.Source.AlertId, ctx.CancellationToken);
            });
    }
}
