using System.Text.Json;
using System.Text.Json.Nodes;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Audit;

public sealed class ReplayTests(AppFixture app) : IntegrationTest(app)
{
    private const string History = """
        query($id: ID!) { patientHistory(patientId: $id) { subjectId events {
          eventId version sequence type recordedAt user role source reason correlationId data
          changes { field before after } derived { cytogeneticResponse protocolStatus improvement }
          state { version assessment { improvement { display } latestCytogenetic { category } } } } } }
        """;

    [Fact]
    public async Task The_history_shows_every_event_with_who_when_why_and_what_it_changed()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.RecordCourseWithCorrection(patient);

        var history = (await App.GraphQL(History, new { id = patient })).Data()["patientHistory"]!;
        var events = history["events"]!.AsArray();

        Assert.Equal(await EventCount(patient), events.Count);
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => (int)e!["version"]!));
        var sequences = events.Select(e => (long)e!["sequence"]!).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(["PatientEnrolled", "DoseChanged", "CytogeneticsRecorded", "DoseChanged", "CytogeneticsRecorded", "EntryVoided", "CytogeneticsRecorded"],
            events.Select(e => (string)e!["type"]!));

        var escalationResponse = events[4]!;
        Assert.Equal(AuditScenario.Coordinator, (string?)escalationResponse["user"]);
        Assert.Equal("coordinator", (string?)escalationResponse["role"]);
        Assert.Equal("api", (string?)escalationResponse["source"]);
        Assert.NotNull((string?)escalationResponse["correlationId"]);
        Assert.Equal(30m, JsonNode.Parse((string)escalationResponse["data"]!)!["Cytogenetics"]!["PhPositivePercent"]!.GetValue<decimal>());
        Assert.Contains(escalationResponse["changes"]!.AsArray(), c => (string)c!["field"]! == "improvement" && c["before"] is null
            && (string?)c["after"] == "PR/0+");
        Assert.Contains(escalationResponse["changes"]!.AsArray(), c => (string)c!["field"]! == "cytogeneticResponse"
            && ((string?)c["before"])!.StartsWith("None", StringComparison.Ordinal) && ((string?)c["after"])!.StartsWith("Partial", StringComparison.Ordinal));

        // The correction: the voiding and the replacement carry the reason; the improvement moves from PR to CR.
        var voided = events[5]!;
        Assert.Equal(AuditScenario.CorrectionReason, (string?)voided["reason"]);
        Assert.Equal((string?)voided["correlationId"], (string?)events[6]!["correlationId"]);
        Assert.Equal(AuditScenario.CorrectionReason, (string?)events[6]!["reason"]);
        Assert.Contains(events[6]!["changes"]!.AsArray(), c => (string)c!["field"]! == "improvement" && (string?)c["after"] == "CR/0+");

        // The state after each event is the chart then; after the last it is the chart the system stores.
        Assert.Equal("PARTIAL", (string?)events[4]!["state"]!["assessment"]!["latestCytogenetic"]!["category"]);
        Assert.Equal(5, (int)events[4]!["state"]!["version"]!);
        Assert.Equal("CR/0+", (string?)events[^1]!["state"]!["assessment"]!["improvement"]!["display"]);
    }

    [Fact]
    public async Task The_replayed_state_after_the_last_event_is_the_stored_chart()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.RecordCourseWithCorrection(patient);

        await using var session = App.Store.QuerySession();
        var replayed = await Api.Audit.Replay.PatientAudit.AsOfAsync(session, patient, null, null, null, today: new DateOnly(2026, 1, 1));
        var stored = await session.LoadAsync<PatientChart>(patient);

        Assert.Equal(JsonSerializer.Serialize(stored), JsonSerializer.Serialize(replayed));
        await ChartEntries.LoadAsync(session, [stored!], CancellationToken.None);
        Assert.Equal(stored!.Entries, replayed!.Entries);
    }

    [Fact]
    public async Task A_patient_as_of_a_version_a_recorded_time_and_a_clinical_date()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.RecordCourseWithCorrection(patient);
        var recordedAtVersion5 = (await App.GraphQL("query($id: ID!) { patientAsOf(patientId: $id, version: 5) { lastRecordedAt } }", new { id = patient }))
            .Data()["patientAsOf"]!["lastRecordedAt"]!.GetValue<string>();

        const string asOf = """
            query($id: ID!, $version: Int, $at: DateTimeOffset, $on: Date) {
              patientAsOf(patientId: $id, version: $version, recordedAt: $at, clinicalDate: $on) {
                version cytogenetics { entryKey } corrections { voidedEntryKey reason }
                assessment { improvement { display } latestCytogenetic { phPositivePercent } escalatedOn } } }
            """;
        var atVersion5 = (await App.GraphQL(asOf, new { id = patient, version = 5 })).Data()["patientAsOf"]!;
        var atTime = (await App.GraphQL(asOf, new { id = patient, at = recordedAtVersion5 })).Data()["patientAsOf"]!;
        var beforeEscalation = (await App.GraphQL(asOf, new { id = patient, on = "2001-03-10" })).Data()["patientAsOf"]!;
        var now = (await App.GraphQL(asOf, new { id = patient })).Data()["patientAsOf"]!;

        Assert.Equal(5, (int)atVersion5["version"]!);
        Assert.Equal("PR/0+", (string?)atVersion5["assessment"]!["improvement"]!["display"]);
        Assert.Empty(atVersion5["corrections"]!.AsArray());
        Assert.Equal(atVersion5.ToJsonString(), atTime.ToJsonString());

        Assert.Equal(7, (int)beforeEscalation["version"]!);
        Assert.Null(beforeEscalation["assessment"]!["escalatedOn"]);
        Assert.Equal(100m, beforeEscalation["assessment"]!["latestCytogenetic"]!["phPositivePercent"]!.GetValue<decimal>());

        Assert.Equal("CR/0+", (string?)now["assessment"]!["improvement"]!["display"]);
        Assert.Equal(AuditScenario.CorrectionReason, (string?)now["corrections"]![0]!["reason"]);
    }

    [Fact]
    public async Task Asking_for_a_version_and_a_recorded_time_at_once_is_refused()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());

        var response = await App.GraphQL("query($id: ID!) { patientAsOf(patientId: $id, version: 1, recordedAt: \"2020-01-01T00:00:00Z\") { version } }",
            new { id = patient });

        Assert.Equal("BAD_USER_INPUT", (string?)response["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task The_cohort_as_of_a_past_time_is_what_the_live_tables_showed_then()
    {
        var trial = await Bus.Trial();
        var first = await Bus.EnrolledPatient(trial, "001");
        await Bus.RecordCourseWithCorrection(first);
        var second = await Bus.EnrolledPatient(trial, "002");
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(second, "CG1", AuditScenario.Karyotype(100m, new(2001, 3, 1)))), AuditScenario.As("dr.kim"));
        var live = (await App.GraphQL(Cohort("cohort(trialId: $trial)", "$trial: ID!"), new { trial })).Data()["cohort"]!.ToJsonString();
        // The cut-off is the time PostgreSQL recorded the last event shown live, not this process's clock.
        var cutOff = await LastRecordedAt(second);

        // Later: a correction of the second patient, more results, a third patient.
        await Bus.RecordCourseWithCorrection(second);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(second, "CG1b", AuditScenario.Karyotype(95m, new(2001, 3, 1))),
            new Correction("CG1", "wrong specimen")), AuditScenario.As("dr.kim", "wrong specimen"));
        await Bus.RecordCourseWithCorrection(await Bus.EnrolledPatient(trial, "003"));
        var later = (await App.GraphQL(Cohort("cohort(trialId: $trial)", "$trial: ID!"), new { trial })).Data()["cohort"]!.ToJsonString();

        var asOf = (await App.GraphQL(Cohort("cohortAsOf(trialId: $trial, recordedAt: $at)", "$trial: ID!, $at: DateTimeOffset!"), new { trial, at = cutOff })).Data()["cohortAsOf"]!.ToJsonString();

        Assert.NotEqual(live, later);
        Assert.Equal(live, asOf);
    }

    private async Task<DateTimeOffset> LastRecordedAt(Guid patient)
    {
        await using var session = App.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(patient))[^1].Timestamp;
    }

    private static string Cohort(string field, string variables) => $$"""
        query({{variables}}) { {{field}} {
          asOf
          table1 { patients ageYears { display n } female { display } rows { characteristic count { count of display } }
                   diseaseGroupAtStandardDose { group count { display } } }
          table2 { lines { resistanceOrRelapse row monthsOnStandardDose { display } patientsTreated withChr withPhr
                           complete { display } partial { display } minor { display } hematologicDisplay } unclassifiedSubjectIds }
          table3 { subjectId row conventionalDisplay lowestAfterIncreaseDisplay responseDisplay
                   episode { improvedCategory startOn endOn censored durationDays display } }
          disposition { patients onTherapyInChronicPhase onTherapyAfterTransformation discontinued died
                        discontinuedBy { reason patients } diedOf { cause patients } }
          doseReductions { patients reductions patientsForPancytopenia patientsForOtherToxicity }
          doseIntensity { months patientsOnTherapy medianDailyDoseMg }
          followUp { monthsAfterEscalation { display } longestStillFollowed display }
          monthsOnStandardDose { display }
          discrepancies { subjectId discrepancy { assessedOn kind reported derived } } } }
        """;
}
