using System.Text.Json.Nodes;
using TrialMonitor.Api.Tests.Audit;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Molecular;

/// <summary>
/// <c>Patient.molecularResponse</c> and <c>Cohort.molecular</c> of <see cref="FirstLineTrial"/> (ELN-2020, cut-off
/// 2025-01-31), live and as of a past point, against values worked out by hand from DOMAIN.md "Molecular response
/// and milestones (ELN-2020)". A milestone reads "month dueOn ASSESSMENT resultOn percentIs confirmedOn" ('-' for none).
/// </summary>
[Collection(SharedHost.Name)]
public sealed class MolecularResponseTests(AppFixture app, FirstLineTrialFixture fixture) : IClassFixture<FirstLineTrialFixture>
{
    private const string ResponseSelection = """
        molecularResponse { results { collectedOn bcrAbl1PercentIs abl1ControlCopies level }
          milestones { month dueOn assessment resultOn percentIs confirmedOn } currentStatus mmrReachedOn mmrLostOn daysToMmr pcrOverdue }
        """;

    private const string MolecularSelection = """
        molecular { milestones { month optimal warning failure pending notAssessed } mmrBy12Months { reached evaluable }
          timeToMmrCurve { medianDays medianLowerDays medianUpperDays
            points { day atRisk events censored survival incidence incidenceLower incidenceUpper } }
          pcrOverdue { subjectId lastResultOn } }
        """;

    private sealed record Expected(string[] Milestones, string? CurrentStatus, string? MmrReachedOn, string? MmrLostOn, int? DaysToMmr, bool PcrOverdue);

    private static readonly Dictionary<string, Expected> Patients = new()
    {
        // Never started: no day 0, so no milestone day (pending), no status, never overdue; MMR reached on its first MMR result.
        ["001"] = new(["3 - PENDING - - -", "6 - PENDING - - -", "12 - PENDING - - -"], null, "2024-02-04", null, null, false),
        // 3 months: 25 % on the day, confirmed by 12 % 30 days later. 6 months: 5 % is > 1–10 %. 12 months and after: 0.5 % is > 0.1–1 %.
        // Last result 31 days before the cut-off.
        ["002"] = new(["3 2024-04-01 FAILURE 2024-04-01 25 2024-05-01", "6 2024-07-01 WARNING 2024-07-01 5 -", "12 2024-12-31 WARNING 2024-12-31 0.5 -"],
            "WARNING", null, null, null, false),
        // Confirmed 91 days later; 12 % at 6 months is > 10 %; no result from 2024-12-01 to 2025-01-30; 214 days without a result.
        ["003"] = new(["3 2024-04-01 FAILURE 2024-04-01 25 2024-07-01", "6 2024-07-01 FAILURE 2024-07-01 12 -", "12 2024-12-31 NOT_ASSESSED - - -"],
            "FAILURE", null, null, null, true),
        // 92 days: a warning; the 2024-07-02 result is 1 day from the 6-month day; 3 % at 12 months is > 1 %.
        ["004"] = new(["3 2024-04-01 WARNING 2024-04-01 25 -", "6 2024-07-01 FAILURE 2024-07-02 12 -", "12 2024-12-31 FAILURE 2024-12-31 3 -"],
            "FAILURE", null, null, null, false),
        // 2024-03-02 is 30 days before 2024-04-01: in. 2024-05-31 is 31 days before 2024-07-01: out. 2024-12-21 and 2025-01-10 are
        // 10 days either side of 2024-12-31: the later, 0.2 %. MMR on 2024-12-21 (day 355), lost on 2025-01-10 (0.2 % > 0.1 %).
        ["005"] = new(["3 2024-04-01 OPTIMAL 2024-03-02 5 -", "6 2024-07-01 NOT_ASSESSED - - -", "12 2024-12-31 WARNING 2025-01-10 0.2 -"],
            "WARNING", "2024-12-21", "2025-01-10", 355, false),
        // 8 % ≤ 10 %, 0.8 % ≤ 1 %, 0.1 % ≤ 0.1 % (MMR on day 365).
        ["006"] = new(["3 2024-04-01 OPTIMAL 2024-04-01 8 -", "6 2024-07-01 OPTIMAL 2024-07-01 0.8 -", "12 2024-12-31 OPTIMAL 2024-12-31 0.1 -"],
            "OPTIMAL", "2024-12-31", null, 365, false),
        // Day 0 2024-01-02: milestone days 2024-04-02, 2024-07-02, 2025-01-01. The cut-off is 2025-01-01 + 30: pending, and day 395:
        // no current status. The 0.5 % of 2025-02-15 is after the cut-off: no loss of MMR, and 213 days without a result.
        ["007"] = new(["3 2024-04-02 OPTIMAL 2024-04-02 4 -", "6 2024-07-02 OPTIMAL 2024-07-02 0.05 -", "12 2025-01-01 PENDING - - -"],
            null, "2024-07-02", null, 182, true),
        // The undetectable result of 2024-12-15 on 5,000 copies is not evaluable: no 12-month result, and the last evaluable
        // result (2024-10-01, MMR on day 274) is 122 days before the cut-off: not overdue.
        ["008"] = new(["3 2024-04-01 OPTIMAL 2024-04-01 3 -", "6 2024-07-01 OPTIMAL 2024-07-01 0.5 -", "12 2024-12-31 NOT_ASSESSED - - -"],
            "OPTIMAL", "2024-10-01", null, 274, false),
        // 12 % at 3 months, unconfirmed (6 % is not > 10 %); 6 % 11 days before the 6-month day; 1.5 % on 2024-09-30, 123 days
        // before the cut-off: overdue, and > 1 % after 12 months.
        ["009"] = new(["3 2024-04-01 WARNING 2024-04-01 12 -", "6 2024-07-01 WARNING 2024-06-20 6 -", "12 2024-12-31 NOT_ASSESSED - - -"],
            "FAILURE", null, null, null, true),
        // Day 0 2024-09-01: 2024-12-01's window closed on 2024-12-31; 2025-03-02 and 2025-09-01 are still ahead. 152 days without a result.
        ["010"] = new(["3 2024-12-01 NOT_ASSESSED - - -", "6 2025-03-02 PENDING - - -", "12 2025-09-01 PENDING - - -"],
            null, null, null, null, true),
        // No result; off therapy, so not overdue.
        ["011"] = new(["3 2024-04-01 NOT_ASSESSED - - -", "6 2024-07-01 NOT_ASSESSED - - -", "12 2024-12-31 NOT_ASSESSED - - -"],
            null, null, null, null, false),
    };

