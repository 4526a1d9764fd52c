using System.Net;
using System.Text.Json.Nodes;
using TrialMonitor.Api.Tests.Auth;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;
using static TrialMonitor.Api.Tests.Fhir.FhirRequests;

namespace TrialMonitor.Api.Tests.Fhir;

/// <summary>
/// HL7's own R4 example of a CBC report (diagnosticreport-example-f001-bloodexam and the five Observations it
/// references, tests/testdata/fhir): read as HL7 wrote them, then with the subject named as TrialMonitor names it.
/// </summary>
public sealed class Hl7ExamplesTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly string[] Observations =
    [
        "observation-example-f001-glucose.json", "observation-example-f002-excess.json", "observation-example-f003-co2.json",
        "observation-example-f004-erythrocyte.json", "observation-example-f005-hemoglobin.json",
    ];

    [Fact]
    public async Task The_HL7_CBC_example_is_read_its_hemoglobin_recorded_and_what_TrialMonitor_does_not_record_refused_saying_why()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial(), "001");
        var coordinator = App.Coordinator("MDACC");
        var before = await AccessScenario.EventCount(App);

        var (_, asWritten) = await App.PostFhirAsync(Example("batch"), coordinator);

        Assert.Equal(Enumerable.Repeat("422 Unprocessable Entity", 6), Statuses(asWritten));
        Assert.All(asWritten["entry"]!.AsArray(), e => Assert.Contains(
            "subject: must be a logical reference by identifier, { system: \"urn:trialmonitor:trial:<trial code>\", value: \"<subject id>\" } (got reference 'Patient/f001')",
            string.Join('\n', Diagnostics(e!["response"]!["outcome"]))));

        var named = Example("transaction");
        foreach (var entry in named["entry"]!.AsArray()) entry!["resource"]!["subject"] = Subject("001");
        var (refusedWhole, outcome) = await App.PostFhirAsync(named, coordinator);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedWhole);
        Assert.Contains("Bundle.entry[1].resource.code: LOINC 15074-8 (Glucose [Moles/volume] in Blood) is not a result TrialMonitor records; it records LOINC 6690-2",
            string.Join('\n', Diagnostics(outcome)));
        Assert.Equal(before, await AccessScenario.EventCount(App));

        named["type"] = "batch";
        var (_, response) = await App.PostFhirAsync(named, coordinator);

        // The report (entry 0) and its hemoglobin (f005) are recorded; glucose, base excess, CO2 and erythrocytes are not TrialMonitor's.
        Assert.Equal(["201 Created", .. Enumerable.Repeat("422 Unprocessable Entity", 4), "201 Created"], Statuses(response));
        string[] refusedCodes = ["15074-8", "11555-0", "11557-6", "789-8"];
        for (var i = 0; i < refusedCodes.Length; i++)
        {
            Assert.Contains($"Bundle.entry[{i + 1}].resource.code: LOINC {refusedCodes[i]} (", string.Join('\n', Diagnostics(response["entry"]![i + 1]!["response"]!["outcome"])));
        }
        // f005: 7.2 g/dL collected 2013-04-05, reference range low 7.5 g/dL.
        Assert.Equal(new BloodCount(new DateOnly(2013, 4, 5), null, null, null, 7.2m, null, null, null, new LowerLimitsOfNormal(null, null, null, 7.5m)),
            Assert.Single((await LoadChart(patient))!.ToCourse().BloodCounts));
    }

    /// <summary>The report of the HL7 collection and its five Observations, as a lab would send them.</summary>
    private static JsonObject Example(string type)
    {
        var report = Hl7Example("diagnosticreport-example-f001-bloodexam.json")["entry"]![0]!["resource"]!.AsObject();
        return Bundle(type, [report.DeepClone().AsObject(), .. Observations.Select(Hl7Example)]);
    }
}
