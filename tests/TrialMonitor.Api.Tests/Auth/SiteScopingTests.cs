using System.Security.Claims;
using System.Text.Json.Nodes;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.GraphQL.Transport;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Tests.Alerts;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Auth;

/// <summary>
/// A coordinator works at their sites only (DOMAIN.md "People"). Two patients, 001 at MDACC and 002 at SITE-2, with the
/// same records (a corrected blood count, two grade ≥ 3 toxicities raising two alerts of which one is acknowledged, a
/// karyotype of 35 % Ph+ that MDACC-2003 calls minor and ELN-2013 partial, an investigator's complete response that
/// disagrees with it): every write of every entry kind to the other site's patient is refused naming both sites and
/// appends nothing; the other site's patient, alert and chart changes are refused by id; every list of the trial answers
/// a coordinator exactly what it answers an auditor for their own site's patient. The cases are generated from the entry
/// kinds and the schema's root fields, and a completeness check names any field without one.
/// </summary>
public sealed class SiteScopingTests(AppFixture app) : ScenarioTest<SiteScopingTests.TwoSites>(app)
{
    public sealed record TwoSites(Guid Trial, Guid MdaccPatient, Guid MdaccAlert);

    private static readonly Dictionary<string, string> SubjectAt = new() { [AccessScenario.Site] = "001", [AccessScenario.OtherSite] = "002" };

    /// <summary>The trial's lists, each with the subject ids of what it answers.</summary>
    private static readonly Dictionary<string, (string Document, Func<JsonNode, IEnumerable<JsonNode?>> Items)> TrialReads = new()
    {
        ["patients"] = ("query($t: ID!) { patients(trialId: $t) { items { subjectId } } }", d => d["patients"]!["items"]!.AsArray()),
        ["cohort"] = ("query($t: ID!) { cohort(trialId: $t) { discrepancies { subjectId } } }", d => d["cohort"]!["discrepancies"]!.AsArray()),
        ["criteriaComparison"] = ("""query($t: ID!) { criteriaComparison(trialId: $t, criteriaSets: ["MDACC-2003", "ELN-2013"]) { subjectId } }""",
            d => d["criteriaComparison"]!.AsArray()),
        ["discrepancies"] = ("query($t: ID!) { discrepancies(trialId: $t) { subjectId } }", d => d["discrepancies"]!.AsArray()),
        ["openAlerts"] = ("query($t: ID!) { openAlerts(trialId: $t) { subjectId } }", d => d["openAlerts"]!.AsArray()),
        ["acknowledgedAlerts"] = ("query($t: ID!) { acknowledgedAlerts(trialId: $t) { subjectId } }", d => d["acknowledgedAlerts"]!.AsArray()),
        ["corrections"] = ("query($t: ID!) { corrections(trialId: $t) { subjectId } }", d => d["corrections"]!.AsArray()),
    };

    /// <summary>Reads of one patient or alert by id, refused for the other site's.</summary>
    private static readonly Dictionary<string, Func<TwoSites, (string Document, object Variables)>> ReadsById = new()
    {
        ["patient"] = s => ("query($p: ID!) { patient(id: $p) { id } }", new { p = s.MdaccPatient }),
        ["alert"] = s => ("query($a: ID!) { alert(id: $a) { id } }", new { a = s.MdaccAlert }),
        ["patientChanged"] = s => ("subscription($p: ID!) { patientChanged(patientId: $p) { id } }", new { p = s.MdaccPatient }),
    };

    /// <summary>Root fields whose site scoping is checked by another test here or elsewhere, or that hold no site's data.</summary>
    private static readonly Dictionary<string, string> CheckedElsewhere = new()
    {
        ["enrolPatient"] = nameof(Enrolling_at_another_site_is_refused_and_at_their_own_site_allowed),
        ["cohortChanged"] = nameof(A_coordinators_cohortChanged_leaves_other_sites_patients_out_where_a_monitors_shows_every_site),
        ["alerts"] = nameof(CoordinatorAlertsTests) + ": replayed and live pushes of their sites' alerts only",
        ["trials"] = "the registry: codes, titles and sites, no patient",
        ["trial"] = "the registry: codes, titles and sites, no patient",
        ["entryKinds"] = "the kinds of entry and their units, no patient",
        ["registerTrial"] = "admins only (RoleMatrixTests)",
        ["addTrialSite"] = "admins only (RoleMatrixTests)",
        ["acknowledgeAlert"] = "safety monitors only (RoleMatrixTests)",
        ["users"] = "admins only (RoleMatrixTests)",
        ["patientHistory"] = "auditors and admins only (RoleMatrixTests)",
        ["patientAsOf"] = "auditors only (RoleMatrixTests)",
        ["cohortAsOf"] = "auditors only (RoleMatrixTests)",
        ["verifyAuditChain"] = "auditors and admins only (RoleMatrixTests)",
        ["verifyTrialAuditChain"] = "auditors and admins only (RoleMatrixTests)",
    };