    public static TheoryData<string> Subjects => [.. Patients.Keys];

    [Theory]
    [MemberData(nameof(Subjects))]
    public async Task Each_patient_has_the_molecular_response_domain_gives(string subject)
    {
        var trial = await fixture.RecordedAsync(app);

        var response = (await QueryPatient(trial, subject))["molecularResponse"]!;

        var expected = Patients[subject];
        Assert.Equal(expected.Milestones, Milestones(response));
        Assert.Equal(expected.CurrentStatus, (string?)response["currentStatus"]);
        Assert.Equal(expected.MmrReachedOn, (string?)response["mmrReachedOn"]);
        Assert.Equal(expected.MmrLostOn, (string?)response["mmrLostOn"]);
        Assert.Equal(expected.DaysToMmr, (int?)response["daysToMmr"]);
        Assert.Equal(expected.PcrOverdue, (bool)response["pcrOverdue"]!);
    }

    [Fact]
    public async Task Each_result_has_its_level_at_every_boundary_of_the_table()
    {
        var trial = await fixture.RecordedAsync(app);

        var results = (await QueryPatient(trial, "001"))["molecularResponse"]!["results"]!.AsArray();

        Assert.Equal(
        [
            "2024-02-01 10.5 50000 ABOVE_10", // > 10 %
            "2024-02-02 10 50000 ABOVE_1", // exactly 10 %: > 1–10 %
            "2024-02-03 1 50000 ABOVE_0_1", // exactly 1 %: > 0.1–1 %
            "2024-02-04 0.1 50000 MMR", // exactly 0.1 %
            "2024-02-05 0.01 10000 MR4", // exactly 0.01 % with exactly 10,000 copies
            "2024-02-06 0.01 9999 MMR", // one copy short of MR4
            "2024-02-07 0.0032 32000 MR4_5", // exactly 0.0032 % with exactly 32,000 copies
            "2024-02-08 0.0032 31999 MR4", // one copy short of MR4.5: the deepest level it has the copies for
            "2024-02-09 0.001 100000 MR5", // exactly 0.001 % with exactly 100,000 copies
            "2024-02-10 0.001 99999 MR4_5",
            "2024-02-11 0 10000 MR4", // undetectable: as deep as its copies show
            "2024-02-12 0 9999 NOT_EVALUABLE", // undetectable with fewer than 10,000 copies
            "2024-02-13 0 1 NOT_EVALUABLE", // the door's least: 1 copy
            "2024-02-14 0 100000 MR5",
        ], results.Select(r => $"{r!["collectedOn"]} {r["bcrAbl1PercentIs"]} {r["abl1ControlCopies"]} {r["level"]}"));
    }

