using TrialMonitor.Clinical.Course;

namespace TrialMonitor.DemoCohort;

/// <summary>
/// Table 1 values of one patient: enrolment and the values at the start of imatinib
/// (blood counts, marrow, Ph+ % by karyotype).
/// </summary>
internal sealed record BaselineSpec(
    int No,
    int Age,
    Sex Sex,
    int Ecog,
    decimal SpleenCm,
    bool Hepatomegaly,
    bool ClonalEvolution,
    DiseaseGroup Group,
    int MonthsFromDiagnosis,
    decimal Hemoglobin,
    decimal Wbc,
    int Platelets,
    int BlastsPercent,
    int BasophilsPercent,
    int MarrowBlastsPercent,
    int MarrowBasophilsPercent,
    int PhPercent);

/// <summary>
/// The course of one patient around the escalation, in months (of 30.4375 days): time on
/// standard dose, Ph+ % on it ("lowest/pre-increase"), the results after escalation
/// ("month:ph", F = FISH; null = a karyotype every 3 months at the pre-increase value), the best
/// hematologic response after escalation, follow-up from escalation to the last contact or
/// death, and what happened.
/// </summary>
internal sealed record CourseSpec(
    int No,
    Table2Row Row,
    decimal MonthsOnStandardDose,
    string Ph,
    string? After,
    HematologicCategory Hematologic,
    decimal FollowUp,
    int EscalatedToMg = 800,
    CytogeneticCategory? Reported = null,
    string? Reduced = null,
    DiscontinuationReason? OffFor = null,
    decimal OffAt = 0m,
    CauseOfDeath? Died = null);

/// <summary>
/// The 54 patients as the paper describes them. Patients 1-21 are Table 3's, with its numbers;
/// 22-54 are the patients without a cytogenetic improvement, numbered by Table 2 row.
/// </summary>
internal static class PatientSpecs
{
    private const Sex F = Sex.Female;
    private const Sex M = Sex.Male;
    private const DiseaseGroup HemRelapse = DiseaseGroup.HematologicRelapse;
    private const DiseaseGroup HemResist = DiseaseGroup.HematologicResistance;
    private const DiseaseGroup CgRelapse = DiseaseGroup.CytogeneticRelapse;
    private const DiseaseGroup CgResist = DiseaseGroup.CytogeneticResistance;
    private const DiseaseGroup IfnIntolerant = DiseaseGroup.InterferonIntolerance;