    /// <summary>Every write to a patient: each entry kind's, a correction and a void, all to MDACC's patient.</summary>
    public static TheoryData<string> Writes()
    {
        var writes = new TheoryData<string>();
        foreach (var kind in EntryKinds.All)
            writes.Add($$"""mutation($p: ID!) { {{kind.Mutation}}(patientId: $p, entryKey: "X-{{kind.Mutation}}", {{EntryExamples.ByMutation[kind.Mutation]}}) { version } }""");
        writes.Add($$"""
            mutation($p: ID!) { recordBloodCount(patientId: $p, entryKey: "CBC-1c", count: { collectedOn: "2000-06-01", wbc: 5.2 },
              correction: { supersedesEntryKey: "{{AccessScenario.RecordedEntry}}", reason: "transcription error" }) { version } }
            """);
        writes.Add($$"""mutation($p: ID!) { voidEntry(patientId: $p, entryKey: "{{AccessScenario.RecordedEntry}}", reason: "entered in error") { version } }""");
        return writes;
    }

    public static TheoryData<string, string> TrialReadCases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var field in TrialReads.Keys.Order())
            foreach (var site in SubjectAt.Keys)
                cases.Add(field, site);
        return cases;
    }

    public static TheoryData<string> ReadByIdCases => [.. ReadsById.Keys.Order()];

    private GraphQLOperations Graph { get; } = new(app);

    private string OtherSiteCoordinator => AccessScenario.Authorization(App, Roles.Coordinator, AccessScenario.OtherSite);

    protected override async Task<TwoSites> BuildAsync()
    {
        var trial = await App.Bus.Trial();
        var patients = new Dictionary<string, Guid>();
        foreach (var (site, subject) in SubjectAt)
        {
            var patient = patients[site] = await App.Bus.EnrolledPatient(trial, subject, site);
            await App.Bus.Counts(patient, AccessScenario.RecordedEntry, neutrophils: 3m);
            Must(await Graph.ExecuteAsync($$"""
                mutation($p: ID!) { recordBloodCount(patientId: $p, entryKey: "CBC-1b", count: { collectedOn: "2000-06-02", neutrophils: 3.2, platelets: 250 },
                  correction: { supersedesEntryKey: "{{AccessScenario.RecordedEntry}}", reason: "transcription error" }) { version } }
                """, new { p = patient }));
            await App.Bus.Toxicity(patient, "TOX-1", 3);
            await App.Bus.Toxicity(patient, "TOX-2", 4, term: "Vomiting");
            await App.Bus.Karyotype(patient, "CG-1", AlertScenario.Day(2000, 9), ph: 35m);
            Must(await Graph.ExecuteAsync("""
                mutation($p: ID!) { reportResponse(patientId: $p, entryKey: "RR-1", response: { assessedOn: "2000-09-01", cytogenetic: COMPLETE }) { version } }
                """, new { p = patient }));
        }
        var alerts = await App.Alerts();
        var monitor = AccessScenario.Authorization(App, Roles.SafetyMonitor);
        foreach (var acknowledged in alerts.Where(a => a.Term == "Vomiting"))
            Must(await Graph.ExecuteAsync("""mutation($a: ID!) { acknowledgeAlert(alertId: $a, comment: "seen") { alertId } }""", new { a = acknowledged.Id }, monitor));
        await App.Alerts(); // the acknowledgements, projected
        return new TwoSites(trial, patients[AccessScenario.Site], alerts.First(a => a.PatientId == patients[AccessScenario.Site]).Id);
    }

    [Fact]
    public void The_cases_cover_every_root_field_of_the_schema()
    {
        var schema = App.Host.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var fields = schema.Query.Fields.Concat(schema.Mutation!.Fields).Concat(schema.Subscription!.Fields).Select(f => f.Name);
        var covered = EntryKinds.All.Select(k => k.Mutation).Append("voidEntry")
            .Concat(TrialReads.Keys).Concat(ReadsById.Keys).Concat(CheckedElsewhere.Keys);
        Assert.Equal(fields.Order(), covered.Order());
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_write_to_another_sites_patient_is_refused_naming_the_site_and_appends_nothing(string mutation)
    {
        var scenario = await Scenario();
        var before = await AccessScenario.EventCount(App);

        var response = await Graph.ExecuteAsync(mutation, new { p = scenario.MdaccPatient }, OtherSiteCoordinator);

        Assert.Equal([GraphQLErrorCodes.Forbidden], AccessScenario.Codes(response));
        var message = (string)response["errors"]![0]!["message"]!;
        Assert.Contains("site MDACC", message, StringComparison.Ordinal);
        Assert.Contains("SITE-2", message, StringComparison.Ordinal);
        Assert.Equal(before, await AccessScenario.EventCount(App));
    }

    [Theory]
    [MemberData(nameof(TrialReadCases))]
    public async Task A_coordinator_reads_of_the_trial_what_an_auditor_reads_of_their_sites_patients(string field, string site)
    {
        var scenario = await Scenario();
        var (document, items) = TrialReads[field];

        var everySite = Subjects(items, await Graph.ExecuteAsync(document, new { t = scenario.Trial }, AccessScenario.Authorization(App, Roles.Auditor)));
        var theirs = Subjects(items, await Graph.ExecuteAsync(document, new { t = scenario.Trial }, AccessScenario.Authorization(App, Roles.Coordinator, site)));

        // Both patients' records are in the answer of every site, so leaving one out is the coordinator's filter.
        Assert.Equal(["001", "002"], everySite.Distinct().Order());
        Assert.Equal(everySite.Where(subject => subject == SubjectAt[site]), theirs);
    }

    [Theory]
    [MemberData(nameof(ReadByIdCases))]
    public async Task Another_sites_patient_alert_or_chart_changes_are_refused_by_id_naming_the_site(string field)
    {
        var (document, variables) = ReadsById[field](await Scenario());

        var ownSite = await Graph.ExecuteAsOnSocketAsync(document, variables, Coordinator(AccessScenario.Site));
        var otherSite = await Graph.ExecuteAsOnSocketAsync(document, variables, Coordinator(AccessScenario.OtherSite));

        Assert.True(ownSite.Errors is null or { Count: 0 }, $"MDACC's coordinator may use {field}: " + string.Join("; ", ownSite.Errors?.Select(e => e.Message) ?? []));
        var error = Assert.Single(otherSite.Errors!);
        Assert.Equal(GraphQLErrorCodes.Forbidden, error.Code);
        Assert.Contains("site MDACC", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrolling_at_another_site_is_refused_and_at_their_own_site_allowed()
    {
        var trial = await App.Bus.Trial();
        const string enrol = """
            mutation($t: ID!, $p: ID!, $site: String!) { enrolPatient(patientId: $p, trialId: $t, enrolledOn: "2000-03-01",
              baseline: { subjectId: "NEW", site: $site, ageAtEnrolment: 50, sex: MALE, diagnosedOn: "1998-01-01", ecog: 0,
                spleenCmBelowCostalMargin: 0, hepatomegaly: false, clonalEvolution: false, diseaseGroupAtStandardDose: CYTOGENETIC_RESISTANCE }) { version } }
            """;
        var before = await AccessScenario.EventCount(App);

        var refused = await Graph.ExecuteAsync(enrol, new { t = trial, p = Guid.NewGuid(), site = "MDACC" }, OtherSiteCoordinator);
        Assert.Equal([GraphQLErrorCodes.Forbidden], AccessScenario.Codes(refused));
        Assert.Equal(before, await AccessScenario.EventCount(App));

        var allowed = await Graph.ExecuteAsync(enrol, new { t = trial, p = Guid.NewGuid(), site = "SITE-2" }, OtherSiteCoordinator);
        Assert.True(allowed["errors"] is null, allowed.ToJsonString());
    }

    [Fact]
    public async Task A_coordinators_cohortChanged_leaves_other_sites_patients_out_where_a_monitors_shows_every_site()
    {
        var trial = await App.Bus.Trial();
        await App.Bus.EnrolledPatient(trial, "001", AccessScenario.Site);
        await App.Bus.EnrolledPatient(trial, "002", AccessScenario.OtherSite);
        const string watch = "subscription($t: ID!) { cohortChanged(trialId: $t) { table1 { patients } disposition { patients } } }";
        await using var coordinator = await Graph.SubscribeAsync(watch, new { t = trial },
            TestTokens.Principal("coordinator-2", [Roles.Coordinator], [AccessScenario.OtherSite]));
        await using var monitor = await Graph.SubscribeAsync(watch, new { t = trial }, TestTokens.Principal("monitor", [Roles.SafetyMonitor]));

        await App.Bus.EnrolledPatient(trial, "003", AccessScenario.Site);

        // The monitor's tables count all three patients; the coordinator gets no push for an MDACC patient.
        Assert.Equal((3, 3), Patients(await monitor.NextAsync()));

        await App.Bus.EnrolledPatient(trial, "004", AccessScenario.OtherSite);

        // The coordinator's first push: SITE-2's two patients.
        Assert.Equal((2, 2), Patients(await coordinator.NextAsync()));
        Assert.Equal((4, 4), Patients(await monitor.NextAsync()));
    }

    private static ClaimsPrincipal Coordinator(string site) =>
        TestTokens.Principal($"coordinator-{site}", [Roles.Coordinator], [site]);

    private static void Must(JsonNode response) => Assert.True(response["errors"] is null, response.ToJsonString());

    private static List<string> Subjects(Func<JsonNode, IEnumerable<JsonNode?>> items, JsonNode response)
    {
        Must(response);
        return [.. items(response["data"]!).Select(item => (string)item!["subjectId"]!)];
    }

    private static (int Table1, int Disposition) Patients(JsonNode pushed)
    {
        var cohort = MutationTests.Data(pushed)["cohortChanged"]!;
        return ((int)cohort["table1"]!["patients"]!, (int)cohort["disposition"]!["patients"]!);
    }
}
