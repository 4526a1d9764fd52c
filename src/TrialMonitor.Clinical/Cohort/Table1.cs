using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Cohort;

/// <summary>
/// Table 1, characteristics of the study group. Labs, marrow and Ph+ are the values at the start
/// of imatinib: the latest result collected on or before the start of standard dose. A patient
/// without such a result is left out of that row's denominator, not counted as normal.
/// </summary>
public sealed record Table1(
    int Patients,
    MedianRange? AgeYears,
    PatientCount AgeAtLeast60,
    PatientCount Female,
    PatientCount Ecog0,
    PatientCount Ecog1,
    PatientCount Ecog2OrMore,
    PatientCount SplenomegalyAtLeast10Cm,
    PatientCount AnyHepatomegaly,
    MedianRange? MonthsFromDiagnosisToTherapy,
    PatientCount DiagnosisToTherapyUnder12Months,
    PatientCount DiagnosisToTherapy12To35Months,
    PatientCount DiagnosisToTherapy36MonthsOrLonger,
    PatientCount HemoglobinUnder12,
    PatientCount WbcAtLeast10,
    PatientCount PlateletsAtLeast450,
    PatientCount PeripheralBlastsPresent,
    PatientCount MarrowBlastsAtLeast5Percent,
    PatientCount PeripheralBasophilsAtLeast7Percent,
    PatientCount MarrowBasophilsAtLeast5Percent,
    PatientCount PhAtStart90OrLower,
    PatientCount PhAtStartAbove90,
    PatientCount ClonalEvolution,
    IReadOnlyDictionary<DiseaseGroup, PatientCount> DiseaseGroupAtStandardDose)
{
    // Kantarjian 2003, Table 1: the cut-offs of each row.
    private const int OlderAgeYears = 60;
    private const decimal LargeSpleenCm = 10m;
    private const decimal LowHemoglobin = 12m;
    private const decimal HighWbc = 10m;
    private const decimal HighPlatelets = 450m;
    private const decimal HighMarrowBlasts = 5m;
    private const decimal HighPeripheralBasophils = 7m;
    private const decimal HighMarrowBasophils = 5m;
    private const decimal PhCutoff = 90m;

    /// <summary>
    /// The rows in the order and wording the paper prints them; a first-line trial's newly diagnosed
    /// patients, whom the paper has none of, get a row after them.
    /// </summary>
    public IReadOnlyList<(string Characteristic, PatientCount Count)> Rows =>
    [
        ("Age, at least 60 y", AgeAtLeast60),
        ("Sex, female", Female),
        ("Performance status, ECOG 0", Ecog0),
        ("Performance status, ECOG 1", Ecog1),
        ("Splenomegaly, at least 10 cm bcm", SplenomegalyAtLeast10Cm),
        ("Any hepatomegaly", AnyHepatomegaly),
        ("Time from diagnosis to therapy, less than 12 months", DiagnosisToTherapyUnder12Months),
        ("Time from diagnosis to therapy, 12 to 35 months", DiagnosisToTherapy12To35Months),
        ("Time from diagnosis to therapy, 36 months or longer", DiagnosisToTherapy36MonthsOrLonger),
        ("Hemoglobin level, less than 12 g/dL", HemoglobinUnder12),
        ("WBC count, at least 10 x 10^9/L", WbcAtLeast10),
        ("Platelet count, at least 450 x 10^9/L", PlateletsAtLeast450),
        ("Peripheral blasts present", PeripheralBlastsPresent),
        ("Marrow blasts, at least 5%", MarrowBlastsAtLeast5Percent),
        ("Peripheral basophils, at least 7%", PeripheralBasophilsAtLeast7Percent),
        ("Marrow basophils, at least 5%", MarrowBasophilsAtLeast5Percent),
        ("Ph+ at start of therapy, 90% or lower", PhAtStart90OrLower),
        ("Ph+ at start of therapy, more than 90%", PhAtStartAbove90),
        ("Clonal evolution present", ClonalEvolution),
        ("Disease group at start of 400 mg, hematologic relapse", DiseaseGroupAtStandardDose[DiseaseGroup.HematologicRelapse]),
        ("Disease group at start of 400 mg, hematologic resistance", DiseaseGroupAtStandardDose[DiseaseGroup.HematologicResistance]),
        ("Disease group at start of 400 mg, cytogenetic relapse", DiseaseGroupAtStandardDose[DiseaseGroup.CytogeneticRelapse]),
        ("Disease group at start of 400 mg, cytogenetic resistance", DiseaseGroupAtStandardDose[DiseaseGroup.CytogeneticResistance]),
        ("Disease group at start of 400 mg, interferon intolerance", DiseaseGroupAtStandardDose[DiseaseGroup.InterferonIntolerance]),
        .. DiseaseGroupAtStandardDose[DiseaseGroup.NewlyDiagnosed] is { Count: > 0 } newlyDiagnosed
            ? [("Disease group at start of 400 mg, newly diagnosed", newlyDiagnosed)]
            : Array.Empty<(string, PatientCount)>(),
    ];

    internal static Table1 Compute(IReadOnlyList<CohortPatient> patients)
    {
        var atStart = patients.Select(p => new StartValues(p)).ToList();
        var baselines = atStart.Select(s => s.Baseline).ToList();
        var monthsToTherapy = atStart.Select(s => s.MonthsFromDiagnosisToTherapy).OfType<decimal>().ToList();

        PatientCount Of<T>(Func<StartValues, T?> value, Func<T, bool> counts)
            where T : struct
        {
            var known = atStart.Select(value).OfType<T>().ToList();
            return new PatientCount(known.Count(counts), known.Count);
        }

        PatientCount OfBaseline(Func<Baseline, bool> counts) => new(baselines.Count(counts), baselines.Count);

        return new Table1(
            patients.Count,
            MedianRange.Of(baselines.Select(b => (decimal)b.AgeAtEnrolment)),
            OfBaseline(b => b.AgeAtEnrolment >= OlderAgeYears),
            OfBaseline(b => b.Sex == Sex.Female),
            OfBaseline(b => b.Ecog == 0),
            OfBaseline(b => b.Ecog == 1),
            OfBaseline(b => b.Ecog >= 2),
            OfBaseline(b => b.SpleenCmBelowCostalMargin >= LargeSpleenCm),
            OfBaseline(b => b.Hepatomegaly),
            MedianRange.Of(monthsToTherapy),
            new PatientCount(monthsToTherapy.Count(m => m < 12m), monthsToTherapy.Count),
            new PatientCount(monthsToTherapy.Count(m => m is >= 12m and < 36m), monthsToTherapy.Count),
            new PatientCount(monthsToTherapy.Count(m => m >= 36m), monthsToTherapy.Count),
            Of(s => s.Counts?.Hemoglobin, v => v < LowHemoglobin),
            Of(s => s.Counts?.Wbc, v => v >= HighWbc),
            Of(s => s.Counts?.Platelets, v => v >= HighPlatelets),
            Of(s => s.Counts?.BlastsPercent, v => v > 0m),
            Of(s => s.Marrow?.BlastsPercent, v => v >= HighMarrowBlasts),
            Of(s => s.Counts?.BasophilsPercent, v => v >= HighPeripheralBasophils),
            Of(s => s.Marrow?.BasophilsPercent, v => v >= HighMarrowBasophils),
            Of(s => s.PhPositivePercent, v => v <= PhCutoff),
            Of(s => s.PhPositivePercent, v => v > PhCutoff),
            OfBaseline(b => b.ClonalEvolution),
            Enum.GetValues<DiseaseGroup>().ToDictionary(g => g, g => OfBaseline(b => b.DiseaseGroupAtStandardDose == g)));
    }

    /// <summary>A patient's values at the start of imatinib.</summary>
    private sealed class StartValues
    {
        public StartValues(CohortPatient patient)
        {
            var course = patient.Course;
            Baseline = course.Baseline;
            var start = patient.Assessment.StandardDoseStartedOn;
            if (start is not { } startedOn)
            {
                return;
            }

            MonthsFromDiagnosisToTherapy = ClinicalMonths.Between(Baseline.DiagnosedOn, startedOn);
            Counts = course.BloodCounts.Where(c => c.CollectedOn <= startedOn).MaxBy(c => c.CollectedOn);
            Marrow = course.Marrow.Where(m => m.CollectedOn <= startedOn).MaxBy(m => m.CollectedOn);
            PhPositivePercent = course.Cytogenetics
                .Where(c => c.CollectedOn <= startedOn)
                .OrderBy(c => c.CollectedOn)
                .ThenBy(c => c.Method == CytogeneticMethod.Karyotype)
                .LastOrDefault()?.PhPositivePercent;
        }

        public Baseline Baseline { get; }

        public decimal? MonthsFromDiagnosisToTherapy { get; }

        public BloodCount? Counts { get; }

        public MarrowAssessment? Marrow { get; }

        public decimal? PhPositivePercent { get; }
    }
}