    // Table 1. Allocated so that every row's count, the median age 58 (24-77) and the median
    // 32 (5-131) months from diagnosis come out as printed; a seeded shuffle, written out once.
    //   No, age, sex, ECOG, spleen cm, hepatomegaly, clonal evolution, disease group at 400 mg,
    //   months from diagnosis, Hb g/dL, WBC, platelets, blasts %, basophils %, marrow blasts %,
    //   marrow basophils %, Ph+ % at start.
    public static readonly BaselineSpec[] Baselines =
    [
        new( 1, 74, M, 0,  2, false, false, IfnIntolerant, 112, 11.4m, 12.4m, 265, 0,  3, 1, 6,  85),
        new( 2, 40, M, 0,  0, false, false, IfnIntolerant,  22, 13.5m,  9.1m, 310, 0,  4, 4, 4,  95),
        new( 3, 51, F, 0,  0, false, false, HemResist,      32, 12.3m,  8.3m, 384, 0,  4, 1, 3, 100),
        new( 4, 45, M, 0,  2, false,  true, IfnIntolerant, 120, 14.1m, 56.3m, 780, 0,  8, 1, 1, 100),
        new( 5, 48, F, 0,  2, false, false, CgResist,       23, 12.9m, 42.7m, 265, 0,  1, 3, 5,  95),
        new( 6, 75, F, 0,  4, false, false, IfnIntolerant,  19, 12.3m, 42.7m, 468, 1,  5, 3, 2, 100),
        new( 7, 71, F, 1,  2, false, false, IfnIntolerant,  10, 12.3m, 31.0m, 310, 0, 10, 3, 2, 100),
        new( 8, 36, M, 0,  2, false, false, CgResist,       24, 12.3m, 42.7m, 780, 0,  2, 3, 2, 100),
        new( 9, 58, F, 0,  0, false, false, HemResist,      25, 14.1m,  8.3m, 384, 0,  1, 4, 3,  95),
        new(10, 59, M, 1,  6, false,  true, HemResist,      17, 12.3m, 12.4m, 655, 4,  3, 1, 1, 100),
        new(11, 65, M, 0,  0, false, false, CgResist,       64, 10.2m,  6.1m, 182, 0,  1, 2, 1, 100),
        new(12, 60, F, 1,  0, false, false, CgResist,       35, 12.9m, 42.7m, 384, 0,  1, 1, 4, 100),
        new(13, 58, F, 1,  0, false, false, CgResist,       31, 10.2m,  7.4m, 384, 0,  3, 1, 4,  80),
        new(14, 77, F, 0,  0, false,  true, CgResist,       55, 11.4m,  5.2m, 182, 0,  1, 3, 3, 100),
        new(15, 63, F, 1,  0, false, false, CgResist,       76, 11.8m,  7.4m, 384, 0,  1, 1, 4, 100),
        new(16, 62, M, 0,  6,  true, false, IfnIntolerant,  46, 10.2m, 31.0m, 512, 0,  3, 2, 2, 100),
        new(17, 61, M, 0,  4, false, false, CgResist,       32, 10.2m, 12.4m, 384, 0,  5, 2, 1,  95),
        new(18, 24, M, 1,  2, false, false, IfnIntolerant,  31, 11.4m, 12.4m, 421, 0,  3, 3, 1, 100),
        new(19, 53, M, 1,  0, false,  true, CgResist,       40, 12.9m,  6.1m, 226, 0,  4, 4, 2, 100),
        new(20, 64, M, 0,  0, false, false, CgResist,      131, 12.3m,  7.4m, 265, 0,  4, 3, 4, 100),
        new(21, 58, M, 0,  0, false, false, CgResist,       29, 11.4m, 12.4m, 468, 2,  2, 1, 7, 100),
        new(22, 56, F, 0,  2, false, false, CgResist,        5, 13.5m, 31.0m, 310, 3,  8, 1, 9, 100),
        new(23, 33, M, 0,  0, false, false, HemResist,      28, 12.3m,  6.1m, 265, 0,  1, 2, 1, 100),
        new(24, 52, M, 0,  0, false, false, HemResist,      50, 14.1m,  6.1m, 310, 0,  5, 3, 3, 100),
        new(25, 49, M, 0,  0, false, false, CgResist,       27, 10.9m,  8.3m, 421, 0,  2, 2, 1, 100),
        new(26, 44, M, 0,  0, false, false, CgResist,       68, 10.9m, 42.7m, 780, 0,  7, 1, 3, 100),
        new(27, 64, M, 0,  0, false, false, CgResist,       20, 10.2m,  6.1m, 265, 0,  1, 4, 1, 100),
        new(28, 66, F, 1,  0, false, false, CgResist,       96, 13.5m,  7.4m, 226, 0,  5, 1, 2, 100),
        new(29, 73, M, 0,  0, false, false, CgResist,       18, 13.5m,  7.4m, 226, 0,  2, 1, 4, 100),
        new(30, 55, M, 1,  0, false, false, IfnIntolerant,  21, 10.9m, 31.0m, 512, 2, 12, 2, 1,  95),
        new(31, 47, F, 1,  0, false, false, IfnIntolerant,  30, 12.3m,  5.2m, 384, 0,  1, 1, 4,  95),
        new(32, 29, M, 0,  2, false,  true, CgRelapse,      42, 10.9m, 56.3m, 310, 0,  5, 2, 2, 100),
        new(33, 66, F, 1,  0, false, false, HemResist,      80, 13.5m,  5.2m, 421, 0,  4, 3, 4, 100),
        new(34, 56, F, 0,  0, false,  true, CgResist,        7, 13.5m, 56.3m, 310, 1,  1, 5, 7, 100),
        new(35, 59, M, 0,  2, false, false, CgResist,       85, 12.9m, 31.0m, 182, 2,  8, 6, 2, 100),
        new(36, 76, M, 1,  0, false,  true, CgResist,       52, 13.5m,  8.3m, 384, 0,  3, 1, 3,  95),
        new(37, 60, M, 0,  0, false,  true, HemRelapse,     12, 13.5m, 31.0m, 265, 3,  8, 5, 3,  95),
        new(38, 68, M, 0,  6, false, false, IfnIntolerant, 104, 12.3m, 15.8m, 780, 4, 10, 3, 9, 100),
        new(39, 57, F, 0,  4, false, false, HemRelapse,     30, 12.3m, 31.0m, 655, 0,  5, 1, 3, 100),
        new(40, 70, F, 1,  6, false, false, HemResist,      36, 13.5m, 56.3m, 512, 3,  2, 8, 7, 100),
        new(41, 38, M, 0,  6, false,  true, IfnIntolerant,  15, 12.3m, 15.8m, 590, 4, 12, 2, 3, 100),
        new(42, 72, F, 1,  0, false, false, IfnIntolerant,  14, 11.8m, 56.3m, 780, 0,  4, 3, 3, 100),
        new(43, 55, M, 1,  2, false, false, IfnIntolerant,  44, 14.1m, 15.8m, 182, 4,  3, 1, 4, 100),
        new(44, 46, M, 1,  2, false, false, IfnIntolerant,  58, 12.3m, 42.7m, 421, 4,  4, 5, 5, 100),
        new(45, 41, M, 1,  6, false,  true, HemResist,      32, 10.9m, 15.8m, 655, 1,  8, 4, 1, 100),
        new(46, 57, M, 0, 14,  true,  true, HemResist,      38, 11.4m, 56.3m, 468, 3, 12, 6, 3,  95),
        new(47, 67, F, 1,  2, false,  true, HemRelapse,     48, 11.4m, 31.0m, 590, 0,  3, 4, 5, 100),
        new(48, 54, F, 0,  4, false, false, HemRelapse,      8, 10.2m, 12.4m, 468, 4,  5, 8, 9, 100),
        new(49, 53, F, 0, 12, false,  true, HemResist,      11, 10.2m, 31.0m, 590, 2,  4, 3, 3, 100),
        new(50, 50, F, 0, 14, false, false, IfnIntolerant,  90, 12.9m, 12.4m, 384, 3, 10, 1, 2, 100),
        new(51, 68, M, 0,  6, false, false, HemResist,      72, 12.9m, 18.2m, 512, 0,  3, 2, 6, 100),
        new(52, 62, F, 0, 10, false, false, HemRelapse,     33, 11.8m, 15.8m, 384, 4,  1, 5, 2, 100),
        new(53, 69, F, 1,  0, false, false, IfnIntolerant,  26, 11.4m, 12.4m, 384, 0,  1, 1, 6, 100),
        new(54, 43, M, 0,  4, false, false, IfnIntolerant,  60, 10.9m, 42.7m, 655, 3, 10, 4, 5, 100),
    ];

