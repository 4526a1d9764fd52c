using System.Text.Json.Nodes;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;
using static TrialMonitor.Api.Tests.Alerts.AlertScenario;
using static TrialMonitor.Api.Tests.GraphQL.SchemaTests.MutationTests;

namespace TrialMonitor.Api.Tests.Alerts;

/// <summary>
/// The molecular alerts and what a correction changed, driven as a client would: a trial registered
/// with ELN-2020, doses and PCR results recorded and corrected through GraphQL mutations, the alerts
/// received by a safety monitor's subscription, the history and the trial's corrections read by an
/// auditor. Therapy starts on 2024-01-02 (day 0): the milestones fall on 2024-04-02 (day 91),
/// 2024-07-02 (day 182) and 2025-01-01 (day 365, 2024 being a leap year), each counted by hand.
/// Thresholds: Hochhaus 2020, Table 4 (12 months: optimal ≤ 0.1 %, failure > 1 %; 6 months: failure > 10 %).
/// </summary>
public sealed class MolecularAlertsTests(AppFixture app) : IntegrationTest(app)
{
    private const string Reason = "lab reissued the report: sample mix-up";
    private const string AlertFields = "id kind status term site subjectId clinicalOn description cause { entryKey eventType } withdrawal { voidedEntryKey reason }";

    private GraphQLOperations Graph { get; } = new(app);

    private string Monitor => "Bearer " + App.Token("monitor.a", [Roles.SafetyMonitor]);

    private string Auditor => "Bearer " + App.Token("auditor.a", [Roles.Auditor]);

    [Fact]
    public async Task Correcting_the_12_month_result_from_0_09_to_2_percent_moves_milestone_12_from_OPTIMAL_to_FAILURE_and_raises_the_failure_alert()
    {
        var (trial, patient) = await Eln2020Patient("001", "MDACC");
        await Pcr(patient, "PCR-3", "2024-04-02", 8m); // ≤ 10 %: optimal
        await Pcr(patient, "PCR-6", "2024-07-02", 0.8m); // ≤ 1 %: optimal
        await Pcr(patient, "PCR-12", "2025-01-01", 0.09m); // ≤ 0.1 %: optimal, and MMR
        await using var alerts = await Graph.SubscribeAsync($"subscription($t: ID) {{ alerts(filter: {{ trialId: $t }}) {{ {AlertFields} }} }}",
            new { t = trial }, TestTokens.Principal("monitor.a", [Roles.SafetyMonitor]));

        await Pcr(patient, "PCR-12b", "2025-01-01", 2m, new { supersedesEntryKey = "PCR-12", reason = Reason });

        var alert = Data(await alerts.NextAsync(DaemonTimeout))["alerts"]!;
        Assert.Equal(("MOLECULAR_MILESTONE_FAILURE", "OPEN", "12-month milestone", "MDACC", "001", "2025-01-01"),
            ((string?)alert["kind"], (string?)alert["status"], (string?)alert["term"], (string?)alert["site"], (string?)alert["subjectId"],
             (string?)alert["clinicalOn"]));
        Assert.Equal(("PCR-12b", "molecular_recorded"), ((string?)alert["cause"]!["entryKey"], (string?)alert["cause"]!["eventType"]));
        Assert.Equal("12-month molecular milestone failed (ELN-2020): BCR-ABL1 2 % IS on 2025-01-01", (string?)alert["description"]);
        var open = Data(await Graph.ExecuteAsync("query($t: ID!) { openAlerts(trialId: $t) { id kind } }", new { t = trial }, Monitor))["openAlerts"]!;
        Assert.Equal((string?)alert["id"], (string?)Assert.Single(open.AsArray())!["id"]);

        // The correction's void names what the whole correction changed, up to its replacement.
        var history = Data(await Graph.ExecuteAsync("""
            query($p: ID!) { patientHistory(patientId: $p) { events { type reason changes { field before after } } } }
            """, new { p = patient }, Auditor))["patientHistory"]!["events"]!.AsArray();
        var correction = history.Single(e => (string?)e!["type"] == "EntryVoided")!;
        Assert.Equal(Reason, (string?)correction["reason"]);
        var changes = Changes(correction["changes"]!);
        Assert.Equal(("OPTIMAL", "FAILURE"), changes["milestone.12"]);
        Assert.Equal(("MMR (0.09 %)", null), changes["level.PCR-12"]);
        Assert.Equal((null, "ABOVE_1 (2 %)"), changes["level.PCR-12b"]);
        Assert.Equal(("2025-01-01", null), changes["mmrReachedOn"]);
        Assert.Equal((null, "raised: 12-month molecular milestone failed (ELN-2020): BCR-ABL1 2 % IS on 2025-01-01"),
            changes["alert.MOLECULAR_MILESTONE_FAILURE"]);
        Assert.False(changes.ContainsKey("milestone.3"));
        Assert.False(changes.ContainsKey("milestone.6"));
        // The replacement on its own: from the 12-month milestone without a result (its window long closed) to its failure.
        var replacement = Changes(history[^1]!["changes"]!);
        Assert.Equal(("NOT_ASSESSED", "FAILURE"), replacement["milestone.12"]);

        var corrections = Data(await Graph.ExecuteAsync("""
            query($t: ID!) { corrections(trialId: $t) { subjectId entryKey replacementEntryKey reason user recordedAt changes { field before after } } }
            """, new { t = trial }, Auditor))["corrections"]!.AsArray();
        var listed = Assert.Single(corrections)!;
        Assert.Equal(("001", "PCR-12", "PCR-12b", Reason, "test-user"),
            ((string?)listed["subjectId"], (string?)listed["entryKey"], (string?)listed["replacementEntryKey"], (string?)listed["reason"],
             (string?)listed["user"]));
        Assert.Equal(correction["changes"]!.ToJsonString(), listed["changes"]!.ToJsonString());
    }

