using TrialMonitor.Api.Cohort;
using TrialMonitor.Api.Tests.Audit;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Molecular;

/// <summary>
/// The molecular response as time and results arrive: pushed by the change subscriptions after a BCR-ABL1 result is
/// recorded, known on today in a trial without a data cut-off (whatever its criteria set), and recomputed after midnight.
/// </summary>
public sealed class LiveMolecularResponseTests(AppFixture app) : IntegrationTest(app)
{
    private RecordingClient Client { get; } = new(app);

    [Fact]
    public async Task A_recorded_result_is_pushed_to_patient_and_cohort_subscribers()
    {
        var trial = await Client.RegisterTrialAsync("ELN-2020", "2025-01-31");
        var patient = await Client.EnrolAsync(trial, "001");
        await Client.StartAsync(patient, "2024-01-01");
        await using var patientChanges = await Client.Graph.SubscribeAsync("""
            subscription($p: ID!) { patientChanged(patientId: $p) {
              molecularResponse { results { level } milestones { month assessment } mmrReachedOn daysToMmr pcrOverdue } } }
            """, new { p = patient });
        await using var cohortChanges = await Client.Graph.SubscribeAsync("""
            subscription($t: ID!) { cohortChanged(trialId: $t) {
              molecular { milestones { month optimal notAssessed } mmrBy12Months { reached evaluable } pcrOverdue { subjectId } } } }
            """, new { t = trial });

        await Client.PcrAsync(patient, "2024-04-01", 0.08m, 50_000);

        // 0.08 % on the 3-month day: MMR (day 91), optimal; nothing at 6 and 12 months by the cut-off (day 396); 305 days since.
        var response = (await patientChanges.NextAsync()).Data()["patientChanged"]!["molecularResponse"]!;
        Assert.Equal("MMR", (string?)Assert.Single(response["results"]!.AsArray())!["level"]);
        Assert.Equal(["3 OPTIMAL", "6 NOT_ASSESSED", "12 NOT_ASSESSED"], response["milestones"]!.AsArray().Select(m => $"{m!["month"]} {m["assessment"]}"));
        Assert.Equal(("2024-04-01", 91, true), ((string?)response["mmrReachedOn"], (int?)response["daysToMmr"], (bool)response["pcrOverdue"]!));
        var cohort = (await cohortChanges.NextAsync()).Data()["cohortChanged"]!["molecular"]!;
        Assert.Equal(["3: 1 0", "6: 0 1", "12: 0 1"], cohort["milestones"]!.AsArray().Select(m => $"{m!["month"]}: {m["optimal"]} {m["notAssessed"]}"));
        Assert.Equal((1, 1), ((int)cohort["mmrBy12Months"]!["reached"]!, (int)cohort["mmrBy12Months"]!["evaluable"]!));
        Assert.Equal("001", (string?)Assert.Single(cohort["pcrOverdue"]!.AsArray())!["subjectId"]);
    }

    [Fact]
    public async Task Without_a_cut_off_a_paper_trial_is_known_on_today_and_a_clinical_date_on_that_date()
    {
        var trial = await Client.RegisterTrialAsync("MDACC-2003", dataCutoffOn: null);
        var patient = await Client.EnrolAsync(trial, "001");
        await Client.StartAsync(patient, "2024-01-01");
        const string Selection = "molecularResponse { milestones { assessment } pcrOverdue }";

        var today = (await Client.QueryAsync($$"""query($p: ID!) { patient(id: $p) { {{Selection}} } }""", new { p = patient }))["patient"]!;
        var onAprilFifteenth = (await App.GraphQL($$"""query($p: ID!) { patientAsOf(patientId: $p, clinicalDate: "2024-04-15") { {{Selection}} } }""",
            new { p = patient })).Data()["patientAsOf"]!;

        // Today (after 2025-01-30, when the 12-month window of a 2024-01-01 start closed) every window has closed without a
        // result, and a PCR is overdue; on 2024-04-15 the 3-month window (to 2024-05-01) was open and day 105 is not overdue.
        Assert.Equal("NOT_ASSESSED NOT_ASSESSED NOT_ASSESSED, overdue: True", Read(today));
        Assert.Equal("PENDING PENDING PENDING, overdue: False", Read(onAprilFifteenth));
        static string Read(System.Text.Json.Nodes.JsonNode patient) =>
            string.Join(' ', patient["molecularResponse"]!["milestones"]!.AsArray().Select(m => (string?)m!["assessment"]))
            + $", overdue: {(bool)patient["molecularResponse"]!["pcrOverdue"]!}";
    }

    [Fact]
    public async Task A_report_known_on_today_is_computed_again_after_midnight()
    {
        var trial = await Client.RegisterTrialAsync("ELN-2020", dataCutoffOn: null);
        var patient = await Client.EnrolAsync(trial, "001");
        await Client.StartAsync(patient, "2024-01-01");
        var clock = new SettableClock(new DateTimeOffset(2024, 5, 2, 23, 0, 0, TimeSpan.Zero));
        var views = new CohortViews(App.Store, new KeptPatients(), clock);

        // 2024-05-02 is day 122 of a 2024-01-01 start without a result: not overdue yet; 2024-05-03 is day 123.
        var evening = await views.ForTrialAsync(trial, sites: null);
        Assert.Same(evening, await views.ForTrialAsync(trial, sites: null));
        clock.Now = new DateTimeOffset(2024, 5, 3, 0, 30, 0, TimeSpan.Zero);
        var night = await views.ForTrialAsync(trial, sites: null);

        Assert.Empty(evening!.Molecular.PcrOverdue);
        Assert.Equal("001", Assert.Single(night!.Molecular.PcrOverdue).SubjectId);
    }

    [Fact]
    public async Task A_report_known_on_the_cut_off_is_kept_over_midnight()
    {
        var trial = await Client.RegisterTrialAsync("ELN-2020", "2025-01-31");
        await Client.StartAsync(await Client.EnrolAsync(trial, "001"), "2024-01-01");
        var clock = new SettableClock(new DateTimeOffset(2026, 5, 2, 23, 0, 0, TimeSpan.Zero));
        var views = new CohortViews(App.Store, new KeptPatients(), clock);

        var evening = await views.ForTrialAsync(trial, sites: null);
        clock.Now = new DateTimeOffset(2026, 5, 3, 0, 30, 0, TimeSpan.Zero);

        Assert.Same(evening, await views.ForTrialAsync(trial, sites: null));
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
