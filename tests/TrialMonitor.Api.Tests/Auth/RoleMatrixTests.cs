using System.Text.Json.Nodes;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.GraphQL.Transport;
using TrialMonitor.Api.Tests.Fhir;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Tests.Auth;

/// <summary>
/// Every query, mutation and subscription of the schema, and every FHIR endpoint, against every role: allowed ones
/// run without an authorization error, refused ones answer FORBIDDEN (403) naming the roles and append nothing. The
/// table is the specification (DOMAIN.md "People"), written out here rather than read back from the schema's metadata.
/// A lab reads the trials' registry and nothing clinical: it sends results through FHIR. The REST endpoints (ODM
/// import and export, CDISC, audit trail) answer 401 without a token and 403 naming the roles from their policies.
/// Every case reads one <see cref="AccessScenario"/>; an allowed mutation writes to a patient of its own in it.
/// </summary>
public sealed class RoleMatrixTests(AppFixture app) : ScenarioTest<AccessScenario>(app)
{
    private const string C = Roles.Coordinator, S = Roles.SafetyMonitor, Au = Roles.Auditor, Ad = Roles.Admin, L = Roles.Lab;

    private static readonly string[] PatientReaders = [C, S, Au];
    private static readonly string[] Everyone = [C, S, Au, Ad, L];
    private static readonly string[] AlertReaders = [C, S, Au];
    private static readonly string[] AuditReaders = [Au, Ad];

    private sealed record Operation(string[] Allowed, Func<AccessScenario, string, (string Document, object? Variables)> Build);

    private static readonly Dictionary<string, Operation> Queries = new()
    {
        ["trials"] = new(Everyone, (_, _) => ("{ trials { id } }", null)),
        ["trial"] = new(Everyone, (s, _) => ("query($t: ID!) { trial(id: $t) { id } }", new { t = s.Trial })),
        ["patients"] = new(PatientReaders, (s, _) => ("query($t: ID!) { patients(trialId: $t) { totalCount } }", new { t = s.Trial })),
        ["patient"] = new(PatientReaders, (s, _) => ("query($p: ID!) { patient(id: $p) { id } }", new { p = s.Patient })),
        ["entryKinds"] = new(Everyone, (_, _) => ("{ entryKinds { name units { field unit } } }", null)),
        ["cohort"] = new(PatientReaders, (s, _) => ("query($t: ID!) { cohort(trialId: $t) { __typename } }", new { t = s.Trial })),
        ["criteriaComparison"] = new(PatientReaders, (s, _) => ("""query($t: ID!) { criteriaComparison(trialId: $t, criteriaSets: ["MDACC-2003", "ELN-2013"]) { subjectId } }""", new { t = s.Trial })),
        ["discrepancies"] = new(PatientReaders, (s, _) => ("query($t: ID!) { discrepancies(trialId: $t) { subjectId } }", new { t = s.Trial })),
        ["openAlerts"] = new(AlertReaders, (s, _) => ("query($t: ID!) { openAlerts(trialId: $t) { id } }", new { t = s.Trial })),
        ["acknowledgedAlerts"] = new(AlertReaders, (s, _) => ("query($t: ID!) { acknowledgedAlerts(trialId: $t) { id } }", new { t = s.Trial })),
        ["alert"] = new(AlertReaders, (s, _) => ("query($a: ID!) { alert(id: $a) { id } }", new { a = s.Alert })),
        ["patientHistory"] = new(AuditReaders, (s, _) => ("query($p: ID!) { patientHistory(patientId: $p) { __typename } }", new { p = s.Patient })),
        ["patientAsOf"] = new([Au], (s, _) => ("query($p: ID!) { patientAsOf(patientId: $p, version: 1) { id } }", new { p = s.Patient })),
        ["cohortAsOf"] = new([Au], (s, _) => ("""query($t: ID!) { cohortAsOf(trialId: $t, recordedAt: "2100-01-01T00:00:00Z") { __typename } }""", new { t = s.Trial })),
        // A data review: auditors, and coordinators for the corrections at their sites (they make them and read those charts).
        ["corrections"] = new([Au, C], (s, _) => ("query($t: ID!) { corrections(trialId: $t) { entryKey changes { field } } }", new { t = s.Trial })),
        ["verifyAuditChain"] = new(AuditReaders, (s, _) => ("query($p: ID!) { verifyAuditChain(patientId: $p) { __typename } }", new { p = s.Patient })),
        ["verifyTrialAuditChain"] = new(AuditReaders, (s, _) => ("query($t: ID!) { verifyTrialAuditChain(trialId: $t) { __typename } }", new { t = s.Trial })),
        ["users"] = new([Ad], (_, _) => ("{ users { user role eventCount } }", null)),
    };