    [Fact]
    public async Task A_correction_or_void_that_removes_a_failure_or_a_loss_of_MMR_withdraws_its_alert()
    {
        var (trial, patient) = await Eln2020Patient("002", "SITE-2");
        await using var alerts = await Graph.SubscribeAsync($"subscription($t: ID) {{ alerts(filter: {{ trialId: $t }}) {{ {AlertFields} }} }}",
            new { t = trial }, TestTokens.Principal("monitor.a", [Roles.SafetyMonitor]));

        await Pcr(patient, "PCR-6", "2024-07-02", 20m); // > 10 % at 6 months: failure
        var failure = Data(await alerts.NextAsync(DaemonTimeout))["alerts"]!;
        Assert.Equal(("MOLECULAR_MILESTONE_FAILURE", "6-month milestone", "2024-07-02"),
            ((string?)failure["kind"], (string?)failure["term"], (string?)failure["clinicalOn"]));

        // 5 % is a warning at 6 months: the correction withdraws the failure and raises nothing.
        await Pcr(patient, "PCR-6b", "2024-07-02", 5m, new { supersedesEntryKey = "PCR-6", reason = Reason });
        var withdrawn = Data(await alerts.NextAsync(DaemonTimeout))["alerts"]!;
        Assert.Equal(((string?)failure["id"], "WITHDRAWN", "PCR-6", Reason),
            ((string?)withdrawn["id"], (string?)withdrawn["status"], (string?)withdrawn["withdrawal"]!["voidedEntryKey"],
             (string?)withdrawn["withdrawal"]!["reason"]));

        // MMR (≤ 0.1 %) on 2024-10-02, then 0.5 % on 2025-01-01 (a warning at 12 months, not a failure): MMR lost.
        await Pcr(patient, "PCR-9", "2024-10-02", 0.05m);
        await Pcr(patient, "PCR-12", "2025-01-01", 0.5m);
        var loss = Data(await alerts.NextAsync(DaemonTimeout))["alerts"]!;
        Assert.Equal(("LOSS_OF_MAJOR_MOLECULAR_RESPONSE", "2025-01-01", "PCR-12"),
            ((string?)loss["kind"], (string?)loss["clinicalOn"], (string?)loss["cause"]!["entryKey"]));
        Assert.Equal("Major molecular response lost (ELN-2020): BCR-ABL1 0.5 % IS on 2025-01-01, after MMR on 2024-10-02", (string?)loss["description"]);

        Data(await Graph.ExecuteAsync("""
            mutation($p: ID!) { voidEntry(patientId: $p, entryKey: "PCR-12", reason: "wrong patient") { version } }
            """, new { p = patient }));
        var lossWithdrawn = Data(await alerts.NextAsync(DaemonTimeout))["alerts"]!;
        Assert.Equal(((string?)loss["id"], "WITHDRAWN", "PCR-12"),
            ((string?)lossWithdrawn["id"], (string?)lossWithdrawn["status"], (string?)lossWithdrawn["withdrawal"]!["voidedEntryKey"]));
        Assert.Empty(Data(await Graph.ExecuteAsync("query($t: ID!) { openAlerts(trialId: $t) { id } }", new { t = trial }, Monitor))["openAlerts"]!.AsArray());

        // The trial's corrections in recorded order, each with what it changed.
        var corrections = Data(await Graph.ExecuteAsync("""
            query($t: ID!) { corrections(trialId: $t) { entryKey replacementEntryKey reason changes { field before after } } }
            """, new { t = trial }, Auditor))["corrections"]!.AsArray();
        Assert.Equal(["PCR-6", "PCR-12"], corrections.Select(c => (string?)c!["entryKey"]));
        var first = Changes(corrections[0]!["changes"]!);
        Assert.Equal(("FAILURE", "WARNING"), first["milestone.6"]);
        Assert.Equal(($"raised: {failure["description"]}", $"withdrawn: {Reason}"), first["alert.MOLECULAR_MILESTONE_FAILURE"]);
        var second = Changes(corrections[1]!["changes"]!);
        Assert.Null((string?)corrections[1]!["replacementEntryKey"]);
        Assert.Equal(("2025-01-01", null), second["mmrLostOn"]);
        Assert.Equal(("WARNING", "NOT_ASSESSED"), second["milestone.12"]);
        Assert.Equal(($"raised: {loss["description"]}", "withdrawn: wrong patient"), second["alert.LOSS_OF_MAJOR_MOLECULAR_RESPONSE"]);
    }