    [Fact]
    public async Task A_result_after_the_cut_off_is_not_read()
    {
        var trial = await fixture.RecordedAsync(app);

        var results = (await QueryPatient(trial, "007"))["molecularResponse"]!["results"]!.AsArray();

        Assert.Equal(["2024-04-02 4 ABOVE_1", "2024-07-02 0.05 MMR"], results.Select(r => $"{r!["collectedOn"]} {r["bcrAbl1PercentIs"]} {r["level"]}"));
    }

    [Fact]
    public async Task The_cohort_counts_each_milestone_mmr_by_12_months_and_overdue_pcrs()
    {
        var trial = await fixture.RecordedAsync(app);

        var molecular = (await QueryCohort(trial, "cohort(trialId: $t)"))["cohort"]!["molecular"]!;

        // Hand counts from the patients above (001, without day 0, counts as pending):
        // 3 months: optimal 005 006 007 008, warning 004 009, failure 002 003, pending 001, not assessed 010 011;
        // 6 months: optimal 006 007 008, warning 002 009, failure 003 004, pending 001 010, not assessed 005 011;
        // 12 months: optimal 006, warning 002 005, failure 004, pending 001 007 010, not assessed 003 008 009 011.
        Assert.Equal(["3: 4 2 2 1 2", "6: 3 2 2 2 2", "12: 1 2 1 3 4"], molecular["milestones"]!.AsArray().Select(m =>
            $"{m!["month"]}: {m["optimal"]} {m["warning"]} {m["failure"]} {m["pending"]} {m["notAssessed"]}"));
        // MMR on or before day 365: 005 (355), 006 (365), 007 (182), 008 (274). Evaluable: those 4 and the patients with day 0 known
        // on day 365 or later (002 003 004 009 011: day 396); not 001 (no day 0) nor 010 (day 152).
        Assert.Equal((4, 9), ((int)molecular["mmrBy12Months"]!["reached"]!, (int)molecular["mmrBy12Months"]!["evaluable"]!));
        // Overdue: 003 (214 days), 007 (213), 009 (123), 010 (152 days since day 0, no result); not 008 (122), 011 (off therapy), 001.
        Assert.Equal(["003 2024-07-01", "007 2024-07-02", "009 2024-09-30", "010 -"],
            molecular["pcrOverdue"]!.AsArray().Select(o => $"{o!["subjectId"]} {(string?)o["lastResultOn"] ?? "-"}"));
    }

    [Fact]
    public async Task The_time_to_mmr_curve_is_the_cumulative_incidence_of_mmr_with_its_band()
    {
        var trial = await fixture.RecordedAsync(app);

        var curve = (await QueryCohort(trial, "cohort(trialId: $t)"))["cohort"]!["molecular"]!["timeToMmrCurve"]!;

        // Time to MMR in days, of the 10 patients with a day 0: events 007 182, 008 274, 005 355, 006 365; censored at the last
        // evaluable result 003 182, 009 273, 002 365, 004 365, and at day 0 without one 010, 011.
        // S: 182: 1 − 1/8 = 0.875; 274: × (1 − 1/5) = 0.7; 355: × (1 − 1/4) = 0.525; 365: × (1 − 1/3) = 0.35.
        // Greenwood's Σ d/(n(n − d)): 1/56, + 1/20, + 1/12, + 1/6; the band S^exp(±1.96 √Σ / |ln S|), the incidence's 1 − that.
        Assert.Equal(
        [
            (0, 10, 0, 2, 1.0, 0.0, 0.0, 0.0),
            (182, 8, 1, 1, 0.875, 0.125, 0.0186, 0.613),
            (273, 6, 0, 1, 0.875, 0.125, 0.0186, 0.613),
            (274, 5, 1, 0, 0.7, 0.3, 0.0817, 0.7752),
            (355, 4, 1, 0, 0.525, 0.475, 0.1792, 0.8779),
            (365, 3, 1, 2, 0.35, 0.65, 0.3068, 0.9506),
        ], curve["points"]!.AsArray().Select(p => ((int)p!["day"]!, (int)p["atRisk"]!, (int)p["events"]!, (int)p["censored"]!,
            Math.Round((double)p["survival"]!, 4), Math.Round((double)p["incidence"]!, 4),
            Math.Round((double)p["incidenceLower"]!, 4), Math.Round((double)p["incidenceUpper"]!, 4))));
        // Median time to MMR: the first day S ≤ 0.5 (incidence ≥ 0.5); its band from the band's curves (the lower end's S is 0.387 on
        // day 182; the upper end's never reaches 0.5).
        Assert.Equal((365, 182, (int?)null), ((int)curve["medianDays"]!, (int)curve["medianLowerDays"]!, (int?)curve["medianUpperDays"]));
    }