    private static readonly Dictionary<string, Operation> Mutations = BuildMutations();

    private static Dictionary<string, Operation> BuildMutations()
    {
        var mutations = new Dictionary<string, Operation>
        {
            ["registerTrial"] = new([Ad], (_, _) => ($$"""
                mutation($t: ID!) { registerTrial(trialId: $t, code: "NEW", title: "New trial", sites: ["MDACC"],
                  settings: { criteriaSet: "{{ClinicalSettings.Mdacc2003}}" }) { id } }
                """, new { t = Guid.NewGuid() })),
            ["addTrialSite"] = new([Ad], (s, _) => ("""mutation($t: ID!) { addTrialSite(trialId: $t, site: "SITE-3") { sites } }""", new { t = s.Trial })),
            ["enrolPatient"] = new([C], (s, _) => ("""
                mutation($t: ID!, $p: ID!) { enrolPatient(patientId: $p, trialId: $t, enrolledOn: "2000-03-01",
                  baseline: { subjectId: "NEW", site: "MDACC", ageAtEnrolment: 50, sex: MALE, diagnosedOn: "1998-01-01", ecog: 0,
                    spleenCmBelowCostalMargin: 0, hepatomegaly: false, clonalEvolution: false, diseaseGroupAtStandardDose: CYTOGENETIC_RESISTANCE }) { version } }
                """, new { t = s.Trial, p = Guid.NewGuid() })),
            ["voidEntry"] = new([C], (s, _) => ($$"""
                mutation($p: ID!) { voidEntry(patientId: $p, entryKey: "{{AccessScenario.RecordedEntry}}", reason: "entered in error") { version } }
                """, new { p = s.Patient })),
            ["acknowledgeAlert"] = new([S], (s, _) => ("""mutation($a: ID!) { acknowledgeAlert(alertId: $a, comment: "seen") { alertId } }""", new { a = s.Alert })),
        };
        foreach (var (name, input) in EntryExamples.ByMutation)
        {
            mutations[name] = new([C], (s, role) => ($$"""
                mutation($p: ID!) { {{name}}(patientId: $p, entryKey: "MATRIX-{{role}}", {{input}}) { version } }
                """, new { p = s.Patient }));
        }
        return mutations;
    }

    private static readonly Dictionary<string, Operation> Subscriptions = new()
    {
        ["patientChanged"] = new(PatientReaders, (s, _) => ("subscription($p: ID!) { patientChanged(patientId: $p) { id } }", new { p = s.Patient })),
        ["cohortChanged"] = new(PatientReaders, (s, _) => ("subscription($t: ID!) { cohortChanged(trialId: $t) { __typename } }", new { t = s.Trial })),
        ["alerts"] = new(AlertReaders, (_, _) => ("subscription { alerts { id } }", null)),
    };

    /// <summary>A FHIR request: the method, the path and the Bundle posted (a lab result for subject 001 at MDACC, one per role).</summary>
    private sealed record FhirRequest(string[] Allowed, HttpMethod Method, string Path, Func<string, JsonNode?> Body);

    private static readonly Dictionary<string, FhirRequest> Fhir = new()
    {
        ["POST /fhir/r4"] = new([C, L], HttpMethod.Post, "/fhir/r4", role => FhirRequests.Bundle("transaction",
            FhirRequests.Observation($"MATRIX-{role}", "718-7", "001", 12.5m, "g/dL"))),
        ["GET /fhir/r4/Observation"] = new([C, S, Au], HttpMethod.Get,
            $"/fhir/r4/Observation?subject:identifier={Uri.EscapeDataString(FhirRequests.Subjects + "|001")}&code=718-7", _ => null),
        ["GET /fhir/r4/metadata"] = new([.. Roles.All], HttpMethod.Get, "/fhir/r4/metadata", _ => null),
    };