    private const Table2Row LossToAbove90 = Table2Row.LossOfCytogeneticCompleteOrPartialToAbove90;
    private const Table2Row LossTo35To90 = Table2Row.LossOfCytogeneticCompleteOrPartialTo35To90;
    private const Table2Row LossOfMinor = Table2Row.LossOfMinorTo100;
    private const Table2Row ResistAbove90 = Table2Row.CytogeneticResistanceAbove90;
    private const Table2Row Resist35To90 = Table2Row.CytogeneticResistance35To90;
    private const Table2Row HemRelapseRow = Table2Row.HematologicRelapse;
    private const Table2Row HemResistRow = Table2Row.HematologicResistance;
    private const HematologicCategory Chr = HematologicCategory.Complete;
    private const HematologicCategory Phr = HematologicCategory.Partial;
    private const HematologicCategory NoHr = HematologicCategory.None;
    private const CytogeneticCategory CR = CytogeneticCategory.Complete;
    private const CytogeneticCategory PR = CytogeneticCategory.Partial;
    private const CytogeneticCategory Minor = CytogeneticCategory.Minor;
    private const DiscontinuationReason HemResistance = DiscontinuationReason.HematologicResistance;
    private const DiscontinuationReason CgResistance = DiscontinuationReason.CytogeneticResistance;
    private const DiscontinuationReason Accelerated = DiscontinuationReason.TransformationToAcceleratedPhase;
    private const DiscontinuationReason Blastic = DiscontinuationReason.TransformationToBlasticPhase;
    private const DiscontinuationReason SuddenDeath = DiscontinuationReason.Death;

