using JasperFx.Events.Projections;
using Marten;
using TrialMonitor.Api.Alerts.Listening;

namespace TrialMonitor.Api.Alerts;

public static class AlertsConfiguration
{
    /// <summary>TrialMonitor:Alerts:CoursesHeld: how many patients' running courses the projection keeps between batches.</summary>
    public static long CoursesHeld(IConfiguration configuration) =>
        configuration.GetValue("TrialMonitor:Alerts:CoursesHeld", RecentCourses.DefaultPatientsHeld);

    public static StoreOptions ConfigureAlerts(this StoreOptions opts, long coursesHeld)
    {
        ArgumentNullException.ThrowIfNull(opts);
        // Async: written by the daemon in strict event order, progress committed with the alerts.
        opts.Projections.Add(new AlertProjection(new RecentCourses(coursesHeld)), ProjectionLifecycle.Async, AlertProjection.Name, async =>
        {
            // Up to this many events per batch and transaction when catching up or rebuilding
            // (Marten's default is 500); live appends arrive a few at a time either way.
            async.BatchSize = 5_000;
            async.DeleteViewTypeOnTeardown<Alert>();
            async.DeleteViewTypeOnTeardown<PatientAlertState>();
        });
        // By patient: a patient's history names the alerts each event raised or withdrew.
        opts.Schema.For<Alert>().Index(a => a.Position).Index(a => a.TrialId).Index(a => a.PatientId);
        opts.Schema.For<PatientAlertState>();

        // An alert is never lost: the daemon waits out a slow concurrent append instead of skipping
        // its sequence gap (Marten's default, stated here because alerts depend on it), and a
        // failing event stops the projection where it is instead of being skipped to a dead letter.
        opts.Projections.UseTransactionEvidenceForGapSkipping = true;
        opts.Projections.Errors.SkipApplyErrors = false;
        return opts;
    }

    /// <summary>The in-process hub and the listener that feeds it from the database's notifications.</summary>
    public static IServiceCollection AddAlertListener(this IServiceCollection services)
    {
        services.AddSingleton<AlertHub>();
        services.AddSingleton<AlertListenerState>();
        services.AddHostedService<AlertListener>();
        return services;
    }
}
