using Marten.Events;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Enrolling;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Bench.Hosting;
using TrialMonitor.Bench.Measuring;
using TrialMonitor.Clinical.Course;
using static TrialMonitor.Bench.Report;

namespace TrialMonitor.Bench.Scenarios;

/// <summary>
/// Whether a write costs more as the patient's history grows: one fresh patient, 1 000 blood counts
/// recorded one after another (a day apart, as a long follow-up accumulates them), the latencies of
/// writes 1–50 against those of writes 951–1 000; in-process and as a GraphQL mutation over HTTP.
/// </summary>
public static class WriteGrowth
{
    public const int Writes = 1_000;
    public const int Window = 50;

    /// <summary>The latest window may cost at most this much more than the first.</summary>
    public const double TargetGrowth = 1.3;

    private static readonly DateOnly EnrolledOn = new(2000, 1, 3);

    private static TrialMonitor.Clinical.Course.Baseline BaselineOf(string subjectId, string site) =>
        new(subjectId, site, 52, Sex.Female, new DateOnly(1999, 1, 4), 0, 0m, false, false, DiseaseGroup.HematologicResistance);

    private static BloodCount CountOn(int write) => Appends.Count with { CollectedOn = EnrolledOn.AddDays(write) };

    public static async Task InProcessAsync(BenchContext ctx, InProcessHost host, Guid trialId, string site)
    {
        await host.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(30));
        BenchContext.Progress($"write growth in-process: {Writes} blood counts of one patient");
        var bus = host.NewBus();
        var patient = Guid.NewGuid();
        await bus.RecordAsync(new EnrolPatient(patient, trialId, EnrolledOn, BaselineOf($"GROWTH-{patient:N}"[..20], site)), InProcessHost.Writer, CancellationToken.None);
        var measured = await Latencies.RunAsync(1, TimeSpan.Zero, async (_, i) =>
        {
            var result = await bus.RecordAsync(new RecordEntry(new BloodCountRecorded(patient, $"GROWTH-{i}", CountOn(i))), InProcessHost.Writer, CancellationToken.None);
            if (result.AlreadyRecorded) throw new InvalidOperationException("a growth entry was a repeat");
        }, Writes);
        Add(ctx, "in-process IMessageBus.InvokeAsync", measured);
    }

    private const string Enrol = """
        mutation($patientId: ID!, $trialId: ID!, $baseline: BaselineInput!) {
          enrolPatient(patientId: $patientId, trialId: $trialId, enrolledOn: "2000-01-03", baseline: $baseline) { version }
        }
        """;

    public static async Task OverHttpAsync(BenchContext ctx, ApiProcess api, Guid trialId, string site)
    {
        await api.ProjectionsCaughtUpAsync(TimeSpan.FromMinutes(30));
        BenchContext.Progress($"write growth over HTTP: {Writes} blood counts of one patient");
        using var http = api.Client();
        var patient = await EnrolOverHttpAsync(http, trialId, site, "GROWTH");
        var measured = await Latencies.RunAsync(1, TimeSpan.Zero, (_, i) => Appends.PostAsync(http, Appends.Mutation,
            new { patientId = patient, entryKey = $"GROWTH-{i}", count = Appends.CountInput(CountOn(i).CollectedOn) }), Writes);
        Add(ctx, "GraphQL mutation over HTTP (API process)", measured);
    }

    /// <summary>A fresh patient enrolled by the enrolment mutation, with a subject id starting with <paramref name="prefix"/>.</summary>
    public static async Task<Guid> EnrolOverHttpAsync(HttpClient http, Guid trialId, string site, string prefix)
    {
        var patient = Guid.NewGuid();
        await Appends.PostAsync(http, Enrol, new
        {
            patientId = patient, trialId,
            baseline = new
            {
                subjectId = $"{prefix}-{patient:N}"[..20], site, ageAtEnrolment = 52, sex = "FEMALE", diagnosedOn = "1999-01-04", ecog = 0,
                spleenCmBelowCostalMargin = 0m, hepatomegaly = false, clonalEvolution = false, diseaseGroupAtStandardDose = "HEMATOLOGIC_RESISTANCE",
            },
        });
        return patient;
    }

    private static void Add(BenchContext ctx, string what, Latencies measured)
    {
        var first = measured.Window(0, Window);
        var last = measured.Window(Writes - Window, Window);
        var growth = last.P50 / first.P50;
        ctx.Report.Add(new Figure("write growth", $"{what}, one patient, writes {Writes - Window + 1}–{Writes} vs 1–{Window}",
            $"p50 {Ms(last.P50)}, p99 {Ms(last.P99)}", "", $"{growth:0.00}×", $"≤ {TargetGrowth}× the first {Window}",
            Met(growth <= TargetGrowth), "", $"writes 1–{Window}: p50 {Ms(first.P50)}, p99 {Ms(first.P99)}"));
    }
}
