using System.Text.Json.Nodes;
using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Tests.Door;

/// <summary>
/// DOMAIN.md "At the door": every input of <see cref="BadInputCorpus"/> is sent over GraphQL as a client
/// would, and each must come back refused with the expected code, naming the field (and showing the value
/// or the limit where the case says), with nothing appended anywhere in the event store.
/// </summary>
public sealed class BadInputCorpusTests(AppFixture app) : IntegrationTest(app)
{
    private GraphQLOperations Graph { get; } = new(app);

    [Fact]
    public void The_corpus_covers_every_mutation_that_writes_with_at_least_150_inputs()
    {
        var cases = BadInputCorpus.All().ToList();

        Assert.True(cases.Count >= 150, $"{cases.Count} cases");
        Assert.Equal(BadInputCorpus.Templates.Keys.Order(), cases.Select(c => c.Mutation).Distinct().Order());
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public async Task Every_template_is_accepted_as_sent()
    {
        var (trial, patient, _) = await GivenAsync();

        foreach (var (mutation, template) in BadInputCorpus.Templates)
        {
            var variables = Variables(template.Variables(), trial, patient);
            if (variables.ContainsKey("k") && mutation != "voidEntry") variables["k"] = "TEMPLATE-" + mutation;
            var response = await Graph.ExecuteAsync(template.Document, variables);
            Assert.True(response["errors"] is null, $"{mutation}: {response.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Every_bad_input_is_refused_naming_its_field_and_nothing_is_appended()
    {
        var (trial, patient, dead) = await GivenAsync();
        var failures = new List<string>();

        foreach (var bad in BadInputCorpus.All())
        {
            var (document, template) = BadInputCorpus.Templates[bad.Mutation];
            var variables = Variables(template(), trial, bad.Target == Target.DeadPatient ? dead : patient);
            bad.Spoil(variables);
            var before = await StoreCountsAsync();

            var response = await Graph.ExecuteAsync(document, variables);

            var errors = response["errors"]?.AsArray() ?? [];
            var named = errors.FirstOrDefault(e => (string?)e?["extensions"]?["field"] == bad.Field);
            if (response["data"]?[bad.Mutation] is not null) failures.Add($"{bad}: accepted");
            else if (errors.Count == 0) failures.Add($"{bad}: no error in {response.ToJsonString()}");
            else if (errors.Any(e => (string?)e?["extensions"]?["code"] != bad.Code)) failures.Add($"{bad}: codes {Codes(errors)}, expected {bad.Code}");
            else if (named is null) failures.Add($"{bad}: no error names {bad.Field}: {Messages(errors)}");
            else if (bad.Shown is { } shown && !((string?)named["message"] ?? "").Contains(shown, StringComparison.Ordinal))
                failures.Add($"{bad}: '{named["message"]}' does not show {shown}");
            if (await StoreCountsAsync() != before) failures.Add($"{bad}: something was appended");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A trial, a living patient with an entry EXISTING, and a patient who died on 2001-01-01.</summary>
    private async Task<(Guid Trial, Guid Patient, Guid Dead)> GivenAsync()
    {
        var trial = await Bus.Trial();
        var patient = await Bus.EnrolledPatient(trial, "001");
        var dead = await Bus.EnrolledPatient(trial, "002");
        foreach (var id in new[] { patient, dead })
            await Bus.InvokeAsync<EntryResult>(new RecordEntry(new FollowUpContactRecorded(id, "EXISTING", new(2000, 5, 1))), TestWriter.AllSites);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new PatientDied(dead, "DEATH", new Death(new(2001, 1, 1), CauseOfDeath.Infection))), TestWriter.AllSites);
        return (trial, patient, dead);
    }

    private static JsonObject Variables(JsonObject variables, Guid trial, Guid patient)
    {
        variables.TryAdd("t", trial.ToString());
        variables.TryAdd("p", patient.ToString());
        return variables;
    }

    private async Task<(long Events, long Streams)> StoreCountsAsync()
    {
        await using var session = App.Store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().LongCountAsync();
        var streams = await session.Events.QueryAllRawEvents().Select(e => e.StreamId).Distinct().LongCountAsync();
        return (events, streams);
    }

    private static string Codes(JsonArray errors) => string.Join(", ", errors.Select(e => (string?)e?["extensions"]?["code"]));

    private static string Messages(JsonArray errors) => string.Join(" | ", errors.Select(e => (string?)e?["message"]));
}
