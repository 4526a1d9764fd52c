using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Correcting;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Toxicity;
using static TrialMonitor.Api.Tests.Alerts.AlertScenario;

namespace TrialMonitor.Api.Tests.Alerts;

public sealed class AlertRulesTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_grade_3_neutropenia_derived_from_a_blood_count_raises_one_alert_naming_patient_study_site_and_cause()
    {
        var trial = await Bus.Trial();
        var patient = await Bus.EnrolledPatient(trial, subjectId: "017", site: "SITE-2");

        var recorded = await Bus.Counts(patient, "CBC-1", neutrophils: 0.8m);

        var alert = Assert.Single(await App.AlertsOf(patient));
        Assert.Equal(AlertKind.LabToxicity, alert.Kind);
        Assert.Equal(CtcaeTerms.NeutrophilCountDecreased, alert.Term);
        Assert.Equal(3, alert.Grade);
        Assert.Equal((trial, "CML-110", "SITE-2", "017"), (alert.TrialId, alert.StudyCode, alert.Site, alert.SubjectId));
        Assert.Equal(Day(2000, 5), alert.ClinicalOn);
        Assert.Equal(AlertStatus.Open, alert.Status);
        Assert.Equal(("CBC-1", recorded.Version, "blood_count_recorded"),
            (alert.Cause.EntryKey, alert.Cause.StreamVersion, alert.Cause.EventType));
        Assert.Equal(alert.Cause.Sequence * AlertProjection.PositionsPerEvent, alert.Position);
        Assert.Equal(Alert.IdFor(alert.Cause.EventId, AlertKind.LabToxicity, CtcaeTerms.NeutrophilCountDecreased), alert.Id);
        Assert.Contains("grade 3", alert.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_count_with_several_grade_3_values_raises_one_alert_per_term_at_consecutive_positions()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());

        await Bus.Counts(patient, "CBC-1", neutrophils: 0.8m, platelets: 20m);

        var alerts = await App.AlertsOf(patient);
        Assert.Equal([CtcaeTerms.NeutrophilCountDecreased, CtcaeTerms.PlateletCountDecreased], alerts.Select(a => a.Term).Order());
        Assert.Equal(alerts[0].Position + 1, alerts[1].Position);
        Assert.Equal([3, 4], alerts.Select(a => a.Grade!.Value).Order());
    }

    [Fact]
    public async Task A_reported_grade_3_toxicity_raises_an_alert_and_grade_2_does_not()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());

        await Bus.Toxicity(patient, "TOX-1", grade: 2, term: "Rash");
        await Bus.Toxicity(patient, "TOX-2", grade: 3, term: "Nausea");
        await Bus.Counts(patient, "CBC-1", neutrophils: 1.2m); // grade 2

        var alert = Assert.Single(await App.AlertsOf(patient));
        Assert.Equal((AlertKind.ReportedToxicity, "Nausea", 3, "TOX-2"), (alert.Kind, alert.Term, alert.Grade, alert.Cause.EntryKey));
    }

    [Theory]
    [InlineData(4, 3, false)]
    [InlineData(4, 4, true)]
    [InlineData(2, 2, true)]
    public async Task The_trials_grade_threshold_decides_which_toxicities_raise_alerts(int threshold, int grade, bool raised)
    {
        var trial = await Bus.Trial(ClinicalSettings.PaperDefaults with { AlertGradeThreshold = threshold });
        var patient = await Bus.EnrolledPatient(trial);

        await Bus.Toxicity(patient, "TOX-1", grade);

        Assert.Equal(raised ? 1 : 0, (await App.AlertsOf(patient)).Count);
    }

    [Fact]
    public async Task Every_dose_reduction_and_interruption_raises_an_alert_and_a_start_or_escalation_does_not()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());

        await Bus.Dose(patient, "D1", Given.EnrolledOn, DoseAction.Started, 400);
        await Bus.Dose(patient, "D2", Day(2000, 6), DoseAction.Reduced, 300, DoseReductionReasons.Pancytopenia);
        await Bus.Dose(patient, "D3", Day(2000, 7), DoseAction.Interrupted, 0, "Neutrophil count decreased");
        await Bus.Dose(patient, "D4", Day(2000, 8), DoseAction.Resumed, 300);
        await Bus.Dose(patient, "D5", Day(2001, 3), DoseAction.Escalated, 600);

        var alerts = await App.AlertsOf(patient);
        Assert.Equal([(AlertKind.DoseReduced, "D2", Day(2000, 6)), (AlertKind.DoseInterrupted, "D3", Day(2000, 7))],
            alerts.Select(a => (a.Kind, a.Cause.EntryKey, a.ClinicalOn)));
        Assert.Contains("PANCYTOPENIA", alerts[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discontinuation_transformation_and_death_each_raise_an_alert()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());

        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new TransformationDiagnosed(patient, "TR-1", new Transformation(Day(2001, 1), DiseasePhase.Blastic))), TestWriter.AllSites);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new TherapyDiscontinued(patient, "DC-1",
            new Discontinuation(Day(2001, 1, 5), DiscontinuationReason.TransformationToBlasticPhase))), TestWriter.AllSites);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new PatientDied(patient, "DEATH", new Death(Day(2001, 2), CauseOfDeath.BlasticPhase))), TestWriter.AllSites);

        Assert.Equal([AlertKind.Transformation, AlertKind.TherapyDiscontinued, AlertKind.Death],
            (await App.AlertsOf(patient)).Select(a => a.Kind));
    }

    [Fact]
    public async Task A_second_result_30_points_above_the_best_raises_a_cytogenetic_relapse_alert_once()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.Dose(patient, "D1", Given.EnrolledOn, DoseAction.Started, 400);

        await Bus.Karyotype(patient, "CG-1", Day(2000, 6), 10m);
        await Bus.Karyotype(patient, "CG-2", Day(2000, 9), 50m);
        await Bus.Karyotype(patient, "CG-3", Day(2000, 12), 60m);
        await Bus.Karyotype(patient, "CG-4", Day(2001, 2), 70m);

        var alert = Assert.Single(await App.AlertsOf(patient));
        Assert.Equal((AlertKind.CytogeneticRelapse, "CG-3", Day(2000, 12)), (alert.Kind, alert.Cause.EntryKey, alert.ClinicalOn));
    }

    [Fact]
    public async Task Losing_the_complete_hematologic_response_raises_a_hematologic_relapse_alert()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.Dose(patient, "D1", Given.EnrolledOn, DoseAction.Started, 400);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new PhysicalExamRecorded(patient, "EX-1", new PhysicalExam(Day(2000, 5), 0m, false))), TestWriter.AllSites);
        await Bus.Counts(patient, "CBC-1", neutrophils: 3m); // CHR

        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new PhysicalExamRecorded(patient, "EX-2", new PhysicalExam(Day(2000, 8), 0m, false))), TestWriter.AllSites);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new BloodCountRecorded(patient, "CBC-2",
            new BloodCount(Day(2000, 8), 25m, 3m, 250m, 13m, 0m, 1m, 0m, null))), TestWriter.AllSites);

        var alert = Assert.Single(await App.AlertsOf(patient));
        Assert.Equal((AlertKind.HematologicRelapse, "CBC-2"), (alert.Kind, alert.Cause.EntryKey));
    }

    [Fact]
    public async Task A_result_worse_than_the_improved_response_after_escalation_raises_a_loss_of_improvement_alert()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.Dose(patient, "D1", Given.EnrolledOn, DoseAction.Started, 400);
        await Bus.Karyotype(patient, "CG-1", Day(2000, 6), 100m);
        await Bus.Dose(patient, "D2", Day(2000, 7), DoseAction.Escalated, 800);
        await Bus.Karyotype(patient, "CG-2", Day(2000, 10), 20m); // partial: improved, ongoing
        Assert.Empty(await App.AlertsOf(patient));

        await Bus.Karyotype(patient, "CG-3", Day(2001, 1), 60m); // minor: the improvement has ended

        var alert = Assert.Single(await App.AlertsOf(patient));
        Assert.Equal((AlertKind.LossOfImprovedResponse, "CG-3", Day(2001, 1)), (alert.Kind, alert.Cause.EntryKey, alert.ClinicalOn));
    }

    [Fact]
    public async Task A_correction_that_voids_the_cause_withdraws_the_alert_and_keeps_it()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.Toxicity(patient, "TOX-1", grade: 3);
        var raised = Assert.Single(await App.AlertsOf(patient));

        await Bus.InvokeAsync<EntryResult>(new VoidEntry(patient, "TOX-1", "entered for the wrong patient"), TestWriter.AllSites);

        var withdrawn = Assert.Single(await App.AlertsOf(patient));
        Assert.Equal(raised.Id, withdrawn.Id);
        Assert.Equal(AlertStatus.Withdrawn, withdrawn.Status);
        Assert.Equal(("TOX-1", "entered for the wrong patient"), (withdrawn.Withdrawal!.VoidedEntryKey, withdrawn.Withdrawal.Reason));
        Assert.True(withdrawn.Position > raised.Position);
        Assert.Equal(raised.RaisedPosition, withdrawn.RaisedPosition);
    }

    [Fact]
    public async Task A_correction_whose_replacement_no_longer_relapses_withdraws_the_relapse_alert_and_raises_none()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.Dose(patient, "D1", Given.EnrolledOn, DoseAction.Started, 400);
        await Bus.Karyotype(patient, "CG-1", Day(2000, 6), 10m);
        await Bus.Karyotype(patient, "CG-2", Day(2000, 9), 50m);
        await Bus.Karyotype(patient, "CG-3", Day(2000, 12), 60m);

        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG-3b",
            new CytogeneticAssessment(Day(2000, 12), 20m, CytogeneticMethod.Karyotype, 20, false)), new Correction("CG-3", "misread")), TestWriter.AllSites);

        var alert = Assert.Single(await App.AlertsOf(patient));
        Assert.Equal((AlertKind.CytogeneticRelapse, AlertStatus.Withdrawn, "CG-3"), (alert.Kind, alert.Status, alert.Withdrawal?.VoidedEntryKey));
    }

    [Fact]
    public async Task A_correction_whose_replacement_still_relapses_withdraws_the_relapse_alert_and_raises_a_new_one_for_the_replacement()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.Dose(patient, "D1", Given.EnrolledOn, DoseAction.Started, 400);
        await Bus.Karyotype(patient, "CG-1", Day(2000, 6), 10m);
        await Bus.Karyotype(patient, "CG-2", Day(2000, 9), 50m);
        await Bus.Karyotype(patient, "CG-3", Day(2000, 12), 60m);
        var raised = Assert.Single(await App.AlertsOf(patient));

        // 45 % is still 35 points above the best (10 %), on the second consecutive assessment: a relapse again.
        var corrected = await new GraphQLOperations(App).ExecuteAsync("""
            mutation($p: ID!) { recordCytogenetics(patientId: $p, entryKey: "CG-3b",
              cytogenetics: { collectedOn: "2000-12-01", phPositivePercent: 45, method: KARYOTYPE, cellsAnalysed: 20, clonalEvolution: false },
              correction: { supersedesEntryKey: "CG-3", reason: "misread" }) { version } }
            """, new { p = patient });
        Assert.True(corrected["errors"] is null, corrected.ToJsonString());

        var alerts = await App.AlertsOf(patient);
        Assert.Equal(2, alerts.Count);
        var withdrawn = Assert.Single(alerts, a => a.Id == raised.Id);
        Assert.Equal((AlertStatus.Withdrawn, "CG-3", "misread"), (withdrawn.Status, withdrawn.Withdrawal?.VoidedEntryKey, withdrawn.Withdrawal?.Reason));
        var reraised = Assert.Single(alerts, a => a.Id != raised.Id);
        Assert.Equal((AlertKind.CytogeneticRelapse, AlertStatus.Open, "CG-3b", Day(2000, 12)),
            (reraised.Kind, reraised.Status, reraised.Cause.EntryKey, reraised.ClinicalOn));
        // A monitor reading the feed sees the withdrawal before the new alert.
        Assert.True(reraised.RaisedPosition > withdrawn.Position);
    }
}
