using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using TrialMonitor.Api.Audit.Chain;
using TrialMonitor.Api.Cohort;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Trials;
using TrialMonitor.Bench.Baseline;
using TrialMonitor.Bench.Measuring;
using static TrialMonitor.Bench.Report;

namespace TrialMonitor.Bench.Scenarios;

/// <summary>
/// Where the time of one write goes: the same single-event append (one writer) through bare Marten
/// sessions that add the write path's parts one at a time, against the raw single-row INSERT.
/// Run with no API host up, so no async daemon reacts to the appends; the full write path's own
/// figure is "append 1 event, in-process".
/// </summary>
public static class AppendLayers
{
    private const int Appends = 500;

    private static readonly (string Layer, Action<StoreOptions> Configure)[] Layers =
    [
        ("the event alone (the stream's version read, the append)", _ => { }),
        ("+ the inline patient chart, its entries by key and its cohort change stamp (fold, evaluate the course, upsert)", opts =>
        {
            opts.AddPatientCharts();
            opts.Schema.For<CohortChange>();
        }),
        ("+ the stored write model", opts => opts.Projections.Add(new PatientWriteModel(), ProjectionLifecycle.Inline)),
        ("+ the inline audit hash chain", opts =>
        {
            opts.Events.EnableSideEffectsOnInlineProjections = true;
            opts.Projections.Add<AuditChainProjection>(ProjectionLifecycle.Inline);
        }),
        ("+ NOTIFY of the async daemon", opts => opts.Events.UseListenNotifyForEventAppends = true),
    ];

    public static async Task RunAsync(BenchContext ctx, IReadOnlyList<Guid> patients)
    {
        var raw = await Latencies.RunAsync(1, TimeSpan.Zero, (_, i) => ctx.Raw.InsertOneAsync(new RawEvent(Guid.NewGuid(), patients[i % patients.Count],
            1_000_000 + i, "follow_up_contact_recorded", $$"""{"PatientId":"{{patients[i % patients.Count]}}","EntryKey":"RAW-LAYER-{{i}}","ContactOn":"2003-01-01"}""")),
            Appends);
        var configured = new List<Action<StoreOptions>>();
        foreach (var (layer, configure) in Layers)
        {
            configured.Add(configure);
            BenchContext.Progress($"append cost, {layer}");
            using var store = DocumentStore.For(opts =>
            {
                opts.Connection(ctx.ConnectionString);
                opts.DatabaseSchemaName = EventStore.Schema;
                opts.AutoCreateSchemaObjects = AutoCreate.None;
                opts.UseTrialMonitorJson();
                opts.Events.StreamIdentity = StreamIdentity.AsGuid;
                opts.Events.MetadataConfig.EnableAll();
                opts.Projections.Snapshot<Trial>(SnapshotLifecycle.Inline);
                foreach (var c in configured) c(opts);
            });
            var key = configured.Count;
            async Task Append(int i)
            {
                var patient = patients[i % patients.Count];
                await using var session = store.LightweightSession();
                // With the version the append expects, the inline projections know each event's version (quick append).
                var version = (await session.Events.FetchStreamStateAsync(patient))!.Version;
                session.Events.Append(patient, version + 1, new FollowUpContactRecorded(patient, $"LAYER-{key}-{i}", new DateOnly(2003, 1, 1)));
                await session.SaveChangesAsync();
            }
            // Warm-up (JIT, the connection pool) on keys the measured calls do not use.
            for (var w = 0; w < 20; w++) await Append(patients.Count + w);
            var measured = await Latencies.RunAsync(1, TimeSpan.Zero, (_, i) => Append(i), Appends);
            ctx.Report.Add(new Figure("append cost by layer", $"1 writer, {layer}", $"p50 {Ms(measured.P50)}",
                $"p50 {Ms(raw.P50)} (INSERT)", Percent(raw.P50 / measured.P50), "", "", "",
                $"{N(measured.PerSecond)} events/s vs raw {N(raw.PerSecond)}"));
        }
    }
}