    [Fact]
    public async Task A_patient_as_of_a_clinical_date_is_known_on_that_date()
    {
        var trial = await fixture.RecordedAsync(app);

        var response = (await app.GraphQL($$"""query($p: ID!) { patientAsOf(patientId: $p, clinicalDate: "2024-12-25") { {{ResponseSelection}} } }""",
            new { p = trial.Patients["005"] })).Data()["patientAsOf"]!["molecularResponse"]!;

        // On 2024-12-25 (day 359) the 2025-01-10 result does not exist yet: 2024-12-21 (0.05 %) is the 12-month result and MMR holds;
        // the 6-month window closed on 2024-07-31; no status after 12 months before day 395; 4 days since the last result.
        Assert.Equal(["3 2024-04-01 OPTIMAL 2024-03-02 5 -", "6 2024-07-01 NOT_ASSESSED - - -", "12 2024-12-31 OPTIMAL 2024-12-21 0.05 -"],
            Milestones(response));
        Assert.Equal((null, "2024-12-21", null, 355, false), ((string?)response["currentStatus"], (string?)response["mmrReachedOn"],
            (string?)response["mmrLostOn"], (int?)response["daysToMmr"], (bool)response["pcrOverdue"]!));
    }

    [Fact]
    public async Task A_patient_as_of_a_version_is_known_on_the_cut_off()
    {
        var trial = await fixture.RecordedAsync(app);

        // 009 after its third event (enrolment, start, 12 % on 2024-04-01): no result in the 6-month window yet.
        var earlier = await PatientAsOfVersion(trial, "009", 3);
        // 007 after its fourth (the 2024-07-02 result): known on the cut-off, the 12-month window is still open and day 395 has
        // not passed, as live; known on the day that event was recorded (after 2025-01-31) the window would have closed.
        var atCutoff = await PatientAsOfVersion(trial, "007", 4);

        Assert.Equal(["3 2024-04-01 WARNING 2024-04-01 12 -", "6 2024-07-01 NOT_ASSESSED - - -", "12 2024-12-31 NOT_ASSESSED - - -"], Milestones(earlier));
        Assert.Equal(("FAILURE", true), ((string?)earlier["currentStatus"], (bool)earlier["pcrOverdue"]!));
        Assert.Equal(Patients["007"].Milestones, Milestones(atCutoff));
        Assert.Null((string?)atCutoff["currentStatus"]);
    }

    private async Task<JsonNode> PatientAsOfVersion(FirstLineTrial trial, string subject, int version) =>
        (await app.GraphQL($$"""query($p: ID!, $v: Int!) { patientAsOf(patientId: $p, version: $v) { {{ResponseSelection}} } }""",
            new { p = trial.Patients[subject], v = version })).Data()["patientAsOf"]!["molecularResponse"]!;

    [Fact]
    public async Task The_cohort_as_of_now_is_the_live_cohort()
    {
        var trial = await fixture.RecordedAsync(app);

        var live = (await QueryCohort(trial, "cohort(trialId: $t)"))["cohort"]!["molecular"]!;
        var asOf = (await QueryCohort(trial, "cohortAsOf(trialId: $t, recordedAt: \"2100-01-01T00:00:00Z\")"))["cohortAsOf"]!["molecular"]!;

        Assert.Equal(live.ToJsonString(), asOf.ToJsonString());
    }

    private async Task<JsonNode> QueryPatient(FirstLineTrial trial, string subject) =>
        (await app.GraphQL($$"""query($p: ID!) { patient(id: $p) { subjectId {{ResponseSelection}} } }""", new { p = trial.Patients[subject] }))
        .Data()["patient"]!;

    private async Task<JsonNode> QueryCohort(FirstLineTrial trial, string field) =>
        (await app.GraphQL($$"""query($t: ID!) { {{field}} { {{MolecularSelection}} } }""", new { t = trial.TrialId })).Data();

    private static IEnumerable<string> Milestones(JsonNode response) => response["milestones"]!.AsArray().Select(m =>
        $"{m!["month"]} {(string?)m["dueOn"] ?? "-"} {m["assessment"]} {(string?)m["resultOn"] ?? "-"} {m["percentIs"]?.ToJsonString() ?? "-"} {(string?)m["confirmedOn"] ?? "-"}");
}
