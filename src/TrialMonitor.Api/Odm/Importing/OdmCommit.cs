using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Enrolling;
using Wolverine;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// Sends each command through <see cref="PatientWrites"/> as a mutation would. After a commit the subject's write model
/// follows by folding the same decision into it (an item group costs one command, not a reload of the stream); it is
/// reloaded when another writer moved the stream in between.
/// </summary>
public sealed class OdmCommit(IMessageBus bus, IDocumentStore store, WriteScope scope, TimeProvider clock) : IOdmWriter
{
    public async Task<(EntryResult Result, ImportedPatient Patient)> EnrolAsync(EnrolPatient enrolment, DeliveryOptions actor,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        var result = await bus.RecordAsync(enrolment, actor, cancellation);
        return (result, await ImportedPatient.LoadAsync(store, enrolment.PatientId, cancellation));
    }

    public async Task<(EntryResult Result, ImportedPatient Patient)> WriteAsync(ImportedPatient patient, object command, DeliveryOptions actor,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var result = await bus.RecordAsync(command, actor, cancellation);
        if (result.AlreadyRecorded) return (result, patient);
        try
        {
            var (_, _, after) = patient.Decide(command, scope, ClinicalDates.Today(clock));
            if (after.Patient.Version == result.Version) return (result, after);
        }
        catch (Exception e) when (e is InvalidInputException or WriteForbiddenException or VersionConflictException)
        {
            // The stream moved under the write model: the decision taken on it no longer holds; read the stream as it is.
        }
        return (result, await ImportedPatient.LoadAsync(store, result.PatientId, cancellation));
    }
}
