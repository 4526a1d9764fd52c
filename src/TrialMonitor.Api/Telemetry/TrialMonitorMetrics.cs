using System.Diagnostics.Metrics;

namespace TrialMonitor.Api.Telemetry;

/// <summary>
/// The service's own measurements, on one meter ("TrialMonitor"): what was appended and refused, the
/// alerts raised and sent, how long a commit takes to reach a subscriber, the daemon's lag and the
/// cohort recomputation time.
/// </summary>
public static class TrialMonitorMetrics
{
    public const string MeterName = "TrialMonitor";

    public static readonly Meter Meter = new(MeterName);

    /// <summary>Tagged <c>kind</c>: the event type (blood_count_recorded, toxicity_reported, ...).</summary>
    public static readonly Counter<long> EntriesAppended = Meter.CreateCounter<long>(
        "trialmonitor.entries.appended", "{event}", "Events committed, by kind");

    /// <summary>Tagged <c>code</c>: the GraphQL error code (INVALID_INPUT, FORBIDDEN, VERSION_CONFLICT, ...).</summary>
    public static readonly Counter<long> Refusals = Meter.CreateCounter<long>(
        "trialmonitor.refusals", "{error}", "GraphQL errors answered, by code");

    /// <summary>Tagged <c>kind</c>: the alert kind. Counted where the daemon commits them, so once per alert.</summary>
    public static readonly Counter<long> AlertsRaised = Meter.CreateCounter<long>(
        "trialmonitor.alerts.raised", "{alert}", "Alerts raised by the alert projection");

    public static readonly Counter<long> AlertsDelivered = Meter.CreateCounter<long>(
        "trialmonitor.alerts.delivered", "{alert}", "Alert changes sent to subscribers of this instance");

    /// <summary>Tagged <c>subscription</c>: alerts, patientChanged or cohortChanged.</summary>
    public static readonly Histogram<double> CommitToSubscriber = Meter.CreateHistogram<double>(
        "trialmonitor.subscription.latency", "ms", "From a commit to its push to a subscriber");

    public static readonly Histogram<double> CohortRecomputation = Meter.CreateHistogram<double>(
        "trialmonitor.cohort.recomputation.duration", "ms", "Time to recompute a trial's cohort views after a change");

    internal static void ObserveDaemonLag(Func<long?> lag) =>
        Meter.CreateObservableGauge("trialmonitor.daemon.lag", () => lag() is { } events ? [new Measurement<long>(events)] : Array.Empty<Measurement<long>>(),
            "{event}", "Events appended that the alert projection has not processed yet");
}
