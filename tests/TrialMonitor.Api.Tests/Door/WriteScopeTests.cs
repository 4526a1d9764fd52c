using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Correcting;
using TrialMonitor.Api.Patients.Enrolling;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Api.Tests.Auth;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;
using Wolverine;

namespace TrialMonitor.Api.Tests.Door;

/// <summary>
/// The door fails closed: a patient command that does not state where its writer may write is refused, whoever
/// sends it, and nothing is appended; an internal writer says "all sites" (<see cref="WriteScope.AllSites"/>).
/// </summary>
public sealed class WriteScopeTests(AppFixture app) : IntegrationTest(app)
{
    public static TheoryData<string> Commands => ["record", "correct", "void", "enrol"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_write_sent_without_a_scope_is_refused_and_nothing_is_appended(string command)
    {
        var (trial, patient) = await GivenAsync();
        var before = await AccessScenario.EventCount(App);
        // An actor without a scope: who they are is stated, where they may write is not.
        var actorOnly = new DeliveryOptions().WithHeader(EventMetadata.User, "someone").WithHeader(EventMetadata.Role, Roles.Coordinator);

        var withoutOptions = await Assert.ThrowsAsync<WriteForbiddenException>(() => Bus.InvokeAsync<EntryResult>(Command(command, trial, patient)));
        var withoutScope = await Assert.ThrowsAsync<WriteForbiddenException>(() => Bus.RecordAsync(Command(command, trial, patient), actorOnly));

        Assert.Contains("states no site scope", withoutOptions.Message, StringComparison.Ordinal);
        Assert.Contains("states no site scope", withoutScope.Message, StringComparison.Ordinal);
        Assert.Equal(before, await AccessScenario.EventCount(App));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task The_same_write_stating_all_sites_goes_in(string command)
    {
        var (trial, patient) = await GivenAsync();
        var before = await AccessScenario.EventCount(App);

        var result = await Bus.RecordAsync(Command(command, trial, patient), WriteActor.Internal("loader", EventMetadata.Sources.System, WriteScope.AllSites));

        Assert.False(result.AlreadyRecorded);
        // A correction appends the void of the earlier entry and the new one; the others one event each.
        Assert.Equal(before + (command == "correct" ? 2 : 1), await AccessScenario.EventCount(App));
    }

    [Fact]
    public async Task A_scope_of_other_sites_is_refused_naming_them_and_nothing_is_appended()
    {
        var (trial, patient) = await GivenAsync();
        var before = await AccessScenario.EventCount(App);
        var otherSite = WriteActor.Import("carla", Roles.Coordinator, WriteScope.Of(["SITE-2"]), "file.xml", "SubjectData[1]", null, "corr");

        var refused = await Assert.ThrowsAsync<WriteForbiddenException>(() => Bus.RecordAsync(Command("record", trial, patient), otherSite));

        Assert.Equal($"Patient {patient} is at site MDACC; your token's sites are SITE-2.", refused.Message);
        Assert.Equal(before, await AccessScenario.EventCount(App));
    }

    private async Task<(Guid Trial, Guid Patient)> GivenAsync()
    {
        var trial = await Bus.Trial();
        var patient = await Bus.EnrolledPatient(trial);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new FollowUpContactRecorded(patient, "CONTACT-1", new(2000, 5, 1))), TestWriter.AllSites);
        return (trial, patient);
    }

    private static object Command(string command, Guid trial, Guid patient) => command switch
    {
        "record" => new RecordEntry(new FollowUpContactRecorded(patient, "CONTACT-2", new(2000, 6, 1))),
        "correct" => new RecordEntry(new FollowUpContactRecorded(patient, "CONTACT-1b", new(2000, 5, 2)), new Correction("CONTACT-1", "date misread")),
        "void" => new VoidEntry(patient, "CONTACT-1", "entered for the wrong patient"),
        "enrol" => new EnrolPatient(Guid.NewGuid(), trial, Given.EnrolledOn, new Baseline("NEW-1", "MDACC", 50, Sex.Female, new(1999, 1, 1), 0, 0m,
            false, false, DiseaseGroup.CytogeneticResistance)),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };
}
