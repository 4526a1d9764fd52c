using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Dosing;
using TrialMonitor.Api.Patients.Enrolling;
using TrialMonitor.Api.Patients.RecordingExams;
using TrialMonitor.Api.Patients.RecordingLabs;
using TrialMonitor.Api.Patients.RecordingOutcomes;
using TrialMonitor.Api.Patients.ReportingResponses;
using TrialMonitor.Api.Patients.ReportingToxicity;

namespace TrialMonitor.Bench.Generation;

/// <summary>
/// The events the write path appends for a generated patient's commands, for the bulk form of the
/// import: what each handler returns for a first entry with no correction. The bulk form skips the
/// handlers' per-command checks (valid input, known patient, unique entry key): acceptable for an
/// import of data that was generated, or validated once before the import, into a fresh trial,
/// where no concurrent writer and no earlier entry can make a decision differ.
/// </summary>
public static class CourseEvents
{
    public static object For(object command) => command switch
    {
        EnrolPatient c => new PatientEnrolled(c.PatientId, c.TrialId, c.EnrolledOn, c.Baseline),
        RecordBloodCount c => new BloodCountRecorded(c.PatientId, c.EntryKey, c.Count),
        RecordMarrow c => new MarrowRecorded(c.PatientId, c.EntryKey, c.Marrow),
        RecordCytogenetics c => new CytogeneticsRecorded(c.PatientId, c.EntryKey, c.Cytogenetics),
        RecordMolecular c => new MolecularRecorded(c.PatientId, c.EntryKey, c.Molecular),
        RecordPhysicalExam c => new PhysicalExamRecorded(c.PatientId, c.EntryKey, c.Exam),
        ChangeDose c => new DoseChanged(c.PatientId, c.EntryKey, c.Dose),
        ReportToxicity c => new ToxicityReported(c.PatientId, c.EntryKey, c.Toxicity),
        ReportResponse c => new ResponseReported(c.PatientId, c.EntryKey, c.Response),
        DiagnoseTransformation c => new TransformationDiagnosed(c.PatientId, c.EntryKey, c.Transformation),
        DiscontinueTherapy c => new TherapyDiscontinued(c.PatientId, c.EntryKey, c.Discontinuation),
        RecordDeath c => new PatientDied(c.PatientId, c.EntryKey, c.Death),
        RecordFollowUpContact c => new FollowUpContactRecorded(c.PatientId, c.EntryKey, c.ContactOn),
        _ => throw new ArgumentException($"no event for command {command.GetType().Name}", nameof(command)),
    };

    public static object[] For(GeneratedPatient patient) => [.. patient.Commands.Select(For)];
}
