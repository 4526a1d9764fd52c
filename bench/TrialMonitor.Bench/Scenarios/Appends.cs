using System.Net.Http.Json;
using Marten;
using Marten.Events;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Bench.Baseline;
using TrialMonitor.Bench.Hosting;
using TrialMonitor.Bench.Measuring;
using TrialMonitor.Clinical.Course;
using static TrialMonitor.Bench.Report;

namespace TrialMonitor.Bench.Scenarios;

/// <summary>
/// Single-event appends through the real write path (a blood count recorded for an enrolled
/// patient: the handler rebuilds the patient's write model, decides, appends, and the inline
/// chart is re-evaluated in the same transaction), at 1, 4 and 16 concurrent writers, each on its
/// own patients; against single-row INSERT transactions of the same JSON payloads.
/// </summary>
public static class Appends
{
    private static long rawVersion;

    public const double TargetRatio = 0.5;
    public static readonly int[] Writers = [1, 4, 16];

    /// <summary>The blood count every benchmark write records.</summary>
    /// <summary>
    /// Whether the write path accepts <see cref="Count"/> for this patient: the door refuses a count dated
    /// before the diagnosis or after the death, so the measured writes go to the patients it fits.
    /// </summary>
    public static bool CanRecordCount(PatientCourse course) =>
        course.Death is null && course.Baseline.DiagnosedOn <= Count.CollectedOn;

    public static readonly BloodCount Count = new(new DateOnly(2002, 6, 1), 6.4m, 3.7m, 231m, 13.9m, 0m, 1m, 0m,
        new LowerLimitsOfNormal(4.0m, 1.8m, 140m, 13.5m));

    public const string Mutation = """
        mutation($patientId: ID!, $entryKey: String!, $count: BloodCountInput!) {
          recordBloodCount(patientId: $patientId, entryKey: $entryKey, count: $count) { version alreadyRecorded }
        }
        """;

    /// <summary><see cref="Count"/> as the GraphQL BloodCountInput, collected on the given date.</summary>
    public static object CountInput(DateOnly collectedOn) => new
    {
        collectedOn = collectedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        wbc = Count.Wbc, neutrophils = Count.Neutrophils, platelets = Count.Platelets, hemoglobin = Count.Hemoglobin,
        blastsPercent = Count.BlastsPercent, basophilsPercent = Count.BasophilsPercent,
        promyelocytesMyelocytesPercent = Count.PromyelocytesMyelocytesPercent,
        lowerLimits = new
        {
            wbc = Count.LowerLimits!.Wbc, neutrophils = Count.LowerLimits.Neutrophils, platelets = Count.LowerLimits.Platelets,
            hemoglobin = Count.LowerLimits.Hemoglobin,
        },
    };

    /// <summary>Posts a GraphQL operation; an HTTP failure or a GraphQL error fails the measured call.</summary>
    public static async Task PostAsync(HttpClient http, string query, object variables)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.PostAsJsonAsync(new Uri("graphql", UriKind.Relative), new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || body.Contains("\"errors\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"the mutation failed: {(int)response.StatusCode} {body}");
    }

    /// <summary>Writer w takes the patients w, w + W, w + 2W … in turn, so no two writers share a stream.</summary>
    private static Guid PatientFor(IReadOnlyList<Guid> patients, int writers, int writer, int call) =>
        patients[writer + (writers * (call % (patients.Count / writers)))];

    public static async Task InProcessAsync(BenchContext ctx, InProcessHost host, IReadOnlyList<Guid> patients, string run)
    {
        // Warm-up (code generation, JIT, connection pool), untimed.
        await host.NewBus().InvokeAsync<EntryResult>(new RecordEntry(new BloodCountRecorded(patients[^1], $"WARM-{run}", Count)), InProcessHost.Writer);
        foreach (var writers in Writers)
        {
            var buses = Enumerable.Range(0, writers).Select(_ => host.NewBus()).ToArray();
            await host.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(30));
            BenchContext.Progress($"appends in-process, {writers} writers");
            Latencies measured;
            double peak;
            await using (var memory = PeakMemory.OfThisProcess())
            {
                measured = await Latencies.RunAsync(writers, ctx.RunFor, async (w, i) =>
                {
                    var result = await buses[w].InvokeAsync<EntryResult>(
                        new RecordEntry(new BloodCountRecorded(PatientFor(patients, writers, w, i), $"BENCH-{run}-{writers}-{w}-{i}", Count)), InProcessHost.Writer);
                    if (result.AlreadyRecorded) throw new InvalidOperationException("a bench entry was a repeat");
                });
                peak = memory.PeakMiB;
            }
            await AddAsync(ctx, host.Store, patients, $"in-process IMessageBus.InvokeAsync, {writers} writer{(writers == 1 ? "" : "s")}",
                writers, measured, peak);
        }
    }

