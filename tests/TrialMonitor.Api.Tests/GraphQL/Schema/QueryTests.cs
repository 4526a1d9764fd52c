using System.Text.Json.Nodes;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;
using static TrialMonitor.Api.Tests.GraphQL.SchemaTests.MutationTests;

namespace TrialMonitor.Api.Tests.GraphQL.SchemaTests;

public sealed class QueryTests(AppFixture app) : IntegrationTest(app)
{
    private GraphQLOperations Graph { get; } = new(app);

    [Fact]
    public async Task Trials_are_listed_and_read_by_id()
    {
        var trial = await Bus.Trial();

        var data = Data(await Graph.ExecuteAsync(
            "query($t: ID!) { trials { id code } trial(id: $t) { title sites settings { criteriaSet } } }", new { t = trial }));

        Assert.Equal(trial.ToString(), (string?)Assert.Single(data["trials"]!.AsArray())!["id"]);
        Assert.Equal(["MDACC", "SITE-2"], data["trial"]!["sites"]!.AsArray().Select(s => (string?)s));
        Assert.Equal("MDACC-2003", (string?)data["trial"]!["settings"]!["criteriaSet"]);
    }

    [Fact]
    public async Task Patients_are_paged_forward_with_cursors_and_a_total_count()
    {
        var trial = await Bus.Trial();
        foreach (var subject in new[] { "005", "002", "004", "001", "003" }) await Bus.EnrolledPatient(trial, subject);
        const string page = """
            query($t: ID!, $after: String) { patients(trialId: $t, first: 2, after: $after) {
              totalCount edges { cursor node { subjectId trial { code } } } pageInfo { hasNextPage hasPreviousPage endCursor } } }
            """;

        var subjects = new List<string?>();
        string? after = null;
        JsonNode? connection;
        do
        {
            connection = Data(await Graph.ExecuteAsync(page, new { t = trial, after }))["patients"]!;
            Assert.Equal(5, (int)connection["totalCount"]!);
            Assert.Equal(after is not null, (bool)connection["pageInfo"]!["hasPreviousPage"]!);
            subjects.AddRange(connection["edges"]!.AsArray().Select(e => (string?)e!["node"]!["subjectId"]));
            Assert.All(connection["edges"]!.AsArray(), e => Assert.Equal("CML-110", (string?)e!["node"]!["trial"]!["code"]));
            after = (string?)connection["pageInfo"]!["endCursor"];
        }
        while ((bool)connection["pageInfo"]!["hasNextPage"]!);

        Assert.Equal(["001", "002", "003", "004", "005"], subjects);
    }

    [Fact]
    public async Task Patients_are_filtered_by_site_and_sorted_as_asked()
    {
        var trial = await Bus.Trial();
        await Bus.EnrolledPatient(trial, "001", "MDACC");
        await Bus.EnrolledPatient(trial, "002", "SITE-2");
        await Bus.EnrolledPatient(trial, "003", "MDACC");
        await Bus.EnrolledPatient(await Bus.Trial(), "004", "MDACC");

        var bySite = Data(await Graph.ExecuteAsync(
            """query($t: ID!) { patients(trialId: $t, filter: { site: "MDACC" }, orderBy: { field: SUBJECT_ID, direction: DESC }) { totalCount items { subjectId } } }""",
            new { t = trial }))["patients"]!;
        var sorted = Data(await Graph.ExecuteAsync(
            "query($t: ID!) { patients(trialId: $t, orderBy: { field: SITE, direction: DESC }) { items { subjectId site } } }",
            new { t = trial }))["patients"]!;

        Assert.Equal(2, (int)bySite["totalCount"]!);
        Assert.Equal(["003", "001"], bySite["items"]!.AsArray().Select(p => (string?)p!["subjectId"]));
        Assert.Equal(["002", "001", "003"], sorted["items"]!.AsArray().Select(p => (string?)p!["subjectId"]));
    }

