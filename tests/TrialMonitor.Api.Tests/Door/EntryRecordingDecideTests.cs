using System.Collections.Immutable;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;

namespace TrialMonitor.Api.Tests.Door;

/// <summary>
/// The door's decision on its own, without PostgreSQL (<see cref="EntryRecording.Decide"/>): a patient enrolled at MDACC
/// on 2000-03-01 (diagnosed 1997-06-01), at stream version 3, decided on 2001-01-01. The same rules through the API:
/// BadInputCorpusTests, WriteScopeTests, RecordingEntriesTests.
/// </summary>
public sealed class EntryRecordingDecideTests
{
    private static readonly Guid Id = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly DateOnly Today = new(2001, 1, 1);
    private static readonly Patient AtMdacc = new(Id, Guid.Empty, "MDACC", new(2000, 3, 1), new(1997, 6, 1), ImmutableDictionary<string, DateOnly>.Empty)
    {
        Version = 3,
    };

    private static FollowUpContactRecorded Contact(string key, DateOnly on) => new(Id, key, on);

    private static RecordedEntries Earlier(params IPatientEntry[] entries) =>
        RecordedEntries.Of(entries.Select((e, i) => new RecordedEntry(RecordedEntry.IdOf(Id, e.EntryKey), Id, e, false, 2 + i)));

    [Fact]
    public void A_new_entry_at_a_site_the_writer_may_write_to_is_one_event_and_the_next_version()
    {
        var entry = Contact("C-1", new(2000, 6, 1));

        foreach (var scope in new[] { WriteScope.AllSites, WriteScope.Of(["MDACC"]), WriteScope.Of(["SITE-2", "MDACC"]) })
        {
            var (result, events) = EntryRecording.Decide(new RecordEntry(entry), AtMdacc, RecordedEntries.None, scope, Today);

            Assert.Equal(new object[] { entry }, events);
            Assert.Equal(new EntryResult(Id, "C-1", 4, AlreadyRecorded: false), result);
        }
    }

    [Fact]
    public void A_writer_scoped_to_other_sites_is_refused_naming_the_patients_site_and_theirs()
    {
        var forbidden = Assert.Throws<WriteForbiddenException>(() =>
            EntryRecording.Decide(new RecordEntry(Contact("C-1", new(2000, 6, 1))), AtMdacc, RecordedEntries.None, WriteScope.Of(["SITE-2"]), Today));
        var none = Assert.Throws<WriteForbiddenException>(() =>
            EntryRecording.Decide(new RecordEntry(Contact("C-1", new(2000, 6, 1))), AtMdacc, RecordedEntries.None, WriteScope.Of([]), Today));

        Assert.Equal($"Patient {Id} is at site MDACC; your token's sites are SITE-2.", forbidden.Message);
        Assert.Equal($"Patient {Id} is at site MDACC; your token names no site.", none.Message);
    }

    [Fact]
    public void A_repeat_of_the_same_entry_is_acknowledged_without_events_and_a_different_one_under_its_key_is_refused()
    {
        var entry = Contact("C-1", new(2000, 6, 1));

        var (result, events) = EntryRecording.Decide(new RecordEntry(entry), AtMdacc, Earlier(entry), WriteScope.AllSites, Today);
        var different = Assert.Throws<InvalidInputException>(() =>
            EntryRecording.Decide(new RecordEntry(Contact("C-1", new(2000, 7, 1))), AtMdacc, Earlier(entry), WriteScope.AllSites, Today));

        Assert.Empty(events);
        Assert.Equal(new EntryResult(Id, "C-1", 3, AlreadyRecorded: true), result);
        Assert.Equal("entryKey", Assert.Single(different.Errors).Field);
    }

    [Fact]
    public void A_correction_voids_the_earlier_entry_with_its_reason_then_records_the_new_one()
    {
        var earlier = Contact("C-1", new(2000, 6, 1));
        var corrected = Contact("C-1b", new(2000, 6, 2));

        var (result, events) = EntryRecording.Decide(new RecordEntry(corrected, new Correction("C-1", "  date misread ")), AtMdacc, Earlier(earlier),
            WriteScope.AllSites, Today);

        Assert.Equal(new object[] { new EntryVoided(Id, "C-1", "date misread", "C-1b"), corrected }, events);
        Assert.Equal(5, result.Version);
    }

    [Fact]
    public void A_correction_of_an_entry_never_recorded_and_one_without_a_reason_are_refused()
    {
        var unknown = Assert.Throws<InvalidInputException>(() => EntryRecording.Decide(
            new RecordEntry(Contact("C-1b", new(2000, 6, 2)), new Correction("C-9", "typo")), AtMdacc, RecordedEntries.None, WriteScope.AllSites, Today));
        var blank = Assert.Throws<InvalidInputException>(() => EntryRecording.Decide(
            new RecordEntry(Contact("C-1b", new(2000, 6, 2)), new Correction("C-1", " ")), AtMdacc, Earlier(Contact("C-1", new(2000, 6, 1))),
            WriteScope.AllSites, Today));

        Assert.Equal("correction.supersedesEntryKey", Assert.Single(unknown.Errors).Field);
        Assert.Equal("correction.reason", Assert.Single(blank.Errors).Field);
    }

    [Fact]
    public void A_client_that_decided_on_an_older_version_is_refused_as_stale()
    {
        var stale = Assert.Throws<VersionConflictException>(() => EntryRecording.Decide(
            new RecordEntry(Contact("C-1", new(2000, 6, 1)), ExpectedVersion: 2), AtMdacc, RecordedEntries.None, WriteScope.AllSites, Today));

        Assert.Equal((2L, 3L), (stale.ExpectedVersion, stale.ActualVersion));
    }

    [Fact]
    public void Dates_a_clinic_could_not_have_recorded_are_refused_naming_the_field()
    {
        // Tomorrow (UTC) is the latest a clinic ahead of UTC could record; before diagnosis and before enrolment are not dates of this course.
        var tomorrow = EntryRecording.Decide(new RecordEntry(Contact("C-1", new(2001, 1, 2))), AtMdacc, RecordedEntries.None, WriteScope.AllSites, Today);
        var later = Assert.Throws<InvalidInputException>(() =>
            EntryRecording.Decide(new RecordEntry(Contact("C-1", new(2001, 1, 3))), AtMdacc, RecordedEntries.None, WriteScope.AllSites, Today));
        var beforeDiagnosis = Assert.Throws<InvalidInputException>(() =>
            EntryRecording.Decide(new RecordEntry(Contact("C-1", new(1997, 5, 31))), AtMdacc, RecordedEntries.None, WriteScope.AllSites, Today));

        Assert.False(tomorrow.Result.AlreadyRecorded);
        Assert.Equal("contactOn", Assert.Single(later.Errors).Field);
        Assert.Contains("contactOn", beforeDiagnosis.Errors.Select(e => e.Field));
    }

    [Fact]
    public void No_patient_is_refused_before_anything_else()
    {
        var refused = Assert.Throws<InvalidInputException>(() =>
            EntryRecording.Decide(new RecordEntry(Contact("C-1", new(2000, 6, 1))), null, RecordedEntries.None, WriteScope.Of([]), Today));

        Assert.Equal(new FieldError("patientId", $"no patient is enrolled with id {Id}"), Assert.Single(refused.Errors));
    }
}