    public static async Task OverHttpAsync(BenchContext ctx, ApiProcess api, IDocumentStore store, IReadOnlyList<Guid> patients, string run)
    {
        using var http = api.Client();
        var count = CountInput(Count.CollectedOn);
        // Warm-up (code generation, JIT, connection pool), untimed.
        using (var warm = await http.PostAsJsonAsync(new Uri("graphql", UriKind.Relative),
                   new { query = Mutation, variables = new { patientId = patients[^1], entryKey = $"WARM-{run}", count } }))
            warm.EnsureSuccessStatusCode();
        foreach (var writers in Writers)
        {
            await api.ProjectionsCaughtUpAsync(TimeSpan.FromMinutes(30));
            BenchContext.Progress($"appends over HTTP (GraphQL), {writers} writers");
            Latencies measured;
            double peak;
            await using (var memory = PeakMemory.Of(api.Pid))
            {
                measured = await Latencies.RunAsync(writers, ctx.RunFor, async (w, i) =>
                {
                    await PostAsync(http, Mutation,
                        new { patientId = PatientFor(patients, writers, w, i), entryKey = $"HTTP-{run}-{writers}-{w}-{i}", count });
                });
                peak = memory.PeakMiB;
            }
            await AddAsync(ctx, store, patients, $"GraphQL mutation over HTTP (API process), {writers} writer{(writers == 1 ? "" : "s")}",
                writers, measured, peak);
        }
    }

    /// <summary>
    /// The same payloads as single-row INSERT transactions, at the same concurrency, right after; and as the rows
    /// one write commits (event, chart, write model, entry by key, chain link, stamp) in one transaction each.
    /// </summary>
    private static async Task AddAsync(BenchContext ctx, IDocumentStore store, IReadOnlyList<Guid> patients, string what, int writers,
        Latencies measured, double peak)
    {
        var raw = await Latencies.RunAsync(writers, ctx.RunFor, (w, i) =>
        {
            var patient = PatientFor(patients, writers, w, i);
            var json = BenchContext.Json(store, new BloodCountRecorded(patient, $"RAW-{writers}-{w}-{i}", Count));
            return ctx.Raw.InsertOneAsync(new RawEvent(Guid.NewGuid(), patient, Interlocked.Increment(ref rawVersion), "blood_count_recorded", json));
        });
        var documents = await StoredDocumentsAsync(store, patients.Take(writers * 8));
        var sameRows = await Latencies.RunAsync(writers, ctx.RunFor, (w, i) =>
        {
            var patient = patients[w + (writers * (i % 8))];
            var json = BenchContext.Json(store, new BloodCountRecorded(patient, $"ROWS-{writers}-{w}-{i}", Count));
            var (chart, writeModel, trialId) = documents[patient];
            return ctx.Raw.WriteLikeOneEntryAsync(new RawEvent(Guid.NewGuid(), patient, Interlocked.Increment(ref rawVersion), "blood_count_recorded", json),
                chart, writeModel, trialId);
        });
        var ratio = measured.PerSecond / raw.PerSecond;
        ctx.Report.Add(new Figure("append 1 event", what, $"{N(measured.PerSecond)} events/s", $"{N(raw.PerSecond)} events/s (INSERT)",
            Percent(ratio), "≥ 50 % of raw", Met(ratio >= TargetRatio), MiB(peak),
            $"p50 {Ms(measured.P50)}, p99 {Ms(measured.P99)} (raw p50 {Ms(raw.P50)}, p99 {Ms(raw.P99)}); the same rows as one write, raw: "
            + $"{N(sameRows.PerSecond)} events/s, p50 {Ms(sameRows.P50)} ({Percent(measured.PerSecond / sameRows.PerSecond)})"));
    }

    /// <summary>The stored chart and write model of each patient, as the raw baseline rewrites them.</summary>
    private static async Task<Dictionary<Guid, (string Chart, string WriteModel, Guid TrialId)>> StoredDocumentsAsync(IDocumentStore store, IEnumerable<Guid> patients)
    {
        await using var session = store.QuerySession();
        var documents = new Dictionary<Guid, (string, string, Guid)>();
        foreach (var id in patients)
        {
            var chart = await session.LoadAsync<PatientChart>(id) ?? throw new InvalidOperationException($"patient {id} has no chart");
            documents[id] = ((await session.Json.FindByIdAsync<PatientChart>(id))!, (await session.Json.FindByIdAsync<Patient>(id))!, chart.TrialId);
        }
        return documents;
    }
}
