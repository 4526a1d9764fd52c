using Marten;
using TrialMonitor.Api.Door;
using Wolverine.Marten;

namespace TrialMonitor.Api.Alerts.Acknowledging;

/// <summary>A safety monitor has seen an alert; the comment says what was done about it.</summary>
public sealed record AcknowledgeAlert(Guid AlertId, string AcknowledgedBy, string Comment);

/// <summary>
/// Recorded in the alert's own stream (stream id = alert id): an alert is acknowledged once, and
/// two monitors acknowledging at the same moment cannot both start that stream.
/// </summary>
public sealed record AlertAcknowledged(Guid AlertId, string AcknowledgedBy, string Comment);

public sealed record AlertAcknowledgementResult(Guid AlertId, string AcknowledgedBy, string Comment);

public static class AcknowledgeAlertHandler
{
    public static async Task<(AlertAcknowledgementResult, IStartStream)> Handle(
        AcknowledgeAlert command, IQuerySession session, CancellationToken ct)
    {
        var alert = await session.LoadAsync<Alert>(command.AlertId, ct);
        var checks = new FieldChecks()
            .Require(alert is not null, "alertId", $"no alert with id {command.AlertId}")
            .NotBlank(command.AcknowledgedBy, "acknowledgedBy")
            .NotBlank(command.Comment, "comment");
        if (alert is not null && await session.Events.FetchStreamStateAsync(command.AlertId, ct) is not null)
        {
            checks.Fail("alertId", alert.Acknowledgement is { } earlier
                ? $"already acknowledged by {earlier.By} at {earlier.At:u}"
                : "already acknowledged");
        }
        checks.ThrowIfAny();

        var by = command.AcknowledgedBy.Trim();
        var comment = command.Comment.Trim();
        return (new AlertAcknowledgementResult(command.AlertId, by, comment),
            MartenOps.StartStream<Alert>(command.AlertId, new AlertAcknowledged(command.AlertId, by, comment)));
    }
}
