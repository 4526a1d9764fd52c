using System.Text.Json.Serialization.Metadata;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.Audit;
using TrialMonitor.Api.Cohort;
using TrialMonitor.Api.Fhir;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Trials;
using Weasel.Core;
using Wolverine.Marten;

namespace TrialMonitor.Api.Infrastructure;

public static class EventStore
{
    public const string Schema = "trialmonitor";

    /// <summary>TRIALMONITOR_DB, else ConnectionStrings:TrialMonitor.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        configuration["TRIALMONITOR_DB"] is { Length: > 0 } fromEnvironment ? fromEnvironment
        : configuration.GetConnectionString("TrialMonitor")
          ?? throw new InvalidOperationException(
              "No database: set TRIALMONITOR_DB to a PostgreSQL connection string (./ops/run does this for you).");

    /// <summary>
    /// TrialMonitor:AsyncDaemon, HotCold unless set: every instance may run the async projections, one
    /// at a time (it holds Marten's leader lock; another takes over when it goes). Disabled makes an
    /// instance that only writes and serves (the tests use it to stop a node between commit and alert).
    /// </summary>
    public static DaemonMode DaemonModeOf(IConfiguration configuration) =>
        configuration.GetValue("TrialMonitor:AsyncDaemon", DaemonMode.HotCold);

    /// <summary>How documents and events are stored as JSON; every store over this schema (the bench's too) uses it.</summary>
    public static void UseTrialMonitorJson(this StoreOptions opts)
    {
        ArgumentNullException.ThrowIfNull(opts);
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, configure: json =>
        {
            // The chart keeps its entries of every kind in one list (see EntryKinds.StoreAsOneList).
            json.TypeInfoResolver = (json.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(EntryKinds.StoreAsOneList);
            // Documents written by other tools may still put it elsewhere.
            json.AllowOutOfOrderMetadataProperties = true;
        });
    }

    public static IServiceCollection AddTrialMonitorEventStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMarten(opts =>
            {
                opts.Connection(ConnectionString(configuration));
                opts.DatabaseSchemaName = Schema;
                opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                opts.UseTrialMonitorJson();

                opts.Events.StreamIdentity = StreamIdentity.AsGuid;
                opts.Events.MetadataConfig.EnableAll();

                opts.Events.AddEventTypes(EntryKinds.All.Select(kind => kind.EventType));
                // The patient's write model, stored with each append (inline), so a command reads what it
                // decides on without refolding the stream (see Patients/Patient); its entries by key come with the chart.
                opts.Projections.Add(new PatientWriteModel(), ProjectionLifecycle.Inline);
                // Inline: enrolment and the patient chart read the trial's settings in the same transaction.
                opts.Projections.Snapshot<Trial>(SnapshotLifecycle.Inline);
                opts.AddPatientCharts();
                // Inline: the stamp cached cohort reports are checked against (see Cohort/CohortViews),
                // moved by the chart projection and by the trial's own events.
                opts.Projections.Add(new TrialChangeProjection(), ProjectionLifecycle.Inline);
                opts.Schema.For<CohortChange>();
                // Async: safety alerts, written by the daemon with its progress (see Alerts/AlertProjection).
                opts.ConfigureAlerts(AlertsConfiguration.CoursesHeld(configuration));
                // Inline: the hash chain of every stream, for tamper evidence (see Audit/Chain); its links
                // are stored by a side effect, which Marten runs inline only when asked.
                opts.Events.EnableSideEffectsOnInlineProjections = true;
                opts.ConfigureAudit();
                // Inline: the Observations labs sent, by their identifier, for amendments and searches (see Fhir/RecordedObservation).
                opts.ConfigureFhir();
                // Several instances share a database: one runs the daemon, another takes over within a second or two.
                opts.Projections.LeadershipPollingTime = 1_000;
                // Appends NOTIFY the daemon, which would otherwise find new events by polling (up to 1 s):
                // an alert is raised within milliseconds of its cause's commit; polling stays as the fallback.
                opts.Events.UseListenNotifyForEventAppends = true;
            })
            .UseLightweightSessions()
            .IntegrateWithWolverine()
            .AddAsyncDaemon(DaemonModeOf(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KeptPatients>();
        services.AddSingleton<CohortViews>();
        return services;
    }
}
