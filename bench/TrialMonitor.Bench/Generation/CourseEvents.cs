using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Enrolling;
using TrialMonitor.Api.Patients.Recording;

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
        RecordEntry c => c.Entry,
        _ => throw new ArgumentException($"no event for command {command.GetType().Name}", nameof(command)),
    };

    public static object[] For(GeneratedPatient patient) => [.. patient.Commands.Select(For)];
}
