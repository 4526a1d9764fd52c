using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Correcting;
using TrialMonitor.Api.Patients.Enrolling;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Tests.Patients;

public sealed class RecordingEntriesTests(AppFixture app) : IntegrationTest(app)
{
    private static CytogeneticAssessment Karyotype(decimal ph, DateOnly on) => new(on, ph, CytogeneticMethod.Karyotype, 20, false);

    [Fact]
    public async Task A_karyotype_updates_the_patients_cytogenetic_response_in_the_same_request()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());

        var result = await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG-1", Karyotype(40m, new(2000, 6, 1)))), TestWriter.AllSites);

        Assert.Equal(2, result.Version);
        var chart = await LoadChart(patient);
        Assert.Equal(CytogeneticCategory.Minor, chart!.Assessment.LatestCytogenetic!.Category);
        Assert.Equal(40m, chart.Assessment.LatestCytogenetic.PhPositivePercent);
    }

    [Fact]
    public async Task The_same_entry_key_sent_twice_appends_once_and_returns_the_same_result()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        var command = new RecordEntry(new CytogeneticsRecorded(patient, "ACC-123", Karyotype(40m, new(2000, 6, 1))));

        var first = await Bus.InvokeAsync<EntryResult>(command, TestWriter.AllSites);
        var second = await Bus.InvokeAsync<EntryResult>(command, TestWriter.AllSites);

        Assert.Equal(2, await EventCount(patient));
        Assert.Equal(first.Version, second.Version);
        Assert.True(second.AlreadyRecorded);
    }

    [Fact]
    public async Task Reusing_an_entry_key_for_different_content_is_refused()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "ACC-123", Karyotype(40m, new(2000, 6, 1)))), TestWriter.AllSites);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "ACC-123", Karyotype(20m, new(2000, 6, 1)))), TestWriter.AllSites));

        Assert.Equal("entryKey", Assert.Single(error.Errors).Field);
        Assert.Equal(2, await EventCount(patient));
    }

    [Theory]
    [InlineData(-1, "cytogenetics.phPositivePercent")]
    [InlineData(100.5, "cytogenetics.phPositivePercent")]
    public async Task A_ph_percentage_outside_0_to_100_is_refused_and_nothing_is_appended(decimal ph, string field)
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());

        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG-1", Karyotype(ph, new(2000, 6, 1)))), TestWriter.AllSites));

        var refused = Assert.Single(error.Errors);
        Assert.Equal(field, refused.Field);
        Assert.Contains("between 0 and 100", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(1, await EventCount(patient));
    }

    [Fact]
    public async Task Negative_counts_are_refused_naming_each_field_and_nothing_is_appended()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        var count = new BloodCount(new(2000, 6, 1), -2m, 1.2m, -5m, 11m, 0m, 1m, 0m, null);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Bus.InvokeAsync<EntryResult>(new RecordEntry(new BloodCountRecorded(patient, "CBC-1", count)), TestWriter.AllSites));

        Assert.Equal(["count.wbc", "count.platelets"], error.Errors.Select(e => e.Field));
        Assert.Equal(1, await EventCount(patient));
    }

    [Fact]
    public async Task An_entry_for_an_unknown_patient_is_refused_and_no_stream_is_created()
    {
        var unknown = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(unknown, "CG-1", Karyotype(40m, new(2000, 6, 1)))), TestWriter.AllSites));

        Assert.Equal("patientId", Assert.Single(error.Errors).Field);
        Assert.Equal(0, await EventCount(unknown));
    }

    [Fact]
    public async Task A_dose_change_before_enrolment_is_refused_and_nothing_is_appended()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        var before = Given.EnrolledOn.AddDays(-1);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => Bus.InvokeAsync<EntryResult>(
            new RecordEntry(new DoseChanged(patient, "DOSE-1", new DoseChange(before, DoseAction.Started, 400, "daily", null))), TestWriter.AllSites));

        var refused = Assert.Single(error.Errors);
        Assert.Equal("dose.effectiveOn", refused.Field);
        Assert.Contains("before enrolment", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(1, await EventCount(patient));
    }

    [Fact]
    public async Task A_correction_without_a_reason_is_refused_and_nothing_is_appended()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG-1", Karyotype(40m, new(2000, 6, 1)))), TestWriter.AllSites);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => Bus.InvokeAsync<EntryResult>(
            new RecordEntry(new CytogeneticsRecorded(patient, "CG-1b", Karyotype(4m, new(2000, 6, 1))), new Correction("CG-1", "  ")), TestWriter.AllSites));

        Assert.Equal("correction.reason", Assert.Single(error.Errors).Field);
        Assert.Equal(2, await EventCount(patient));
    }

    [Fact]
    public async Task A_correction_supersedes_the_entry_and_the_chart_honours_it_while_the_stream_keeps_both()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG-1", Karyotype(40m, new(2000, 6, 1)))), TestWriter.AllSites);

        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG-1b", Karyotype(4m, new(2000, 6, 1))),
            new Correction("CG-1", "transcription error: 4 % not 40 %")), TestWriter.AllSites);

        var chart = await LoadChart(patient);
        Assert.Equal(CytogeneticCategory.Partial, chart!.Assessment.LatestCytogenetic!.Category);
        Assert.Equal("CG-1b", Assert.Single(chart.Entries, e => EntryKinds.Of(e) == EntryKinds.Get<Cytogenetics>()).EntryKey);
        Assert.Equal("transcription error: 4 % not 40 %", Assert.Single(chart.Corrections).Reason);
        Assert.Equal(4, await EventCount(patient));
    }

    [Fact]
    public async Task Voiding_an_entry_without_a_reason_is_refused()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG-1", Karyotype(40m, new(2000, 6, 1)))), TestWriter.AllSites);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Bus.InvokeAsync<EntryResult>(new VoidEntry(patient, "CG-1", ""), TestWriter.AllSites));

        Assert.Equal("reason", Assert.Single(error.Errors).Field);
        Assert.Equal(2, await EventCount(patient));
    }

    [Fact]
    public async Task A_retried_enrolment_is_acknowledged_and_a_different_one_under_the_same_id_is_refused()
    {
        var trial = await Bus.Trial();
        var baseline = new Baseline("007", "MDACC", 61, Sex.Male, new(1998, 1, 5), 1, 12m, true, false, DiseaseGroup.HematologicRelapse);
        var id = Guid.NewGuid();
        await Bus.InvokeAsync<EntryResult>(new EnrolPatient(id, trial, Given.EnrolledOn, baseline), TestWriter.AllSites);

        var retried = await Bus.InvokeAsync<EntryResult>(new EnrolPatient(id, trial, Given.EnrolledOn, baseline), TestWriter.AllSites);
        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Bus.InvokeAsync<EntryResult>(new EnrolPatient(id, trial, Given.EnrolledOn, baseline with { AgeAtEnrolment = 62 }), TestWriter.AllSites));

        Assert.True(retried.AlreadyRecorded);
        Assert.Equal("patientId", Assert.Single(error.Errors).Field);
        Assert.Equal(1, await EventCount(id));
    }

    [Fact]
    public async Task Enrolment_in_an_unknown_trial_or_at_a_site_outside_the_trial_is_refused()
    {
        var trial = await Bus.Trial();
        var baseline = new Baseline("008", "ELSEWHERE", 61, Sex.Male, new(1998, 1, 5), 1, 0m, false, false, DiseaseGroup.HematologicRelapse);

        var wrongSite = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Bus.InvokeAsync<EntryResult>(new EnrolPatient(Guid.NewGuid(), trial, Given.EnrolledOn, baseline), TestWriter.AllSites));
        var noTrial = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Bus.InvokeAsync<EntryResult>(new EnrolPatient(Guid.NewGuid(), Guid.NewGuid(), Given.EnrolledOn, baseline with { Site = "MDACC" }), TestWriter.AllSites));

        Assert.Equal("baseline.site", Assert.Single(wrongSite.Errors).Field);
        Assert.Equal("trialId", Assert.Single(noTrial.Errors).Field);
    }
}
