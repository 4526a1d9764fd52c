namespace TrialMonitor.Clinical.Alerts;

/// <summary>What a safety monitor is alerted to (DOMAIN: Alerts).</summary>
public enum AlertKind
{
    ReportedToxicity,
    LabToxicity,
    DoseReduced,
    DoseInterrupted,
    TherapyDiscontinued,
    Transformation,
    Death,
    HematologicRelapse,
    CytogeneticRelapse,
    LossOfImprovedResponse,
    MolecularMilestoneFailure,
    LossOfMajorMolecularResponse,
}

/// <summary>
/// One alert a clinical fact raises: its kind, the clinical date it refers to, the CTCAE term and
/// grade for toxicities (the milestone for a molecular milestone failure), and how a monitor would say it.
/// </summary>
public sealed record SafetySignal(AlertKind Kind, DateOnly ClinicalOn, string Description, string? Term = null, int? Grade = null);
