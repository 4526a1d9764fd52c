using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Enrolling;
using Wolverine;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// A dry run: takes the handlers' own decisions (<see cref="EnrolPatientHandler.DecideAsync"/>,
/// <see cref="ImportedPatient.Decide"/>) with the writer's scope, commits nothing, and folds what was decided into the
/// subject's write model so the file's next item group meets the patient as a commit would have left it.
/// </summary>
public sealed class OdmDryRun(IDocumentStore store, WriteScope scope, TimeProvider clock) : IOdmWriter
{
    public async Task<(EntryResult Result, ImportedPatient Patient)> EnrolAsync(EnrolPatient enrolment, DeliveryOptions actor,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        await using var session = store.QuerySession();
        var (result, _) = await EnrolPatientHandler.DecideAsync(enrolment, session, scope, ClinicalDates.Today(clock), cancellation);
        return (result, ImportedPatient.Enrolled(new PatientEnrolled(enrolment.PatientId, enrolment.TrialId, enrolment.EnrolledOn, enrolment.Baseline)));
    }

    public Task<(EntryResult Result, ImportedPatient Patient)> WriteAsync(ImportedPatient patient, object command, DeliveryOptions actor,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var (result, _, after) = patient.Decide(command, scope, ClinicalDates.Today(clock));
        return Task.FromResult((result, after));
    }
}
