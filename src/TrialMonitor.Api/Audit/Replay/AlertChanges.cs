using GraphQL;
using Marten;
using TrialMonitor.Api.Alerts;

namespace TrialMonitor.Api.Audit.Replay;

/// <summary>
/// The alerts each event of a patient raised or withdrew, read from the alerts the projection stored
/// (what monitors were sent is a fact of its own, not concluded again): an alert is raised by its
/// cause and withdrawn by the correction that removed it. Named alert.KIND as the schema names the
/// kind (alert.MOLECULAR_MILESTONE_FAILURE); the description says which. The alert projection runs
/// behind the writes, so the latest events show their alerts once it has caught up.
/// </summary>
public sealed class AlertChanges
{
    private readonly ILookup<Guid, DerivedChange> byEvent;

    private AlertChanges(IEnumerable<Alert> alerts)
    {
        // As the projection applies an event: its withdrawals first, then what it raises, in the order raised.
        byEvent = alerts
            .OrderBy(a => a.RaisedPosition)
            .SelectMany(a => new (Guid EventId, bool Raises, DerivedChange Change)[] { (a.Cause.EventId, true, Raised(a)) }
                .Concat(a.Withdrawal is { } withdrawal ? [(withdrawal.EventId, false, Withdrawn(a, withdrawal))] : []))
            .OrderBy(c => c.Raises)
            .ToLookup(c => c.EventId, c => c.Change);
    }

    public static readonly AlertChanges None = new([]);

    public static async Task<AlertChanges> LoadAsync(IQuerySession session, Guid patientId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new AlertChanges(await session.Query<Alert>().Where(a => a.PatientId == patientId).ToListAsync(cancellation));
    }

    /// <summary>The alerts the event withdrew, then those it raised.</summary>
    public IEnumerable<DerivedChange> Of(Guid eventId) => byEvent[eventId];

    private static string Field(Alert alert) => $"alert.{alert.Kind.ToString().ToConstantCase()}";

    private static DerivedChange Raised(Alert alert) => new(Field(alert), null, $"raised: {alert.Description}");

    private static DerivedChange Withdrawn(Alert alert, AlertWithdrawal withdrawal) =>
        new(Field(alert), $"raised: {alert.Description}", $"withdrawn: {withdrawal.Reason}");
}