    /// <summary>
    /// A REST endpoint on the scenario's trial. The import (a dry run) uploads the trial's ODM export as the MDACC
    /// coordinator reads it, so every allowed role meets only entries already recorded at sites it may write to.
    /// </summary>
    private sealed record RestRequest(string[] Allowed, HttpMethod Method, Func<AccessScenario, string> Path, bool UploadsExport = false);

    private static readonly Dictionary<string, RestRequest> Rest = new()
    {
        ["POST /odm/trials/{id}/import"] = new([C, Ad], HttpMethod.Post, s => $"/odm/trials/{s.Trial}/import?dryRun=true", UploadsExport: true),
        ["GET /odm/trials/{id}.xml"] = new(PatientReaders, HttpMethod.Get, s => $"/odm/trials/{s.Trial}.xml"),
        ["GET /cdisc/trials/{id}/sdtm/dm.csv"] = new(PatientReaders, HttpMethod.Get, s => $"/cdisc/trials/{s.Trial}/sdtm/dm.csv"),
        ["GET /audit/trials/{id}.csv"] = new(AuditReaders, HttpMethod.Get, s => $"/audit/trials/{s.Trial}.csv"),
    };

    public static TheoryData<string, string> QueryCases => Cases(Queries.Keys);
    public static TheoryData<string, string> MutationCases => Cases(Mutations.Keys);
    public static TheoryData<string, string> SubscriptionCases => Cases(Subscriptions.Keys);
    public static TheoryData<string, string> FhirCases => Cases(Fhir.Keys);
    public static TheoryData<string, string> RestCases => Cases(Rest.Keys);
    public static TheoryData<string> RestEndpoints => [.. Rest.Keys.Order()];

    private static TheoryData<string, string> Cases(IEnumerable<string> operations)
    {
        var data = new TheoryData<string, string>();
        foreach (var field in operations.Order())
            foreach (var role in Roles.All)
                data.Add(field, role);
        return data;
    }

    private GraphQLOperations Graph { get; } = new(app);

    protected override Task<AccessScenario> BuildAsync() => AccessScenario.CreateAsync(App);

    [Fact]
    public void The_matrix_covers_every_root_field_of_the_schema()
    {
        var schema = App.Host.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        Assert.Equal(schema.Query.Fields.Select(f => f.Name).Order(), Queries.Keys.Order());
        Assert.Equal(schema.Mutation!.Fields.Select(f => f.Name).Order(), Mutations.Keys.Order());
        Assert.Equal(schema.Subscription!.Fields.Select(f => f.Name).Order(), Subscriptions.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(QueryCases))]
    public async Task Query(string field, string role) => await Check(await Scenario(), Queries[field], field, role);

    [Theory]
    [MemberData(nameof(MutationCases))]
    public async Task Mutation(string field, string role)
    {
        var scenario = await Scenario();
        // What an allowed write does (a death, a discontinuation, a void) must not change the patient the other cases write to.
        if (Mutations[field].Allowed.Contains(role)) scenario = await scenario.WithPatientOfItsOwnAsync(App);
        await Check(scenario, Mutations[field], field, role);
    }