    // Tables 2 and 3 and the text. Reported is the response the paper prints (Table 3), which
    // the investigator reports on the date of the lowest Ph+ after the increase. Reduced is
    // "month:mg:REASON" after escalation. Deaths happen at the end of follow-up.
    public static readonly CourseSpec[] Courses =
    [
        // Table 3, karyotype: complete
        new(1, Resist35To90, 19.1m, "50/55", "2:20 3.5:0 6.5:0 10:0", Chr, 10.5m, 600, CR),
        new(2, LossTo35To90, 16.5m, "5/70", "3:0 6:0 9.5:0", Chr, 10m, Reported: CR, Reduced: "1.2:600:PANCYTOPENIA"),
        new(3, LossOfMinor, 17.8m, "40/100", "3:10 4:0 7:0 9.5:0", Chr, 10m, Reported: CR, Reduced: "2:600:PANCYTOPENIA"),
        new(4, LossTo35To90, 22.5m, "20/40", "3:0 5.5:0", Chr, 6.5m, Reported: CR),
        new(5, LossTo35To90, 27.5m, "0/55", "1:0 2.5:0", Chr, 2.7m, Reported: CR),
        // Table 3, karyotype: partial (11 and 13 are minor by the paper's own bands)
        new(6, HemResistRow, 3.5m, "100/100", "3:30 6:10 9:15 12:20 15:20 18:25 20.5:60 23.5:70", Chr, 26.5m, Reported: PR, Reduced: "1.5:600:PANCYTOPENIA"),
        new(7, LossTo35To90, 12.5m, "0/55", "2:30 5:10 8:15 11:20 14:25 17.5:50", Chr, 18.5m, Reported: PR, Reduced: "2.5:400:PANCYTOPENIA"),
        new(8, Resist35To90, 12.5m, "50/85", "2:15 3.5:15", Chr, 4m, Reported: PR),
        new(9, LossTo35To90, 21.2m, "5/45", "3:20 6.5:25", Chr, 7m, Reported: PR, Reduced: "3.5:600:PANCYTOPENIA"),
        new(10, Resist35To90, 25.5m, "90/90", "1:25 2.5:30", Chr, 2.8m, Reported: PR),
        new(11, Resist35To90, 20.1m, "90/90", "3:40 6:45 9.5:40", Chr, 10m, Reported: PR, Reduced: "6.8:600:FATIGUE"),
        // Table 3, karyotype: minor
        new(12, LossOfMinor, 18.4m, "66/100", "3:100 5:40 6.5:45", Chr, 8m, Reported: Minor),
        new(13, Resist35To90, 16.1m, "75/75", "3:42 6:50 8.5:45", Chr, 8.6m, Reported: PR, Reduced: "2.3:600:GASTROINTESTINAL"),
        new(14, ResistAbove90, 12.3m, "100/100", "3:45 6:50 9:60 12:70 14.5:95", Chr, 16m, Reported: Minor, Reduced: "2:600:PANCYTOPENIA", OffFor: CgResistance, OffAt: 14.5m),
        new(15, ResistAbove90, 18.5m, "100/100", "3:100 6:45 7.5:60", Chr, 8m, Reported: Minor),
        new(16, HemRelapseRow, 12.2m, "100/100", "3:100 5.5:50 7:55", Chr, 8m, Reported: Minor),
        new(17, LossToAbove90, 26.5m, "0/95", "1:70 3.5:95", Chr, 4.5m, Reported: Minor, OffFor: CgResistance, OffAt: 3.5m),
        // Table 3, FISH
        new(18, LossOfMinor, 15.5m, "45/100", "2:40F 4:3F 7:5F 10:5F 13:8F 15.5:8F", Chr, 15.8m, Reported: CR, Reduced: "1.8:600:PANCYTOPENIA"),
        new(19, ResistAbove90, 13.6m, "100/100", "3:60F 6:27F 7.5:30F", Chr, 8m, Reported: PR, Reduced: "6.5:600:SKIN RASH"),
        new(20, LossOfMinor, 25.5m, "85/100", "1.5:34F 3:34F", Chr, 4m, Reported: Minor),
        new(21, ResistAbove90, 12.5m, "100/100", "3:55F 6:60F 9:60F 12:60F 14.5:58F", Chr, 15m, Reported: Minor, Reduced: "4:600:PANCYTOPENIA"),
        // Loss of CG CR or PR (lost PR), no improvement
        new(22, LossToAbove90, 14.5m, "10/100", null, Chr, 8.6m, 600),
        new(23, LossToAbove90, 19.5m, "30/100", null, Chr, 11m, Reduced: "7:600:BONE ACHES"),
        new(24, LossTo35To90, 20.8m, "15/80", null, Chr, 10m, Reduced: "7.5:400:PANCYTOPENIA"),
        // CG resistance, no improvement
        new(25, ResistAbove90, 17.4m, "100/100", null, Chr, 7m, 600),
        new(26, ResistAbove90, 17.2m, "100/100", null, Chr, 8.6m, Reduced: "8:600:EDEMA"),
        new(27, ResistAbove90, 12.2m, "100/100", null, Chr, 13m, Reduced: "8:600:PANCYTOPENIA"),
        new(28, ResistAbove90, 12.6m, "100/100", null, Chr, 18m, Reduced: "1.3:600:PANCYTOPENIA"),
        new(29, ResistAbove90, 12.9m, "100/100", null, Chr, 10m, OffFor: Accelerated, OffAt: 8m, Died: CauseOfDeath.BlasticPhase),
        new(30, ResistAbove90, 12.1m, "100/100", null, Chr, 9.7m, OffFor: Blastic, OffAt: 9m, Died: CauseOfDeath.BlasticPhase),
        new(31, ResistAbove90, 23.5m, "100/100", null, Chr, 1.5m, OffFor: SuddenDeath, OffAt: 1.5m, Died: CauseOfDeath.Other),
        new(32, ResistAbove90, 20.1m, "100/100", null, Chr, 8.5m, 600),
        new(33, ResistAbove90, 12.4m, "100/100", null, Chr, 11m, Reduced: "1.7:600:DIZZINESS"),
        new(34, ResistAbove90, 12.8m, "100/100", null, Chr, 17m, Reduced: "10:600:PANCYTOPENIA"),
        new(35, Resist35To90, 17.5m, "60/70", null, Chr, 7.5m),
        new(36, Resist35To90, 13.2m, "50/65", null, Chr, 14m, Reduced: "9:600:FATIGUE"),
        // Hematologic relapse: 6 CHR (with 16), 4 PHR, 4 without response
        new(37, HemRelapseRow, 12.6m, "100/100", null, Chr, 8.6m, 600),
        new(38, HemRelapseRow, 8.1m, "100/100", null, Chr, 12m, Reduced: "10:600:GASTROINTESTINAL"),
        new(39, HemRelapseRow, 10.1m, "100/100", null, Chr, 18m, Reduced: "2.6:600:PANCYTOPENIA"),
        new(40, HemRelapseRow, 4.5m, "100/100", null, Chr, 24m, Reduced: "12:600:SKIN RASH"),
        new(41, HemRelapseRow, 13.5m, "100/100", null, Chr, 8.8m, OffFor: Blastic, OffAt: 8m, Died: CauseOfDeath.BlasticPhase),
        new(42, HemRelapseRow, 11.1m, "100/100", null, Phr, 10m, 600),
        new(43, HemRelapseRow, 13.3m, "100/100", null, Phr, 8.6m, OffFor: Accelerated, OffAt: 7m, Died: CauseOfDeath.BlasticPhase),
        new(44, HemRelapseRow, 17.1m, "100/100", null, Phr, 7.5m, OffFor: Accelerated, OffAt: 6.8m, Died: CauseOfDeath.Bleeding),
        new(45, HemRelapseRow, 9.1m, "100/100", null, Phr, 12m, OffFor: HemResistance, OffAt: 7m),
        new(46, HemRelapseRow, 22.5m, "100/100", null, NoHr, 4m, OffFor: HemResistance, OffAt: 2.5m, Died: CauseOfDeath.Infection),
        new(47, HemRelapseRow, 12.4m, "100/100", null, NoHr, 5m, OffFor: HemResistance, OffAt: 2.5m, Died: CauseOfDeath.Infection),
        new(48, HemRelapseRow, 19.1m, "100/100", null, NoHr, 8m, OffFor: HemResistance, OffAt: 4.5m),
        new(49, HemRelapseRow, 7.1m, "100/100", null, NoHr, 6.5m, OffFor: HemResistance, OffAt: 5m),
        // Hematologic resistance: 3 CHR (with 6), 3 without response
        new(50, HemResistRow, 5.2m, "100/100", null, Chr, 20m, 600),
        new(51, HemResistRow, 9.5m, "100/100", null, Chr, 15m),
        new(52, HemResistRow, 2.5m, "100/100", null, NoHr, 3m, OffFor: HemResistance, OffAt: 2m, Died: CauseOfDeath.CardiacFailure),
        new(53, HemResistRow, 4.8m, "100/100", null, NoHr, 6.3m, OffFor: HemResistance, OffAt: 2.2m, Died: CauseOfDeath.CardiacFailure),
        new(54, HemResistRow, 14.5m, "100/100", null, NoHr, 6.5m, OffFor: HemResistance, OffAt: 5m, Died: CauseOfDeath.Other),
    ];
}
