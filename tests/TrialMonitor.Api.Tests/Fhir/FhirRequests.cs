using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Tests.Odm;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Fhir;

/// <summary>A lab's client of /fhir/r4, and the Bundles the tests send: the one docs/fhir.md sends, the HL7 examples, and small ones.</summary>
internal static class FhirRequests
{
    public const string Trial = "CML-110";
    public const string Subjects = "urn:trialmonitor:trial:" + Trial;

    public static async Task<(HttpStatusCode Status, JsonNode Body)> PostFhirAsync(this AppFixture app, JsonNode bundle, string token)
    {
        using var client = app.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/r4")
        {
            Content = new StringContent(bundle.ToJsonString(), Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public static async Task<(HttpStatusCode Status, JsonNode Body)> GetFhirAsync(this AppFixture app, string url, string? token)
    {
        using var client = app.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public static string LabToken(this AppFixture app, params string[] trials) => app.Token("central-lab", [Roles.Lab], trials: trials);

    public static string Coordinator(this AppFixture app, string site = "MDACC") => app.Token("carla", [Roles.Coordinator], [site]);

    /// <summary>docs/fhir-lab-results.json: a CBC report for subjects 001 and 002 of CML-110 and a BCR-ABL1 result for 001.</summary>
    public static JsonObject DocsBundle() => Load(Path.Combine(OdmTestData.Repository, "docs", "fhir-lab-results.json"));

    /// <summary>An HL7 FHIR R4 example in tests/testdata/fhir (see its README).</summary>
    public static JsonObject Hl7Example(string file) => Load(Path.Combine(OdmTestData.Repository, "tests", "testdata", "fhir", file));

    public static JsonObject Bundle(string type, params JsonObject[] resources) => new()
    {
        ["resourceType"] = "Bundle",
        ["type"] = type,
        ["entry"] = new JsonArray([.. resources.Select(r => (JsonNode)new JsonObject
        {
            ["resource"] = r,
            ["request"] = new JsonObject { ["method"] = "POST", ["url"] = (string)r["resourceType"]! },
        })]),
    };

    /// <summary>An Observation of a subject of CML-110, collected on 2000-06-01.</summary>
    public static JsonObject Observation(string identifier, string loinc, string subject, decimal value, string unit, string status = "final",
        string? note = null)
    {
        var observation = new JsonObject
        {
            ["resourceType"] = "Observation",
            ["identifier"] = new JsonArray(new JsonObject { ["system"] = "http://lab.example.org/observations", ["value"] = identifier }),
            ["status"] = status,
            ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = loinc }) },
            ["subject"] = Subject(subject),
            ["effectiveDateTime"] = "2000-06-01",
            ["valueQuantity"] = new JsonObject { ["value"] = value, ["system"] = "http://unitsofmeasure.org", ["code"] = unit },
        };
        if (note is not null) observation["note"] = new JsonArray(new JsonObject { ["text"] = note });
        return observation;
    }

    public static JsonObject Subject(string subject) =>
        new() { ["identifier"] = new JsonObject { ["system"] = Subjects, ["value"] = subject } };

    /// <summary>The resource of the entry whose resource has this identifier value.</summary>
    public static JsonObject Resource(JsonNode bundle, string identifier) =>
        bundle["entry"]!.AsArray().Select(e => e!["resource"]!.AsObject())
            .Single(r => r["identifier"]?.AsArray().Any(i => (string?)i!["value"] == identifier) == true);

    public static List<string> Statuses(JsonNode response) =>
        [.. response["entry"]!.AsArray().Select(e => (string)e!["response"]!["status"]!)];

    public static List<string> Diagnostics(JsonNode? outcome) =>
        [.. outcome?["issue"]?.AsArray().Select(i => (string)i!["diagnostics"]!) ?? []];

    public static List<string> Expressions(JsonNode? outcome) =>
        [.. outcome?["issue"]?.AsArray().SelectMany(i => i!["expression"]?.AsArray().Select(e => (string)e!) ?? []) ?? []];

    private static JsonObject Load(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();
}