    [Theory]
    [MemberData(nameof(SubscriptionCases))]
    public async Task Subscription(string field, string role)
    {
        var scenario = await Scenario();
        var (document, variables) = Subscriptions[field].Build(scenario, role);
        var result = await Graph.ExecuteAsOnSocketAsync(document, variables,
            TestTokens.Principal($"matrix-{role}", [role], role == Roles.Coordinator ? [AccessScenario.Site] : []));
        var errors = result.Errors?.ToList() ?? [];
        if (Subscriptions[field].Allowed.Contains(role))
        {
            Assert.True(errors.Count == 0, $"{role} may subscribe to {field}: " + string.Join("; ", errors.Select(e => e.Message)));
            Assert.NotNull(result.Streams);
        }
        else
        {
            var error = Assert.Single(errors);
            Assert.Equal(GraphQLErrorCodes.Forbidden, error.Code);
            Assert.Contains(Subscriptions[field].Allowed[0], error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(FhirCases))]
    public async Task FhirEndpoint(string endpoint, string role)
    {
        await Scenario();
        var request = Fhir[endpoint];
        var before = await AccessScenario.EventCount(App);
        using var client = App.Host.Server.CreateClient();
        using var message = new HttpRequestMessage(request.Method, request.Path);
        if (request.Body(role) is { } body) message.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/fhir+json");
        message.Headers.TryAddWithoutValidation("Authorization", AccessScenario.Authorization(App, role));

        using var response = await client.SendAsync(message);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        if (request.Allowed.Contains(role))
        {
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"{role} may use {endpoint}: {answer.ToJsonString()}");
            if (request.Method == HttpMethod.Post) Assert.Equal(["201 Created"], FhirRequests.Statuses(answer));
        }
        else
        {
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains($"this needs role {string.Join(" or ", request.Allowed)}", Assert.Single(FhirRequests.Diagnostics(answer)), StringComparison.Ordinal);
            Assert.Equal(before, await AccessScenario.EventCount(App));
        }
    }

    [Theory]
    [MemberData(nameof(RestCases))]
    public async Task RestEndpoint(string endpoint, string role)
    {
        var scenario = await Scenario();
        var request = Rest[endpoint];
        var before = await AccessScenario.EventCount(App);

        var (status, body) = await SendAsync(scenario, request, AccessScenario.Authorization(App, role));

        if (request.Allowed.Contains(role))
        {
            Assert.True(status is >= 200 and < 300, $"{role} may use {endpoint}: {status} {body}");
        }
        else
        {
            Assert.Equal(403, status);
            Assert.Contains($"needs role {string.Join(" or ", request.Allowed)}; you have role {role}", body, StringComparison.Ordinal);
        }
        Assert.Equal(before, await AccessScenario.EventCount(App));
    }

    [Theory]
    [MemberData(nameof(RestEndpoints))]
    public async Task RestEndpointWithoutAToken(string endpoint)
    {
        var scenario = await Scenario();

        var (status, body) = await SendAsync(scenario, Rest[endpoint], "Anonymous");

        Assert.Equal(401, status);
        Assert.Equal("send a bearer token: Authorization: Bearer <token>", body);
    }

    private async Task<(int Status, string Body)> SendAsync(AccessScenario scenario, RestRequest request, string authorization)
    {
        using var client = App.Host.Server.CreateClient();
        using var message = new HttpRequestMessage(request.Method, request.Path(scenario));
        message.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var upload = new MultipartFormDataContent();
        if (request.UploadsExport)
        {
            using var export = new HttpRequestMessage(HttpMethod.Get, $"/odm/trials/{scenario.Trial}.xml");
            export.Headers.TryAddWithoutValidation("Authorization", AccessScenario.Authorization(App, C));
            using var exported = await client.SendAsync(export);
            upload.Add(new ByteArrayContent(await exported.Content.ReadAsByteArrayAsync()), "file", "export.odm.xml");
            message.Content = upload;
        }
        using var response = await client.SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task Check(AccessScenario scenario, Operation operation, string field, string role)
    {
        var (document, variables) = operation.Build(scenario, role);
        var before = await AccessScenario.EventCount(App);

        var response = await Graph.ExecuteAsync(document, variables, AccessScenario.Authorization(App, role));

        if (operation.Allowed.Contains(role))
        {
            Assert.True(response["errors"] is null, $"{role} may use {field}: {response.ToJsonString()}");
        }
        else
        {
            Assert.Equal([GraphQLErrorCodes.Forbidden], AccessScenario.Codes(response));
            var message = (string)response["errors"]![0]!["message"]!;
            Assert.Contains($"'{field}' needs role", message.Replace("Mutation.", "", StringComparison.Ordinal).Replace("Query.", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains(operation.Allowed[0], message, StringComparison.Ordinal);
            Assert.Null(response["data"]);
            Assert.Equal(before, await AccessScenario.EventCount(App));
        }
    }
}
