using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients;

// One Marten stream per patient. Events are facts in the past tense carrying the patient id and
// the clinical observation (which carries its own clinical date); nothing derived is stored here.
// The clinical entries (IPatientEntry) are declared with their kinds in Entries/Kinds.

public sealed record PatientEnrolled(Guid PatientId, Guid TrialId, DateOnly EnrolledOn, Baseline Baseline);

/// <summary>A correction: the entry no longer counts, optionally replaced by a later entry.</summary>
public sealed record EntryVoided(Guid PatientId, string VoidedEntryKey, string Reason, string? ReplacementEntryKey);
