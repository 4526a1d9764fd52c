using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Enrolling;
using Wolverine;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// How an import's commands meet the door: <see cref="OdmCommit"/> commits them, <see cref="OdmDryRun"/> only takes the
/// same decisions (the handlers' own, on the same write model). Each answers the decision and the subject's write model
/// after it, so the import itself (<see cref="OdmWrites"/>) does not know which it runs.
/// </summary>
public interface IOdmWriter
{
    /// <summary>Enrols a subject the trial does not have yet.</summary>
    Task<(EntryResult Result, ImportedPatient Patient)> EnrolAsync(EnrolPatient enrolment, DeliveryOptions actor, CancellationToken cancellation);

    /// <summary>Records, corrects or voids an entry of <paramref name="patient"/>.</summary>
    Task<(EntryResult Result, ImportedPatient Patient)> WriteAsync(ImportedPatient patient, object command, DeliveryOptions actor,
        CancellationToken cancellation);
}
