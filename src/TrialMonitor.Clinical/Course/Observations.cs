namespace TrialMonitor.Clinical.Course;

// The clinical inputs the rules read, each dated by when it was collected or took effect
// (the clinical date, IClinicalEntry), never by when it was recorded.

public enum Sex { Female, Male }

/// <summary>The patient's situation when standard-dose imatinib started (DOMAIN: enrolment).</summary>
public enum DiseaseGroup
{
    HematologicRelapse,
    HematologicResistance,
    CytogeneticRelapse,
    CytogeneticResistance,
    InterferonIntolerance,

    /// <summary>First line: imatinib is the first therapy (the paper's groups all come after interferon).</summary>
    NewlyDiagnosed,
}

/// <summary>Enrolment with the Table 1 baseline that is not a lab value.</summary>
public sealed record Baseline(
    string SubjectId,
    string Site,
    int AgeAtEnrolment,
    Sex Sex,
    DateOnly DiagnosedOn,
    int Ecog,
    decimal SpleenCmBelowCostalMargin,
    bool Hepatomegaly,
    bool ClonalEvolution,
    DiseaseGroup DiseaseGroupAtStandardDose);

/// <summary>Lower limits of normal reported by the lab with a blood count (10^9/L, g/dL).</summary>
public sealed record LowerLimitsOfNormal(decimal? Wbc, decimal? Neutrophils, decimal? Platelets, decimal? Hemoglobin);

/// <summary>Peripheral blood. Counts in 10^9/L, hemoglobin in g/dL, differential in %.</summary>
public sealed record BloodCount(
    DateOnly CollectedOn,
    decimal? Wbc,
    decimal? Neutrophils,
    decimal? Platelets,
    decimal? Hemoglobin,
    decimal? BlastsPercent,
    decimal? BasophilsPercent,
    decimal? PromyelocytesMyelocytesPercent,
    LowerLimitsOfNormal? LowerLimits) : IClinicalEntry
{
    DateOnly IClinicalEntry.ClinicalDate => CollectedOn;
}

public sealed record MarrowAssessment(DateOnly CollectedOn, decimal BlastsPercent, decimal BasophilsPercent) : IClinicalEntry
{
    DateOnly IClinicalEntry.ClinicalDate => CollectedOn;
}

public enum CytogeneticMethod { Karyotype, Fish }

/// <summary>Ph+ % with the cells it rests on: metaphases for a karyotype, nuclei for FISH.</summary>
public sealed record CytogeneticAssessment(
    DateOnly CollectedOn,
    decimal PhPositivePercent,
    CytogeneticMethod Method,
    int CellsAnalysed,
    bool ClonalEvolution) : IClinicalEntry
{
    DateOnly IClinicalEntry.ClinicalDate => CollectedOn;
}

/// <summary>BCR-ABL1 transcript level on the International Scale (beyond the paper).</summary>
public sealed record MolecularAssessment(DateOnly CollectedOn, decimal BcrAbl1PercentIs, int Abl1ControlCopies) : IClinicalEntry
{
    DateOnly IClinicalEntry.ClinicalDate => CollectedOn;
}

public sealed record PhysicalExam(DateOnly ExaminedOn, decimal SpleenCmBelowCostalMargin, bool DiseaseSignsOrSymptoms) : IClinicalEntry
{
    DateOnly IClinicalEntry.ClinicalDate => ExaminedOn;
}

public enum DoseAction { Started, Escalated, Reduced, Interrupted, Resumed }

/// <summary>A dose decision; DailyDoseMg is the dose in effect from EffectiveOn (0 while interrupted).</summary>
public sealed record DoseChange(DateOnly EffectiveOn, DoseAction Action, int DailyDoseMg, string Schedule, string? Reason) : IClinicalEntry
{
    DateOnly IClinicalEntry.ClinicalDate => EffectiveOn;
}

/// <summary>The reduction reason the paper counts apart from every other toxicity.</summary>
public static class DoseReductionReasons
{
    public const string Pancytopenia = "PANCYTOPENIA";
}

public sealed record ReportedToxicity(DateOnly OnsetOn, string Term, int Grade) : IClinicalEntry
{
    DateOnly IClinicalEntry.ClinicalDate => OnsetOn;
}

public enum CytogeneticCategory { Complete, Partial, Minor, Minimal, None }

public enum HematologicCategory { Complete, Partial, None }

/// <summary>What the site says the response is; compared with the derived one.</summary>
public sealed record ReportedResponse(DateOnly AssessedOn, CytogeneticCategory? Cytogenetic, HematologicCategory? Hematologic) : IClinicalEntry
{
    DateOnly IClinicalEntry.ClinicalDate => AssessedOn;
}

public enum DiseasePhase { Accelerated, Blastic }

public sealed record Transformation(DateOnly DiagnosedOn, DiseasePhase Phase) : IClinicalEntry
{
    DateOnly IClinicalEntry.ClinicalDate => DiagnosedOn;
}

public enum DiscontinuationReason
{
    HematologicResistance,
    CytogeneticResistance,
    TransformationToAcceleratedPhase,
    TransformationToBlasticPhase,
    Death,
    Toxicity,
    PatientDecision,
    Other,
}

public sealed record Discontinuation(DateOnly EffectiveOn, DiscontinuationReason Reason) : IClinicalEntry
{
    DateOnly IClinicalEntry.ClinicalDate => EffectiveOn;
}

public enum CauseOfDeath { Infection, CardiacFailure, BlasticPhase, Bleeding, Other }

public sealed record Death(DateOnly DiedOn, CauseOfDeath Cause) : IClinicalEntry
{
    DateOnly IClinicalEntry.ClinicalDate => DiedOn;
}

/// <summary>The patient was last known alive and followed on this date (censoring of follow-up).</summary>
public sealed record FollowUpContact(DateOnly ContactOn) : IClinicalEntry
{
    DateOnly IClinicalEntry.ClinicalDate => ContactOn;
}

/// <summary>
/// The trial's settings that the rules depend on. AlertGradeThreshold is the lowest CTCAE grade
/// (reported or lab-derived) that raises a safety alert.
/// </summary>
public sealed record ClinicalSettings(
    string CriteriaSet,
    decimal? FishBackgroundCutoffPercent,
    DateOnly? DataCutoffOn,
    int AlertGradeThreshold = ClinicalSettings.DefaultAlertGradeThreshold)
{
    public const int DefaultAlertGradeThreshold = 3;

    public const string Mdacc2003 = "MDACC-2003";
    public const string Eln2013 = "ELN-2013";
    public const string Eln2020 = "ELN-2020";

    public static readonly ClinicalSettings PaperDefaults = new(Mdacc2003, null, null);
}
