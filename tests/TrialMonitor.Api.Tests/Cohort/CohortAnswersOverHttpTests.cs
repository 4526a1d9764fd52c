using System.Text.Json.Nodes;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.GraphQL.Transport;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Api.Trials;
using TrialMonitor.Api.Trials.Registering;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Tests.Cohort;

/// <summary>
/// The serialized answer of an unchanged cohort is sent again to the same query of a caller of the same scope:
/// the next answer after a change to the trial is the new one, never the kept one, and a coordinator gets the
/// answer of their own sites, never another coordinator's.
/// </summary>
public sealed class CohortAnswersOverHttpTests(AppFixture app) : IntegrationTest(app)
{
    private const string Query = """
        query($t: ID!) { cohort(trialId: $t) { table1 { patients } table3 { subjectId responseDisplay } } }
        """;

    private GraphQLOperations Graph { get; } = new(app);

    private string Coordinator(string site) => "Bearer " + App.Token($"coordinator-{site}", [Roles.Coordinator], [site]);

    [Fact]
    public async Task The_next_answer_after_a_change_to_the_trial_is_the_new_one()
    {
        var trial = await Bus.Trial();
        var patient = await Bus.EscalatedWithImprovement(trial, "001", 0m);
        var first = await Graph.ExecuteAsync(Query, new { t = trial });
        var again = await Graph.ExecuteAsync(Query, new { t = trial });

        // Still Ph-negative three months later: the ongoing response is longer.
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG-4",
            new CytogeneticAssessment(new(2002, 6, 15), 0m, CytogeneticMethod.Karyotype, 20, false))), TestWriter.AllSites);
        var afterResult = await Graph.ExecuteAsync(Query, new { t = trial });
        await Bus.EnrolledPatient(trial, "002", "SITE-2");
        var afterEnrolment = await Graph.ExecuteAsync(Query, new { t = trial });

        Assert.Equal("1 patients; 001 CR/5+", Cohort(first));
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal("1 patients; 001 CR/8+", Cohort(afterResult));
        Assert.Equal("2 patients; 001 CR/8+", Cohort(afterEnrolment));
    }

    [Fact]
    public async Task An_unchanged_cohort_is_answered_with_the_kept_answer_and_a_changed_one_is_executed()
    {
        const string named = """
            query CohortAnsweredTwice($t: ID!) { cohort(trialId: $t) { table1 { patients } table3 { subjectId responseDisplay } } }
            """;
        var trial = await Bus.Trial();
        await Bus.EscalatedWithImprovement(trial, "001", 0m);

        await Graph.ExecuteAsync(named, new { t = trial });
        await Graph.ExecuteAsync(named, new { t = trial });
        Assert.Equal([false, true], Kept());

        await Bus.EnrolledPatient(trial, "002", "SITE-2");
        var afterEnrolment = await Graph.ExecuteAsync(named, new { t = trial });
        await Graph.ExecuteAsync(named, new { t = trial });

        Assert.Equal("2 patients; 001 CR/5+", Cohort(afterEnrolment));
        Assert.Equal([false, true, false, true], Kept());
    }

    /// <summary>
    /// Whether each span of the operation named CohortAnsweredTwice so far was answered with a kept answer (each span once:
    /// while a second host of the test run is up, its tracer exports the same spans too).
    /// </summary>
    private static List<bool> Kept() =>
    [
        .. TelemetryCapture.Spans.Snapshot()
            .Where(s => s.Source.Name == GraphQLTransportTelemetry.SourceName && s.DisplayName == "graphql query CohortAnsweredTwice")
            .DistinctBy(s => s.SpanId)
            .OrderBy(s => s.StartTimeUtc)
            .Select(s => s.GetTagItem(GraphQLTransportTelemetry.KeptAnswerTag) is true),
    ];

    [Fact]
    public async Task A_trial_registered_after_an_answer_of_null_is_answered()
    {
        var trial = Guid.NewGuid();
        var unknown = await Graph.ExecuteAsync(Query, new { t = trial });
        await Bus.InvokeAsync<Trial>(new RegisterTrial(trial, "CML-110", "Imatinib dose escalation", ["MDACC", "SITE-2"],
            ClinicalSettings.PaperDefaults));
        var registered = await Graph.ExecuteAsync(Query, new { t = trial });

        Assert.True(unknown["errors"] is null, unknown.ToJsonString());
        Assert.Null(unknown["data"]!["cohort"]);
        Assert.Equal("0 patients", Cohort(registered));
    }

    [Fact]
    public async Task Coordinators_of_different_sites_get_their_own_sites_answers_to_the_same_query()
    {
        var trial = await Bus.Trial();
        await Bus.EscalatedWithImprovement(trial, "001", 0m);
        await Bus.EnrolledPatient(trial, "002", "SITE-2");

        var mdacc = await Graph.ExecuteAsync(Query, new { t = trial }, Coordinator("MDACC"));
        var site2 = await Graph.ExecuteAsync(Query, new { t = trial }, Coordinator("SITE-2"));
        var mdaccAgain = await Graph.ExecuteAsync(Query, new { t = trial }, Coordinator("MDACC"));
        var monitor = await Graph.ExecuteAsync(Query, new { t = trial }, "Bearer " + App.Token("monitor", [Roles.SafetyMonitor]));
        var site2Again = await Graph.ExecuteAsync(Query, new { t = trial }, Coordinator("SITE-2"));

        Assert.Equal("1 patients; 001 CR/5+", Cohort(mdacc));
        Assert.Equal("1 patients", Cohort(site2));
        Assert.Equal("1 patients; 001 CR/5+", Cohort(mdaccAgain));
        Assert.Equal("2 patients; 001 CR/5+", Cohort(monitor));
        Assert.Equal("1 patients", Cohort(site2Again));
    }

    /// <summary>Table 1's patient count, then each line of Table 3 as subject and response.</summary>
    private static string Cohort(JsonNode response)
    {
        Assert.True(response["errors"] is null, response.ToJsonString());
        var cohort = response["data"]!["cohort"]!;
        return string.Join("; ", cohort["table3"]!.AsArray().Select(line => $"{(string?)line!["subjectId"]} {(string?)line["responseDisplay"]}")
            .Prepend($"{(int)cohort["table1"]!["patients"]!} patients"));
    }
}
