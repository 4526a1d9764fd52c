using Marten;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Door;

/// <summary>
/// Writers that race each other over GraphQL, all at once: the database decides who wins, and the
/// others get a clean answer (a refusal naming the field, a conflict, or the acknowledgement of what
/// is already stored); nothing is lost and nothing is stored twice.
/// </summary>
public sealed class RacingWritersTests(AppFixture app) : IntegrationTest(app)
{
    private const string Follow = """
        mutation($p: ID!, $k: String!, $on: Date!, $v: Int) {
          recordFollowUpContact(patientId: $p, entryKey: $k, contactOn: $on, expectedVersion: $v) { version alreadyRecorded } }
        """;

    private GraphQLOperations Graph { get; } = new(app);

    [Fact]
    public async Task Eight_enrolments_of_one_subject_at_once_enrol_exactly_one_patient_and_refuse_the_others_naming_the_subject()
    {
        var trial = await Bus.Trial();
        const string enrol = """
            mutation($p: ID!, $t: ID!) { enrolPatient(patientId: $p, trialId: $t, enrolledOn: "2000-03-01", baseline: {
              subjectId: "RACE-1", site: "MDACC", ageAtEnrolment: 50, sex: FEMALE, diagnosedOn: "1999-01-01", ecog: 0,
              spleenCmBelowCostalMargin: 0, hepatomegaly: false, clonalEvolution: false, diseaseGroupAtStandardDose: CYTOGENETIC_RESISTANCE }) { patientId } }
            """;

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Graph.ExecuteAsync(enrol, new { p = Guid.NewGuid(), t = trial })));

        Assert.Single(responses, r => r["data"]?["enrolPatient"] is not null);
        var refusals = responses.Where(r => r["data"]?["enrolPatient"] is null).ToList();
        Assert.Equal(7, refusals.Count);
        Assert.All(refusals, r =>
        {
            var error = Assert.Single(r["errors"]!.AsArray())!;
            Assert.Equal("BAD_USER_INPUT", (string?)error["extensions"]!["code"]);
            Assert.Equal("baseline.subjectId", (string?)error["extensions"]!["field"]);
            Assert.Contains("RACE-1", (string?)error["message"], StringComparison.Ordinal);
        });
        await using var session = App.Store.QuerySession();
        Assert.Equal(1, await session.Query<PatientChart>().CountAsync(c => c.TrialId == trial && c.SubjectId == "RACE-1"));
        Assert.Equal(1, await session.Events.QueryRawEventDataOnly<PatientEnrolled>().CountAsync(e => e.TrialId == trial));
    }

    [Fact]
    public async Task Eight_writers_deciding_on_one_expected_version_append_once_and_the_others_get_a_conflict()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Graph.ExecuteAsync(Follow, new { p = patient, k = $"FU-{i}", on = "2000-06-01", v = 1 })));

        Assert.Single(responses, r => r["data"]?["recordFollowUpContact"] is not null);
        Assert.All(responses.Where(r => r["data"]?["recordFollowUpContact"] is null),
            r => Assert.Equal("CONFLICT", (string?)Assert.Single(r["errors"]!.AsArray())!["extensions"]!["code"]));
        Assert.Equal(2, await EventCount(patient));
    }

    [Fact]
    public async Task Two_writers_that_read_the_same_version_cannot_both_append_the_append_itself_refuses_the_lost_update()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await using var first = App.Store.LightweightSession();
        await using var second = App.Store.LightweightSession();
        var firstRead = await first.Events.FetchForWriting<Patient>(patient);
        var secondRead = await second.Events.FetchForWriting<Patient>(patient);
        Assert.Equal(firstRead.CurrentVersion, secondRead.CurrentVersion);

        firstRead.AppendOne(new FollowUpContactRecorded(patient, "FU-A", new(2000, 6, 1)));
        secondRead.AppendOne(new FollowUpContactRecorded(patient, "FU-B", new(2000, 6, 2)));
        await first.SaveChangesAsync();

        await Assert.ThrowsAnyAsync<JasperFx.ConcurrencyException>(() => second.SaveChangesAsync());
        Assert.Equal(2, await EventCount(patient));
    }

    [Fact]
    public async Task Eight_retries_of_one_entry_key_at_once_store_it_once_and_acknowledge_every_retry()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Graph.ExecuteAsync(Follow, new { p = patient, k = "FU-1", on = "2000-06-01", v = (int?)null })));

        var results = responses.Select(r => r["data"]?["recordFollowUpContact"] ?? throw new Xunit.Sdk.XunitException(r.ToJsonString())).ToList();
        Assert.Single(results, r => !(bool)r["alreadyRecorded"]!);
        Assert.All(results, r => Assert.Equal(2, (int)r["version"]!));
        Assert.Equal(2, await EventCount(patient));
    }

    [Fact]
    public async Task Sixteen_different_entries_at_once_without_an_expected_version_are_all_stored_without_a_retry_by_the_client()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Graph.ExecuteAsync(Follow, new { p = patient, k = $"FU-{i}", on = $"2000-06-{i + 1:00}", v = (int?)null })));

        var versions = responses.Select(r => (int)(r["data"]?["recordFollowUpContact"]?["version"] ?? throw new Xunit.Sdk.XunitException(r.ToJsonString())));
        Assert.Equal(Enumerable.Range(2, 16), versions.Order());
        Assert.Equal(17, await EventCount(patient));
        var chart = await LoadChart(patient);
        Assert.Equal(16, chart!.Entries.Count);
    }
}