    [Fact]
    public async Task Patients_are_filtered_by_what_the_rules_derive()
    {
        var trial = await Bus.Trial();
        var escalated = await Bus.EscalatedWithImprovement(trial, "001", 0m);
        var minor = await Bus.EnrolledPatient(trial, "002");
        await StartedOnStandardDose(minor);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(minor, "CG-1", Karyotype(new(2000, 9, 1), 40m))), TestWriter.AllSites);
        await Bus.EnrolledPatient(trial, "003");

        async Task<IEnumerable<string?>> Subjects(string filter) =>
            Data(await Graph.ExecuteAsync($"query($t: ID!) {{ patients(trialId: $t, filter: {filter}) {{ items {{ subjectId }} }} }}", new { t = trial }))
                ["patients"]!["items"]!.AsArray().Select(p => (string?)p!["subjectId"]);

        Assert.Equal(["002"], await Subjects("{ cytogeneticCategory: MINOR }"));
        Assert.Equal(["001"], await Subjects("{ cytogeneticCategory: COMPLETE }"));
        Assert.Equal(["001"], await Subjects("{ table2Row: CYTOGENETIC_RESISTANCE_ABOVE_90 }"));
        Assert.Equal(["001"], await Subjects("{ indication: CYTOGENETIC_RESISTANCE }"));
        Assert.Empty(await Subjects("{ indication: HEMATOLOGIC_RELAPSE }"));
        Assert.NotEqual(Guid.Empty, escalated);
    }

    [Fact]
    public async Task A_patient_shows_the_chart_and_everything_the_rules_derive_from_it()
    {
        var trial = await Bus.Trial();
        var patient = await Bus.EscalatedWithImprovement(trial, "001", 0m);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new BloodCountRecorded(patient, "CBC-1",
            new BloodCount(new(2002, 3, 20), 2.5m, 0.8m, 120m, 11m, 0m, 1m, 0m, new LowerLimitsOfNormal(4m, 1.8m, 150m, 12m)))), TestWriter.AllSites);

        var chart = Data(await Graph.ExecuteAsync("""
            query($p: ID!) { patient(id: $p) {
              subjectId site enrolledOn version trial { code }
              baseline { ageAtEnrolment sex diseaseGroupAtStandardDose }
              cytogenetics { entryKey cytogenetics { phPositivePercent method } }
              doses { entryKey dose { action dailyDoseMg } }
              assessment {
                currentDailyDoseMg escalatedOn
                latestCounts { wbc neutrophils }
                latestCytogenetic { category phPositivePercent byFish }
                protocolStatus { indications escalationIndicated }
                table2Row
                improvement { improvedCategory startOn censored durationDays durationMonths display preIncrease { phPositivePercent } }
                labToxicityGrades { term grade collectedOn }
                discrepancies { kind }
              } } }
            """, new { p = patient }))["patient"]!;
        var assessment = chart["assessment"]!;

        Assert.Equal("001", (string?)chart["subjectId"]);
        Assert.Equal("2000-03-01", (string?)chart["enrolledOn"]);
        Assert.Equal("FEMALE", (string?)chart["baseline"]!["sex"]);
        Assert.Equal(4, chart["cytogenetics"]!.AsArray().Count);
        Assert.Equal(800, (int)assessment["currentDailyDoseMg"]!);
        Assert.Equal("2001-03-10", (string?)assessment["escalatedOn"]);
        Assert.Equal(0.8m, (decimal)assessment["latestCounts"]!["neutrophils"]!);
        Assert.Equal("COMPLETE", (string?)assessment["latestCytogenetic"]!["category"]);
        Assert.Equal("CYTOGENETIC_RESISTANCE_ABOVE_90", (string?)assessment["table2Row"]);
        Assert.Contains("CYTOGENETIC_RESISTANCE", assessment["protocolStatus"]!["indications"]!.AsArray().Select(i => (string?)i));
        var improvement = assessment["improvement"]!;
        Assert.Equal("2001-09-15", (string?)improvement["startOn"]);
        Assert.True((bool)improvement["censored"]!);
        Assert.Equal("CR/5+", (string?)improvement["display"]);
        Assert.Equal(100m, (decimal)improvement["preIncrease"]!["phPositivePercent"]!);
        var grades = assessment["labToxicityGrades"]!.AsArray();
        Assert.Contains(grades, g => (string?)g!["term"] == "Neutrophil count decreased" && (int)g["grade"]! == 3);
    }

    [Fact]
    public async Task The_cohort_views_and_the_discrepancies_are_computed_from_the_charts()
    {
        var trial = await Bus.Trial();
        await Bus.EscalatedWithImprovement(trial, "001", 0m);
        var reportedPartial = await Bus.EnrolledPatient(trial, "002");
        await StartedOnStandardDose(reportedPartial);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(reportedPartial, "CG-1", Karyotype(new(2000, 9, 1), 40m))), TestWriter.AllSites);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new ResponseReported(reportedPartial, "RSP-1",
            new ReportedResponse(new(2000, 9, 2), CytogeneticCategory.Partial, null))), TestWriter.AllSites);

        var data = Data(await Graph.ExecuteAsync("""
            query($t: ID!) {
              cohort(trialId: $t) {
                table1 { patients female { count of display } rows { characteristic count { display } } }
                table2 { lines { row patientsTreated complete { display } } }
                table3 { subjectId responseDisplay conventionalDisplay }
                disposition { patients onTherapyInChronicPhase discontinuedBy { reason patients } }
                doseReductions { patients otherToxicityTerms { term } }
                doseIntensity { months patientsOnTherapy medianDailyDoseMg }
                discrepancies { subjectId discrepancy { reported derived } }
              }
              discrepancies(trialId: $t) { subjectId kind reported derived patient { id } }
            }
            """, new { t = trial }));
        var cohort = data["cohort"]!;

        Assert.Equal(2, (int)cohort["table1"]!["patients"]!);
        Assert.Equal("2 (100)", (string?)cohort["table1"]!["female"]!["display"]);
        var line = cohort["table2"]!["lines"]!.AsArray().Single(l => (string?)l!["row"] == "CYTOGENETIC_RESISTANCE_ABOVE_90")!;
        Assert.Equal(1, (int)line["patientsTreated"]!);
        Assert.Equal("1", (string?)line["complete"]!["display"]);
        var table3 = Assert.Single(cohort["table3"]!.AsArray())!;
        Assert.Equal("CR/5+", (string?)table3["responseDisplay"]);
        Assert.Equal(2, (int)cohort["disposition"]!["patients"]!);
        Assert.Equal(2, cohort["doseIntensity"]!.AsArray().Count);
        var discrepancy = Assert.Single(data["discrepancies"]!.AsArray())!;
        Assert.Equal("002", (string?)discrepancy["subjectId"]);
        Assert.Equal("CYTOGENETIC_RESPONSE", (string?)discrepancy["kind"]);
        Assert.Equal(reportedPartial.ToString(), (string?)discrepancy["patient"]!["id"]);
        Assert.Equal("002", (string?)Assert.Single(cohort["discrepancies"]!.AsArray())!["subjectId"]);
    }

    [Fact]
    public async Task Paging_arguments_out_of_range_are_refused_naming_the_argument()
    {
        var trial = await Bus.Trial();

        var tooMany = await Graph.ExecuteAsync("query($t: ID!) { patients(trialId: $t, first: 1000) { totalCount } }", new { t = trial });
        var negative = await Graph.ExecuteAsync("query($t: ID!) { patients(trialId: $t, first: -1) { totalCount } }", new { t = trial });
        var badCursor = await Graph.ExecuteAsync("""query($t: ID!) { patients(trialId: $t, after: "nonsense") { totalCount } }""", new { t = trial });

        Assert.Equal("first", (string?)Assert.Single(Errors(tooMany))!["extensions"]!["field"]);
        Assert.Equal("first", (string?)Assert.Single(Errors(negative))!["extensions"]!["field"]);
        Assert.Equal("after", (string?)Assert.Single(Errors(badCursor))!["extensions"]!["field"]);
    }

    [Fact]
    public async Task Unknown_ids_read_as_null()
    {
        var data = Data(await Graph.ExecuteAsync(
            "query($id: ID!) { trial(id: $id) { id } patient(id: $id) { id } cohort(trialId: $id) { asOf } }", new { id = Guid.NewGuid() }));

        Assert.Null(data["trial"]);
        Assert.Null(data["patient"]);
        Assert.Null(data["cohort"]);
    }

    private static CytogeneticAssessment Karyotype(DateOnly on, decimal ph) => new(on, ph, CytogeneticMethod.Karyotype, 20, false);

    private Task<EntryResult> StartedOnStandardDose(Guid patient) => Bus.InvokeAsync<EntryResult>(
        new RecordEntry(new DoseChanged(patient, "DOSE-START", new DoseChange(Given.EnrolledOn, DoseAction.Started, 400, "daily", null))), TestWriter.AllSites);
}
