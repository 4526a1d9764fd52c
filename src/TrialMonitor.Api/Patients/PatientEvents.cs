using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients;

// One Marten stream per patient. Events are facts in the past tense carrying the patient id and
// the clinical observation (which carries its own clinical date); nothing derived is stored here.
// EntryKey identifies a recorded entry: the lab accession number or the form id, unique within
// the patient. It makes a retried entry idempotent and lets a correction name what it voids.

public sealed record PatientEnrolled(Guid PatientId, Guid TrialId, DateOnly EnrolledOn, Baseline Baseline);

public sealed record BloodCountRecorded(Guid PatientId, string EntryKey, BloodCount Count);

public sealed record MarrowRecorded(Guid PatientId, string EntryKey, MarrowAssessment Marrow);

public sealed record CytogeneticsRecorded(Guid PatientId, string EntryKey, CytogeneticAssessment Cytogenetics);

public sealed record MolecularRecorded(Guid PatientId, string EntryKey, MolecularAssessment Molecular);

public sealed record PhysicalExamRecorded(Guid PatientId, string EntryKey, PhysicalExam Exam);

public sealed record DoseChanged(Guid PatientId, string EntryKey, DoseChange Dose);

public sealed record ToxicityReported(Guid PatientId, string EntryKey, ReportedToxicity Toxicity);

public sealed record ResponseReported(Guid PatientId, string EntryKey, ReportedResponse Response);

public sealed record TransformationDiagnosed(Guid PatientId, string EntryKey, Transformation Transformation);

public sealed record TherapyDiscontinued(Guid PatientId, string EntryKey, Discontinuation Discontinuation);

public sealed record PatientDied(Guid PatientId, string EntryKey, Death Death);

public sealed record FollowUpContactRecorded(Guid PatientId, string EntryKey, DateOnly ContactOn);

/// <summary>A correction: the entry no longer counts, optionally replaced by a later entry.</summary>
public sealed record EntryVoided(Guid PatientId, string VoidedEntryKey, string Reason, string? ReplacementEntryKey);
