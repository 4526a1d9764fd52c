using System.Text.Json.Nodes;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.GraphQL.SchemaTests;

public sealed class MutationTests(AppFixture app) : IntegrationTest(app)
{
    private const string Payload = "{ patientId entryKey version alreadyRecorded patient { version } }";

    private GraphQLOperations Graph { get; } = new(app);

    /// <summary>Each patient-entry mutation with a valid value of its argument.</summary>
    public static TheoryData<string, string> Entries => new()
    {
        { "recordBloodCount", "count: { collectedOn: \"2000-06-01\", wbc: 5.2, neutrophils: 3.1, platelets: 210, hemoglobin: 12.5, lowerLimits: { neutrophils: 1.8 } }" },
        { "recordMarrow", "marrow: { collectedOn: \"2000-06-01\", blastsPercent: 2, basophilsPercent: 1 }" },
        { "recordCytogenetics", "cytogenetics: { collectedOn: \"2000-06-01\", phPositivePercent: 40, method: KARYOTYPE, cellsAnalysed: 20, clonalEvolution: false }" },
        { "recordMolecular", "molecular: { collectedOn: \"2000-06-01\", bcrAbl1PercentIs: 0.8, abl1ControlCopies: 32000 }" },
        { "recordPhysicalExam", "exam: { examinedOn: \"2000-06-01\", spleenCmBelowCostalMargin: 0, diseaseSignsOrSymptoms: false }" },
        { "changeDose", "dose: { effectiveOn: \"2000-06-01\", action: REDUCED, dailyDoseMg: 300, schedule: \"daily\", reason: \"PANCYTOPENIA\" }" },
        { "reportToxicity", "toxicity: { onsetOn: \"2000-06-01\", term: \"Neutrophil count decreased\", grade: 3 }" },
        { "reportResponse", "response: { assessedOn: \"2000-06-01\", cytogenetic: PARTIAL }" },
        { "diagnoseTransformation", "transformation: { diagnosedOn: \"2000-06-01\", phase: BLASTIC }" },
        { "discontinueTherapy", "discontinuation: { effectiveOn: \"2000-06-01\", reason: TOXICITY }" },
        { "recordDeath", "death: { diedOn: \"2000-06-01\", cause: INFECTION }" },
        { "recordFollowUpContact", "contactOn: \"2000-06-01\"" },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public async Task Each_entry_mutation_appends_through_the_write_path_and_returns_the_updated_patient(string mutation, string value)
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());

        var response = await Graph.ExecuteAsync(
            $"mutation($p: ID!) {{ {mutation}(patientId: $p, entryKey: \"KEY-1\", {value}) {Payload} }}", new { p = patient });

