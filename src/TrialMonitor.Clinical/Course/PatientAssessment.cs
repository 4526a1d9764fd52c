namespace TrialMonitor.Clinical.Course;

// What the rules conclude about one patient from a PatientCourse under ClinicalSettings.
// Every field is derived; nothing here is ever stored in an event.

/// <summary>A cytogenetic result placed in its category; ByFish marks the paper's "*".</summary>
public sealed record CytogeneticResponse(DateOnly AssessedOn, decimal PhPositivePercent, CytogeneticCategory Category, bool ByFish);

/// <summary>The 4 protocol circumstances on standard dose that indicate escalation.</summary>
public enum EscalationIndication
{
    HematologicResistance,
    CytogeneticResistance,
    HematologicRelapse,
    CytogeneticRelapse,
}

/// <summary>Protocol status on standard dose as of the last observation (or as of escalation once escalated).</summary>
public sealed record ProtocolStatus(IReadOnlyList<EscalationIndication> Indications, DateOnly? IndicatedOn)
{
    public bool EscalationIndicated => Indications.Count > 0;
}

/// <summary>The paper's Table 2 rows, fixed at the escalation date.</summary>
public enum Table2Row
{
    LossOfCytogeneticCompleteOrPartialToAbove90,
    LossOfCytogeneticCompleteOrPartialTo35To90,
    LossOfMinorTo100,
    CytogeneticResistanceAbove90,
    CytogeneticResistance35To90,
    HematologicRelapse,
    HematologicResistance,
}

/// <summary>
/// Improvement after escalation (Table 3): start, end or censoring, and duration in days and
/// whole months (days / 30.4375, rounded down). Censored means still ongoing ("+", ADaM CNSR = 1).
/// </summary>
public sealed record ImprovementEpisode(
    CytogeneticResponse PreIncrease,
    CytogeneticResponse? LowestOnStandardDose,
    CytogeneticResponse LowestAfterIncrease,
    CytogeneticCategory ImprovedCategory,
    bool ByFish,
    DateOnly StartOn,
    DateOnly EndOn,
    bool Censored,
    int DurationDays)
{
    public int DurationMonths => (int)Math.Floor(DurationDays / 30.4375m);

    /// <summary>As the paper prints it, e.g. "PR/6+".</summary>
    public string Display => $"{Abbreviation(ImprovedCategory)}/{DurationMonths}{(Censored ? "+" : "")}";

    private static string Abbreviation(CytogeneticCategory category) => category switch
    {
        CytogeneticCategory.Complete => "CR",
        CytogeneticCategory.Partial => "PR",
        CytogeneticCategory.Minor => "Minor",
        CytogeneticCategory.Minimal => "Minimal",
        _ => "None",
    };
}

/// <summary>A CTCAE v5 grade derived from a blood count value.</summary>
public sealed record LabToxicityGrade(DateOnly CollectedOn, string Term, int Grade);

public enum DiscrepancyKind { CytogeneticResponse, HematologicResponse }

/// <summary>The site reported one response, the rules derive another.</summary>
public sealed record Discrepancy(DateOnly AssessedOn, DiscrepancyKind Kind, string Reported, string Derived);

public sealed record PatientAssessment(
    int? CurrentDailyDoseMg,
    DateOnly? StandardDoseStartedOn,
    DateOnly? EscalatedOn,
    BloodCount? LatestCounts,
    CytogeneticResponse? LatestCytogenetic,
    HematologicCategory? LatestHematologic,
    ProtocolStatus ProtocolStatus,
    Table2Row? Table2Row,
    HematologicCategory? BestHematologicAfterEscalation,
    ImprovementEpisode? Improvement,
    IReadOnlyList<LabToxicityGrade> LabToxicityGrades,
    IReadOnlyList<Discrepancy> Discrepancies);
