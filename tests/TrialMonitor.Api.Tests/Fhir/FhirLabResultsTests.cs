using System.Net;
using System.Text.Json.Nodes;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Fhir;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Tests.Audit;
using TrialMonitor.Api.Tests.Auth;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;
using static TrialMonitor.Api.Tests.Fhir.FhirRequests;

namespace TrialMonitor.Api.Tests.Fhir;

/// <summary>
/// POST /fhir/r4 as a lab sends its results: the Bundle of docs/fhir.md, a hemoglobin no clinic could have measured,
/// amendments and withdrawals, and the search that answers what went in.
/// </summary>
public sealed class FhirLabResultsTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly DateOnly June1 = new(2000, 6, 1);

    [Fact]
    public async Task A_transaction_of_two_CBC_reports_and_a_BCR_ABL1_result_records_two_blood_counts_and_a_molecular_result_once()
    {
        var (first, second) = await TwoSubjects();
        var before = await AccessScenario.EventCount(App);

        var (status, response) = await App.PostFhirAsync(DocsBundle(), App.LabToken(Trial));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("transaction-response", (string?)response["type"]);
        Assert.Equal(Enumerable.Repeat("201 Created", 12), Statuses(response));
        var one = (await LoadChart(first))!.ToCourse();
        // docs/fhir-lab-results.json: platelets 210 ×10³/µL = 210 ×10⁹/L; hemoglobin 125 g/L = 12.5 g/dL, its lower limit 120 g/L = 12 g/dL.
        Assert.Equal(new BloodCount(June1, 5.2m, 3.1m, 210m, 12.5m, 1m, 2m, null, new LowerLimitsOfNormal(null, null, null, 12m)), Assert.Single(one.BloodCounts));
        Assert.Equal(new MolecularAssessment(June1, 0.08m, 52000), Assert.Single(one.Molecular));
        var two = (await LoadChart(second))!.ToCourse();
        Assert.Equal(new BloodCount(June1, 4.1m, null, 150m, 11.8m, null, null, null, null), Assert.Single(two.BloodCounts));
        Assert.Empty(two.Molecular);
        Assert.Equal(before + 3, await AccessScenario.EventCount(App));

        await using (var session = App.Store.QuerySession())
        {
            var recorded = (await session.Events.FetchStreamAsync(first)).Where(e => e.Data is BloodCountRecorded or MolecularRecorded).ToList();
            Assert.Equal(2, recorded.Count);
            Assert.All(recorded, e =>
            {
                Assert.Equal("fhir", e.GetHeader("source")?.ToString());
                Assert.Equal("central-lab", e.GetHeader("user")?.ToString());
                Assert.Equal("lab", e.GetHeader("role")?.ToString());
                Assert.Equal("http://lab.example.org/messages|MSG-2000-06-01-0001", e.GetHeader("fhir-bundle")?.ToString());
            });
        }

        var (again, repeat) = await App.PostFhirAsync(DocsBundle(), App.LabToken(Trial));

        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(Enumerable.Repeat("200 OK", 12), Statuses(repeat));
        Assert.Equal(before + 3, await AccessScenario.EventCount(App));
    }

    [Fact]
    public async Task A_hemoglobin_of_250_g_dL_refuses_the_transaction_whole_and_as_a_batch_the_other_entries_are_recorded()
    {
        var (first, second) = await TwoSubjects();
        var bundle = DocsBundle();
        var hemoglobin = Resource(bundle, "R-0001-HGB");
        hemoglobin["valueQuantity"] = new JsonObject { ["value"] = 250, ["unit"] = "g/dL", ["system"] = "http://unitsofmeasure.org", ["code"] = "g/dL" };
        var before = await AccessScenario.EventCount(App);

        var (status, outcome) = await App.PostFhirAsync(bundle, App.LabToken(Trial));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("OperationOutcome", (string?)outcome["resourceType"]);
        // Entry 4 of the Bundle is R-0001's hemoglobin; DOMAIN, "At the door": hemoglobin 0–25 g/dL.
        Assert.Contains("Bundle.entry[4].resource.valueQuantity.value", Expressions(outcome));
        Assert.Contains("Bundle.entry[4].resource.valueQuantity.value: hemoglobin must be between 0 and 25 g/dL (got 250 g/dL); the lab sent 250 g/dL",
            Diagnostics(outcome));
        Assert.Equal(before, await AccessScenario.EventCount(App));

        bundle["type"] = "batch";
        var (batchStatus, response) = await App.PostFhirAsync(bundle, App.LabToken(Trial));

        Assert.Equal(HttpStatusCode.OK, batchStatus);
        Assert.Equal("batch-response", (string?)response["type"]);
        // R-0001 (entries 0–6) is one blood count, refused whole; R-0002 (7–10) and the BCR-ABL1 result (11) go in.
        Assert.Equal([.. Enumerable.Repeat("422 Unprocessable Entity", 7), .. Enumerable.Repeat("201 Created", 5)], Statuses(response));
        Assert.Contains("hemoglobin must be between 0 and 25 g/dL (got 250 g/dL)", string.Join('\n', Diagnostics(response["entry"]![4]!["response"]!["outcome"])));
        Assert.Contains("the BloodCount it belongs to was refused (entries 4)", string.Join('\n', Diagnostics(response["entry"]![1]!["response"]!["outcome"])));
        var one = (await LoadChart(first))!.ToCourse();
        Assert.Empty(one.BloodCounts);
        Assert.Single(one.Molecular);
        Assert.Single((await LoadChart(second))!.ToCourse().BloodCounts);
        Assert.Equal(before + 2, await AccessScenario.EventCount(App));
    }

    [Fact]
    public async Task An_amended_result_corrects_its_entry_and_an_entered_in_error_one_withdraws_it_with_the_changes_in_the_history()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial(), "001");
        var lab = App.LabToken(Trial);
        var platelets = Observation("R-9-PLT", "777-3", "001", 20m, "10*9/L");
        platelets["id"] = "plt";
        var hemoglobin = Observation("R-9-HGB", "718-7", "001", 7.2m, "g/dL");
        hemoglobin["id"] = "hgb";
        var (_, recorded) = await App.PostFhirAsync(Bundle("transaction",
            Report("R-9", "001", "Observation/plt", "Observation/hgb"), platelets, hemoglobin,
            Observation("R-9-WBC", "6690-2", "001", 4.8m, "10*9/L", status: "preliminary"),
            BcrAbl1("M-9", "001", 0.5m, 48000)), lab);
        Assert.Equal(["201 Created", "201 Created", "201 Created", "202 Accepted", "201 Created"], Statuses(recorded));
        Assert.Contains("not recorded: its status is preliminary", string.Join('\n', Diagnostics(recorded["entry"]![3]!["response"]!["outcome"])));

        // ELN-2020 (DOMAIN): 0.5 % IS is above 0.1–1 %; 0.05 % is MMR (≤ 0.1 %).
        Assert.Equal(["ABOVE_0_1"], await MolecularLevels(patient));

        var (_, amended) = await App.PostFhirAsync(Bundle("transaction",
            Observation("R-9-HGB", "718-7", "001", 9.5m, "g/dL", status: "amended"), BcrAbl1("M-9", "001", 0.05m, 48000, status: "corrected")), lab);
        Assert.Equal(["201 Created", "201 Created"], Statuses(amended));
        Assert.Equal(new BloodCount(June1, null, null, 20m, 9.5m, null, null, null, null), Assert.Single((await LoadChart(patient))!.ToCourse().BloodCounts));
        Assert.Equal(["MMR"], await MolecularLevels(patient));

        var (_, withdrawn) = await App.PostFhirAsync(Bundle("transaction",
            Observation("R-9-PLT", "777-3", "001", 20m, "10*9/L", status: "entered-in-error"),
            BcrAbl1("M-9", "001", 0.5m, 48000, status: "entered-in-error", note: "sample mix-up at the lab")), lab);
        Assert.Equal(["201 Created", "201 Created"], Statuses(withdrawn));
        var course = (await LoadChart(patient))!.ToCourse();
        Assert.Equal(new BloodCount(June1, null, null, null, 9.5m, null, null, null, null), Assert.Single(course.BloodCounts));
        Assert.Empty(course.Molecular);
        Assert.Empty(await MolecularLevels(patient));

        var events = (await App.GraphQL("""
            query($id: ID!) { patientHistory(patientId: $id) { events { type source reason changes { field before after } } } }
            """, new { id = patient })).Data()["patientHistory"]!["events"]!.AsArray();
        Assert.Equal(["PatientEnrolled", "BloodCountRecorded", "MolecularRecorded", "EntryVoided", "BloodCountRecorded", "EntryVoided", "MolecularRecorded",
            "EntryVoided", "BloodCountRecorded", "EntryVoided"], events.Select(e => (string)e!["type"]!));
        Assert.All(events.Skip(1), e => Assert.Equal("fhir", (string?)e!["source"]));
        Assert.Equal([null, null, null, "amended by the lab", "amended by the lab", "amended by the lab", "amended by the lab",
            "entered in error: withdrawn by the lab", "entered in error: withdrawn by the lab", "sample mix-up at the lab"], events.Select(e => (string?)e!["reason"]));
        // CTCAE v5: hemoglobin 7.2 g/dL < 8.0 is grade 3 anemia, 9.5 (< 10.0–8.0) grade 2; platelets 20 < 25 ×10⁹/L grade 4.
        // A correction's void shows what the whole correction changed; its replacement, what it changed after the void.
        Assert.Equal(("Anemia grade 3 (2000-06-01); Platelet count decreased grade 4 (2000-06-01)",
            "Anemia grade 2 (2000-06-01); Platelet count decreased grade 4 (2000-06-01)"), LabToxicity(events[3]!));
        Assert.Equal((null, "Anemia grade 2 (2000-06-01); Platelet count decreased grade 4 (2000-06-01)"), LabToxicity(events[4]!));
        Assert.Equal(("Anemia grade 2 (2000-06-01); Platelet count decreased grade 4 (2000-06-01)", "Anemia grade 2 (2000-06-01)"), LabToxicity(events[7]!));
        Assert.Equal((null, "Anemia grade 2 (2000-06-01)"), LabToxicity(events[8]!));
        // The BCR-ABL1 result's level, named by its entry key (the kind and the lab's identifier; a correction adds ~ and a digest).
        const string level = "level.FHIR:Molecular:http://lab.example.org/observations|M-9";
        Assert.Contains(Changes(events[5]!), c => c == (level, "ABOVE_0_1 (0.5 %)", null));
        Assert.Contains(Changes(events[5]!), c => c.Field.StartsWith(level + "~", StringComparison.Ordinal) && c.Before == null && c.After == "MMR (0.05 %)");
        Assert.Contains(Changes(events[6]!), c => c.Field.StartsWith(level + "~", StringComparison.Ordinal) && c.Before == null && c.After == "MMR (0.05 %)");
        Assert.Contains(Changes(events[6]!), c => c == ("mmrReachedOn", null, "2000-06-01"));
        Assert.Contains(Changes(events[9]!), c => c.Field.StartsWith(level + "~", StringComparison.Ordinal) && c.Before == "MMR (0.05 %)" && c.After == null);

        var auditor = App.Token("audrey", [Roles.Auditor]);
        var (_, hemoglobins) = await App.GetFhirAsync(Search("001", "718-7"), auditor);
        var found = Assert.Single(hemoglobins["entry"]!.AsArray())!["resource"]!;
        Assert.Equal("amended", (string?)found["status"]);
        Assert.Equal(9.5m, found["valueQuantity"]!["value"]!.GetValue<decimal>());
        Assert.Equal(0, (int)(await App.GetFhirAsync(Search("001", "777-3"), auditor)).Body["total"]!);
        Assert.Equal(0, (int)(await App.GetFhirAsync(Search("001", "69380-4"), auditor)).Body["total"]!);

        // What the lab sent is the events' (a header of each entry): the index rebuilt from them answers the same, and the audit chain covers it.
        await using (var session = App.Store.LightweightSession())
        {
            session.DeleteWhere<RecordedObservation>(o => o.PatientId == patient);
            await session.SaveChangesAsync();
        }
        using (var daemon = await App.Store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<RecordedObservationProjection>(CancellationToken.None);
        var rebuilt = Assert.Single((await App.GetFhirAsync(Search("001", "718-7"), auditor)).Body["entry"]!.AsArray())!["resource"]!;
        Assert.True(JsonNode.DeepEquals(found, rebuilt), rebuilt.ToJsonString());
        Assert.True((bool)(await App.GraphQL("query($id: ID!) { verifyAuditChain(patientId: $id) { intact } }", new { id = patient }))
            .Data()["verifyAuditChain"]!["intact"]!);
    }

    [Fact]
    public async Task The_search_answers_the_Observations_in_force_as_they_were_sent_to_those_who_may_read_them()
    {
        await TwoSubjects();
        await App.PostFhirAsync(DocsBundle(), App.LabToken(Trial));
        var monitor = App.Token("sam", [Roles.SafetyMonitor]);

        var (status, found) = await App.GetFhirAsync(Search("001", "http://loinc.org|718-7"), monitor);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("searchset", (string?)found["type"]);
        var resource = Assert.Single(found["entry"]!.AsArray())!["resource"]!.AsObject();
        Assert.Matches("^[0-9a-f]{32}$", (string?)resource["id"]);
        resource.Remove("id");
        Assert.True(JsonNode.DeepEquals(Resource(DocsBundle(), "R-0001-HGB"), resource), resource.ToJsonString());
        var pcr = Assert.Single((await App.GetFhirAsync(Search("001", "69380-4"), monitor)).Body["entry"]!.AsArray())!["resource"]!.AsObject();
        pcr.Remove("id");
        Assert.True(JsonNode.DeepEquals(Resource(DocsBundle(), "M-0001"), pcr), pcr.ToJsonString());
        Assert.Equal(7, (int)(await App.GetFhirAsync(Search("001", null), monitor)).Body["total"]!);
        Assert.Equal(0, (int)(await App.GetFhirAsync(Search("003", "718-7"), monitor)).Body["total"]!);

        Assert.Equal(HttpStatusCode.OK, (await App.GetFhirAsync(Search("001", "718-7"), App.Coordinator("MDACC"))).Status);
        var (otherSite, refusal) = await App.GetFhirAsync(Search("001", "718-7"), App.Coordinator("SITE-2"));
        Assert.Equal(HttpStatusCode.Forbidden, otherSite);
        Assert.Contains("subject '001' is at site MDACC; your token's sites are SITE-2", Diagnostics(refusal));
        Assert.Equal(HttpStatusCode.Forbidden, (await App.GetFhirAsync(Search("001", "718-7"), App.LabToken(Trial))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.GetFhirAsync(Search("001", "718-7"), null)).Status);
    }

    [Fact]
    public async Task A_lab_sends_results_for_the_trials_its_token_names_and_a_coordinator_for_the_patients_of_their_sites()
    {
        await TwoSubjects();
        var bundle = Bundle("batch",
            Observation("X-1", "718-7", "001", 12m, "g/dL"), Observation("X-2", "718-7", "002", 12m, "g/dL"), Observation("X-3", "718-7", "003", 12m, "g/dL"));
        var before = await AccessScenario.EventCount(App);

        var (_, otherTrial) = await App.PostFhirAsync(bundle, App.LabToken("CML-220"));
        Assert.Equal(Enumerable.Repeat("403 Forbidden", 3), Statuses(otherTrial));
        Assert.Contains("Bundle.entry[0].resource.subject.identifier: trial 'CML-110' is not one your token names (CML-220)",
            Diagnostics(otherTrial["entry"]![0]!["response"]!["outcome"]));
        Assert.Equal(before, await AccessScenario.EventCount(App));

        var (_, coordinator) = await App.PostFhirAsync(bundle, App.Coordinator("SITE-2"));
        Assert.Equal(["403 Forbidden", "201 Created", "422 Unprocessable Entity"], Statuses(coordinator));
        Assert.Contains("is at site MDACC; your token's sites are SITE-2", string.Join('\n', Diagnostics(coordinator["entry"]![0]!["response"]!["outcome"])));
        Assert.Contains("Bundle.entry[2].resource.subject.identifier: no subject '003' is enrolled in trial 'CML-110'",
            Diagnostics(coordinator["entry"]![2]!["response"]!["outcome"]));
        Assert.Equal(before + 1, await AccessScenario.EventCount(App));

        var (auditorStatus, refusal) = await App.PostFhirAsync(bundle, App.Token("audrey", [Roles.Auditor]));
        Assert.Equal(HttpStatusCode.Forbidden, auditorStatus);
        Assert.Contains("this needs role coordinator or lab; you have role auditor", Diagnostics(refusal));
    }

    [Fact]
    public async Task What_the_door_cannot_read_is_refused_naming_the_element_and_what_it_takes()
    {
        await TwoSubjects();
        var lab = App.LabToken(Trial);
        var noIdentifier = Observation("Y-1", "718-7", "001", 12m, "g/dL");
        noIdentifier.Remove("identifier");
        var withoutCopies = Observation("Y-4", "69380-4", "001", 0.5m, "%");
        var undated = Observation("Y-5", "718-7", "001", 12m, "g/dL");
        undated.Remove("effectiveDateTime");
        var before = await AccessScenario.EventCount(App);

        var (status, response) = await App.PostFhirAsync(Bundle("batch",
            noIdentifier, Observation("Y-2", "718-7", "001", 7.4m, "mmol/L"), Observation("Y-3", "2345-7", "001", 5.5m, "mmol/L"), withoutCopies, undated,
            new JsonObject { ["resourceType"] = "Patient", ["id"] = "p" }), lab);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Enumerable.Repeat("422 Unprocessable Entity", 6), Statuses(response));
        string Said(int entry) => string.Join('\n', Diagnostics(response["entry"]![entry]!["response"]!["outcome"]));
        Assert.Contains("Bundle.entry[0].resource.identifier: is required", Said(0));
        Assert.Contains("Bundle.entry[1].resource.valueQuantity.code: 'mmol/L' is not a unit TrialMonitor converts Hemoglobin [Mass/volume] in Blood from; it takes g/dL, g/L", Said(1));
        Assert.Contains("Bundle.entry[2].resource.code: LOINC 2345-7 is not a result TrialMonitor records", Said(2));
        Assert.Contains("Bundle.entry[3].resource.component: must hold the ABL1 control gene copies (urn:trialmonitor:code|abl1-control-copies, unit {copies})", Said(3));
        Assert.Contains("Bundle.entry[4].resource.effective[x]: is required: the day the specimen was collected", Said(4));
        Assert.Contains("Bundle.entry[5].resource: TrialMonitor takes Observation and DiagnosticReport resources (got Patient)", Said(5));
        Assert.Equal(before, await AccessScenario.EventCount(App));

        var (malformed, outcome) = await App.PostFhirAsync(new JsonObject { ["resourceType"] = "Bundle", ["type"] = "transaction", ["entry"] = "none" }, lab);
        Assert.Equal(HttpStatusCode.BadRequest, malformed);
        Assert.Equal("OperationOutcome", (string?)outcome["resourceType"]);
        var (collection, refusal) = await App.PostFhirAsync(Bundle("collection", Observation("Y-6", "718-7", "001", 12m, "g/dL")), lab);
        Assert.Equal(HttpStatusCode.BadRequest, collection);
        Assert.Contains("send a Bundle of type transaction or batch (got a Bundle of type collection)", Diagnostics(refusal));

        var (metadata, capabilities) = await App.GetFhirAsync("/fhir/r4/metadata", null);
        Assert.Equal(HttpStatusCode.OK, metadata);
        Assert.Equal("4.0.1", (string?)capabilities["fhirVersion"]);
        Assert.Contains("LOINC 69380-4", (string?)capabilities["rest"]![0]!["documentation"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.PostFhirAsync(DocsBundle(), "not-a-token")).Status);
    }

    private async Task<(Guid First, Guid Second)> TwoSubjects()
    {
        var trial = await Bus.Trial();
        return (await Bus.EnrolledPatient(trial, "001", "MDACC"), await Bus.EnrolledPatient(trial, "002", "SITE-2"));
    }

    private static string Search(string subject, string? code) =>
        $"/fhir/r4/Observation?subject:identifier={Uri.EscapeDataString($"{Subjects}|{subject}")}" + (code is null ? "" : $"&code={Uri.EscapeDataString(code)}");

    private async Task<List<string>> MolecularLevels(Guid patient) =>
        [.. (await App.GraphQL("query($id: ID!) { patient(id: $id) { molecularResponse { results { level } } } }", new { id = patient }))
            .Data()["patient"]!["molecularResponse"]!["results"]!.AsArray().Select(r => (string)r!["level"]!)];

    private static List<(string Field, string? Before, string? After)> Changes(JsonNode historyEvent) =>
        [.. historyEvent["changes"]!.AsArray().Select(c => ((string)c!["field"]!, (string?)c["before"], (string?)c["after"]))];

    private static (string? Before, string? After) LabToxicity(JsonNode historyEvent) =>
        historyEvent["changes"]!.AsArray().Where(c => (string?)c!["field"] == "labToxicity").Select(c => ((string?)c!["before"], (string?)c!["after"])).Single();

    private static JsonObject Report(string identifier, string subject, params string[] results) => new()
    {
        ["resourceType"] = "DiagnosticReport",
        ["identifier"] = new JsonArray(new JsonObject { ["system"] = "http://lab.example.org/reports", ["value"] = identifier }),
        ["status"] = "final",
        ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = "58410-2" }) },
        ["subject"] = Subject(subject),
        ["effectiveDateTime"] = "2000-06-01",
        ["result"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject { ["reference"] = r })]),
    };

    private static JsonObject BcrAbl1(string identifier, string subject, decimal percent, int copies, string status = "final", string? note = null)
    {
        var observation = Observation(identifier, "69380-4", subject, percent, "%", status, note);
        observation["component"] = new JsonArray(new JsonObject
        {
            ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "urn:trialmonitor:code", ["code"] = "abl1-control-copies" }) },
            ["valueQuantity"] = new JsonObject { ["value"] = copies, ["system"] = "http://unitsofmeasure.org", ["code"] = "{copies}" },
        });
        return observation;
    }
}
