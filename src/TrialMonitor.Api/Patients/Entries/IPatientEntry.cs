namespace TrialMonitor.Api.Patients.Entries;

/// <summary>
/// A clinical entry of a patient's stream (an event): which patient, the key it was recorded under
/// (the lab accession number or the form id, unique within the patient), and the clinical date it
/// refers to. ClinicalOn is implemented explicitly by each event so that it is not stored twice.
/// </summary>
public interface IPatientEntry
{
    Guid PatientId { get; }

    string EntryKey { get; }

    DateOnly ClinicalOn { get; }
}