    [Fact]
    public async Task Corrections_are_listed_since_a_time_and_for_a_coordinator_only_at_their_sites()
    {
        var (trial, atMdacc) = await Eln2020Patient("001", "MDACC");
        var atSite2 = await EnrolledPatient(trial, "002", "SITE-2");
        await Pcr(atMdacc, "PCR-1", "2024-04-02", 8m);
        await Pcr(atMdacc, "PCR-1b", "2024-04-02", 9m, new { supersedesEntryKey = "PCR-1", reason = Reason });
        await Pcr(atSite2, "PCR-1", "2024-04-02", 8m);
        await Pcr(atSite2, "PCR-1b", "2024-04-02", 12m, new { supersedesEntryKey = "PCR-1", reason = Reason });
        // The time PostgreSQL recorded the second correction, not this process's clock.
        var between = (string?)Data(await Graph.ExecuteAsync("query($p: ID!) { patientHistory(patientId: $p) { events { type recordedAt } } }",
            new { p = atSite2 }, Auditor))["patientHistory"]!["events"]!.AsArray().Single(e => (string?)e!["type"] == "EntryVoided")!["recordedAt"];

        const string query = "query($t: ID!, $since: DateTimeOffset) { corrections(trialId: $t, since: $since) { subjectId site entryKey } }";
        string Subjects(JsonNode response) => string.Join(" ", Data(response)["corrections"]!.AsArray().Select(c => (string?)c!["subjectId"]));
        Assert.Equal("001 002", Subjects(await Graph.ExecuteAsync(query, new { t = trial }, Auditor)));
        Assert.Equal("002", Subjects(await Graph.ExecuteAsync(query, new { t = trial, since = between }, Auditor)));
        Assert.Equal("002", Subjects(await Graph.ExecuteAsync(query, new { t = trial },
            "Bearer " + App.Token("coordinator.b", [Roles.Coordinator], ["SITE-2"]))));

        var refused = await Graph.ExecuteAsync(query, new { t = trial }, Monitor);
        Assert.Equal("FORBIDDEN", (string?)Assert.Single(Errors(refused))!["extensions"]!["code"]);
    }

    private static Dictionary<string, (string? Before, string? After)> Changes(JsonNode changes) =>
        changes.AsArray().ToDictionary(c => (string)c!["field"]!, c => ((string?)c!["before"], (string?)c["after"]));

    private async Task<(Guid Trial, Guid Patient)> Eln2020Patient(string subjectId, string site)
    {
        var trial = Guid.NewGuid();
        Data(await Graph.ExecuteAsync("""
            mutation($t: ID!) { registerTrial(trialId: $t, code: "CML-FL1", title: "First-line imatinib", sites: ["MDACC", "SITE-2"],
              settings: { criteriaSet: "ELN-2020" }) { id } }
            """, new { t = trial }));
        var patient = await EnrolledPatient(trial, subjectId, site);
        Data(await Graph.ExecuteAsync("""
            mutation($p: ID!) { changeDose(patientId: $p, entryKey: "DOSE-1",
              dose: { effectiveOn: "2024-01-02", action: STARTED, dailyDoseMg: 400, schedule: "daily" }) { version } }
            """, new { p = patient }));
        return (trial, patient);
    }

    private async Task<Guid> EnrolledPatient(Guid trial, string subjectId, string site)
    {
        var patient = Guid.NewGuid();
        Data(await Graph.ExecuteAsync("""
            mutation($t: ID!, $p: ID!, $s: String!, $site: String!) { enrolPatient(patientId: $p, trialId: $t, enrolledOn: "2024-01-02",
              baseline: { subjectId: $s, site: $site, ageAtEnrolment: 52, sex: MALE, diagnosedOn: "2023-12-15", ecog: 0,
                          spleenCmBelowCostalMargin: 0, hepatomegaly: false, clonalEvolution: false, diseaseGroupAtStandardDose: CYTOGENETIC_RESISTANCE })
              { version } }
            """, new { t = trial, p = patient, s = subjectId, site }));
        return patient;
    }

    private async Task Pcr(Guid patient, string key, string collectedOn, decimal percent, object? correction = null) =>
        Data(await Graph.ExecuteAsync("""
            mutation($p: ID!, $k: String!, $on: Date!, $pct: Decimal!, $c: CorrectionInput) { recordMolecular(patientId: $p, entryKey: $k,
              molecular: { collectedOn: $on, bcrAbl1PercentIs: $pct, abl1ControlCopies: 50000 }, correction: $c) { version } }
            """, new { p = patient, k = key, on = collectedOn, pct = percent, c = correction }));
}