        var result = Data(response)[mutation]!;
        Assert.Equal("KEY-1", (string?)result["entryKey"]);
        Assert.Equal(2, (int)result["version"]!);
        Assert.False((bool)result["alreadyRecorded"]!);
        Assert.Equal(2, (int)result["patient"]!["version"]!);
        Assert.Equal(2, await EventCount(patient));
    }

    [Fact]
    public async Task The_same_entry_key_sent_twice_appends_once_and_returns_the_same_result()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        const string mutation = """
            mutation($p: ID!) { recordCytogenetics(patientId: $p, entryKey: "ACC-123",
              cytogenetics: { collectedOn: "2000-06-01", phPositivePercent: 40, method: KARYOTYPE, cellsAnalysed: 20, clonalEvolution: false })
              { version alreadyRecorded } }
            """;

        var first = Data(await Graph.ExecuteAsync(mutation, new { p = patient }))["recordCytogenetics"]!;
        var second = Data(await Graph.ExecuteAsync(mutation, new { p = patient }))["recordCytogenetics"]!;

        Assert.Equal((int)first["version"]!, (int)second["version"]!);
        Assert.True((bool)second["alreadyRecorded"]!);
        Assert.Equal(2, await EventCount(patient));
    }

    [Fact]
    public async Task A_stale_expected_version_is_refused_as_a_conflict_naming_both_versions_and_nothing_is_appended()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Graph.ExecuteAsync("""mutation($p: ID!) { recordFollowUpContact(patientId: $p, entryKey: "FU-1", contactOn: "2000-05-01") { version } }""", new { p = patient });

        var response = await Graph.ExecuteAsync(
            """mutation($p: ID!) { recordFollowUpContact(patientId: $p, entryKey: "FU-2", contactOn: "2000-06-01", expectedVersion: 1) { version } }""",
            new { p = patient });

        var error = Assert.Single(Errors(response))!;
        Assert.Equal("CONFLICT", (string?)error["extensions"]!["code"]);
        Assert.Equal(1, (int)error["extensions"]!["expectedVersion"]!);
        Assert.Equal(2, (int)error["extensions"]!["actualVersion"]!);
        Assert.Equal(2, await EventCount(patient));
    }

    [Fact]
    public async Task The_current_expected_version_is_accepted()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());

        var response = await Graph.ExecuteAsync(
            """mutation($p: ID!) { recordFollowUpContact(patientId: $p, entryKey: "FU-1", contactOn: "2000-06-01", expectedVersion: 1) { version } }""",
            new { p = patient });

        Assert.Equal(2, (int)Data(response)["recordFollowUpContact"]!["version"]!);
    }

    [Fact]
    public async Task A_refused_field_comes_back_as_a_bad_user_input_error_naming_it_and_nothing_is_appended()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());

        var response = await Graph.ExecuteAsync("""
            mutation($p: ID!) { recordCytogenetics(patientId: $p, entryKey: "CG-1",
              cytogenetics: { collectedOn: "2000-06-01", phPositivePercent: 140, method: KARYOTYPE, cellsAnalysed: 20, clonalEvolution: false })
              { version } }
            """, new { p = patient });

        var error = Assert.Single(Errors(response))!;
        Assert.Equal("BAD_USER_INPUT", (string?)error["extensions"]!["code"]);
        Assert.Equal("cytogenetics.phPositivePercent", (string?)error["extensions"]!["field"]);
        Assert.Contains("between 0 and 100", (string?)error["extensions"]!["reason"], StringComparison.Ordinal);
        Assert.Equal(1, await EventCount(patient));
    }

    [Fact]
    public async Task A_correction_supersedes_the_earlier_entry_and_the_chart_shows_why()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Graph.ExecuteAsync("""
            mutation($p: ID!) { recordCytogenetics(patientId: $p, entryKey: "CG-1",
              cytogenetics: { collectedOn: "2000-06-01", phPositivePercent: 40, method: KARYOTYPE, cellsAnalysed: 20, clonalEvolution: false }) { version } }
            """, new { p = patient });

        var response = await Graph.ExecuteAsync("""
            mutation($p: ID!) { recordCytogenetics(patientId: $p, entryKey: "CG-1b",
              cytogenetics: { collectedOn: "2000-06-01", phPositivePercent: 4, method: KARYOTYPE, cellsAnalysed: 20, clonalEvolution: false },
              correction: { supersedesEntryKey: "CG-1", reason: "transcription error" })
              { version patient { cytogenetics { entryKey } corrections { voidedEntryKey reason replacementEntryKey }
                                  assessment { latestCytogenetic { category } } } } }
            """, new { p = patient });

        var result = Data(response)["recordCytogenetics"]!;
        Assert.Equal(4, (int)result["version"]!);
        Assert.Equal("CG-1b", (string?)Assert.Single(result["patient"]!["cytogenetics"]!.AsArray())!["entryKey"]);
        var correction = Assert.Single(result["patient"]!["corrections"]!.AsArray())!;
        Assert.Equal("CG-1", (string?)correction["voidedEntryKey"]);
        Assert.Equal("transcription error", (string?)correction["reason"]);
        Assert.Equal("CG-1b", (string?)correction["replacementEntryKey"]);
        Assert.Equal("PARTIAL", (string?)result["patient"]!["assessment"]!["latestCytogenetic"]!["category"]);
    }

    [Fact]
    public async Task Voiding_an_entry_removes_it_from_the_chart_and_keeps_the_reason()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Graph.ExecuteAsync("""mutation($p: ID!) { recordFollowUpContact(patientId: $p, entryKey: "FU-1", contactOn: "2000-05-01") { version } }""", new { p = patient });

        var response = await Graph.ExecuteAsync(
            """mutation($p: ID!) { voidEntry(patientId: $p, entryKey: "FU-1", reason: "wrong patient", expectedVersion: 2) { version patient { followUpContacts { entryKey } corrections { reason } } } }""",
            new { p = patient });

        var result = Data(response)["voidEntry"]!;
        Assert.Equal(3, (int)result["version"]!);
        Assert.Empty(result["patient"]!["followUpContacts"]!.AsArray());
        Assert.Equal("wrong patient", (string?)Assert.Single(result["patient"]!["corrections"]!.AsArray())!["reason"]);
    }

    [Fact]
    public async Task A_trial_is_registered_and_a_patient_enrolled_and_a_retried_enrolment_is_acknowledged()
    {
        var trialId = Guid.NewGuid();
        var patientId = Guid.NewGuid();
        var trial = Data(await Graph.ExecuteAsync("""
            mutation($t: ID!) { registerTrial(trialId: $t, code: "CML-110", title: "Imatinib dose escalation", sites: ["MDACC"],
              settings: { criteriaSet: "MDACC-2003" }) { id code sites settings { criteriaSet alertGradeThreshold } version } }
            """, new { t = trialId }))["registerTrial"]!;
        const string enrol = """
            mutation($t: ID!, $p: ID!) { enrolPatient(patientId: $p, trialId: $t, enrolledOn: "2000-03-01",
              baseline: { subjectId: "001", site: "MDACC", ageAtEnrolment: 58, sex: FEMALE, diagnosedOn: "1997-06-01", ecog: 0,
                          spleenCmBelowCostalMargin: 0, hepatomegaly: false, clonalEvolution: false, diseaseGroupAtStandardDose: CYTOGENETIC_RESISTANCE })
              { entryKey version alreadyRecorded patient { subjectId trial { code } } } }
            """;

        var first = Data(await Graph.ExecuteAsync(enrol, new { t = trialId, p = patientId }))["enrolPatient"]!;
        var retry = Data(await Graph.ExecuteAsync(enrol, new { t = trialId, p = patientId }))["enrolPatient"]!;

        Assert.Equal(trialId.ToString(), (string?)trial["id"]);
        Assert.Equal(3, (int)trial["settings"]!["alertGradeThreshold"]!);
        Assert.Equal(1, (int)first["version"]!);
        Assert.Equal("CML-110", (string?)first["patient"]!["trial"]!["code"]);
        Assert.True((bool)retry["alreadyRecorded"]!);
        Assert.Equal(1, await EventCount(patientId));
    }

    internal static JsonObject Data(JsonNode response)
    {
        Assert.True(response["errors"] is null, "Unexpected errors: " + response["errors"]?.ToJsonString());
        return response["data"]!.AsObject();
    }

    internal static JsonArray Errors(JsonNode response) =>
        response["errors"]?.AsArray() ?? throw new Xunit.Sdk.XunitException("Expected errors, got " + response.ToJsonString());
}
