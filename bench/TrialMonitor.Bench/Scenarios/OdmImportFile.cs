using TrialMonitor.Api.Odm.Exporting;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Enrolling;
using TrialMonitor.Api.Trials;
using TrialMonitor.Api.Trials.Registering;
using TrialMonitor.Bench.Generation;

namespace TrialMonitor.Bench.Scenarios;

/// <summary>
/// A generated trial written as TrialMonitor's own ODM export (<see cref="OdmExport"/>'s subjects), patient after patient
/// to a file, so the file is never held in memory, until it holds at least the items asked for.
/// </summary>
public static class OdmImportFile
{
    /// <returns>The patients and items written.</returns>
    public static async Task<(int Patients, long Items)> WriteAsync(string path, RegisterTrial trial, IEnumerable<GeneratedPatient> patients, long items)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(patients);
        await using var file = File.Create(path);
        await using var xml = OdmExport.Writer(file);
        await OdmExport.StartAsync(xml, new Trial(trial.TrialId, trial.Code, trial.Title, trial.Sites, trial.Settings), DateTimeOffset.UtcNow);
        var (written, count) = (0L, 0);
        foreach (var patient in patients)
        {
            if (written >= items) break;
            var enrolment = patient.Commands.OfType<EnrolPatient>().Single();
            written += await OdmExport.WriteSubjectAsync(xml, patient.SubjectId, enrolment.Baseline.Site, enrolment.EnrolledOn, enrolment.Baseline,
                patient.Commands.OfType<RecordEntry>().Select(c => c.Entry));
            count++;
        }
        await OdmExport.EndAsync(xml);
        return (count, written);
    }
}
