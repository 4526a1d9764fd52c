using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Tests.Course;

/// <summary>Builds a PatientCourse the way a coordinator would record it, dated in months of standard dose.</summary>
internal sealed class CourseBuilder
{
    public static readonly DateOnly StandardDoseStart = new(2000, 6, 1);

    private readonly List<BloodCount> _counts = [];
    private readonly List<CytogeneticAssessment> _cytogenetics = [];
    private readonly List<PhysicalExam> _exams = [];
    private readonly List<DoseChange> _doses = [];
    private readonly List<ReportedResponse> _reported = [];
    private readonly List<IClinicalEntry> _outcomes = [];

    public static DateOnly Month(double months) =>
        StandardDoseStart.AddMonths((int)months).AddDays((int)Math.Round((months - Math.Floor(months)) * 30));

    /// <summary>Standard dose of 400 mg from month 0 with a normal exam at start.</summary>
    public static CourseBuilder OnStandardDose(int dailyDoseMg = 400) =>
        new CourseBuilder().Dose(0, DoseAction.Started, dailyDoseMg);

    public CourseBuilder Dose(double month, DoseAction action, int dailyDoseMg, string? reason = null)
    {
        _doses.Add(new DoseChange(Month(month), action, dailyDoseMg, "daily", reason));
        return this;
    }

    public CourseBuilder Escalate(double month, int dailyDoseMg = 800) => Dose(month, DoseAction.Escalated, dailyDoseMg);

    public CourseBuilder Karyotype(double month, decimal phPositive, int metaphases = 20)
    {
        _cytogenetics.Add(new CytogeneticAssessment(Month(month), phPositive, CytogeneticMethod.Karyotype, metaphases, false));
        return this;
    }

    public CourseBuilder Fish(double month, decimal phPositive)
    {
        _cytogenetics.Add(new CytogeneticAssessment(Month(month), phPositive, CytogeneticMethod.Fish, 200, false));
        return this;
    }

    /// <summary>A blood count and the exam of the same visit.</summary>
    public CourseBuilder Visit(double month, decimal wbc = 6m, decimal platelets = 250m, decimal blasts = 0m, decimal spleenCm = 0m, bool signs = false)
    {
        Count(month, wbc, platelets, blasts);
        _exams.Add(new PhysicalExam(Month(month), spleenCm, signs));
        return this;
    }

    public CourseBuilder InChr(params double[] months)
    {
        foreach (var month in months)
        {
            Visit(month);
        }

        return this;
    }

    public CourseBuilder NotInChr(params double[] months)
    {
        foreach (var month in months)
        {
            Visit(month, wbc: 25m);
        }

        return this;
    }

    public CourseBuilder Count(double month, decimal wbc, decimal platelets, decimal blasts = 0m, decimal? hemoglobin = 13m, decimal? neutrophils = 3m)
    {
        _counts.Add(new BloodCount(Month(month), wbc, neutrophils, platelets, hemoglobin, blasts, 1m, 0m,
            new LowerLimitsOfNormal(4m, 1.8m, 140m, 12m)));
        return this;
    }

    public CourseBuilder Exam(double month, decimal spleenCm = 0m, bool signs = false)
    {
        _exams.Add(new PhysicalExam(Month(month), spleenCm, signs));
        return this;
    }

    public CourseBuilder Reported(double month, CytogeneticCategory? cytogenetic, HematologicCategory? hematologic = null)
    {
        _reported.Add(new ReportedResponse(Month(month), cytogenetic, hematologic));
        return this;
    }

    public CourseBuilder Discontinued(double month, DiscontinuationReason reason)
    {
        _outcomes.Add(new Discontinuation(Month(month), reason));
        return this;
    }

    public CourseBuilder Transformed(double month, DiseasePhase phase)
    {
        _outcomes.Add(new Transformation(Month(month), phase));
        return this;
    }

    public CourseBuilder Died(double month, CauseOfDeath cause)
    {
        _outcomes.Add(new Death(Month(month), cause));
        return this;
    }

    public PatientCourse Build() => PatientCourse.From(
        new Baseline("P-001", "MDACC", 58, Sex.Female, new DateOnly(1998, 1, 1), 0, 0m, false, false, DiseaseGroup.CytogeneticResistance),
        [.. _counts, .. _cytogenetics, .. _exams, .. _doses, .. _reported, .. _outcomes]);

    public PatientAssessment Evaluate(ClinicalSettings? settings = null) =>
        PatientEvaluation.Evaluate(Build(), settings ?? ClinicalSettings.PaperDefaults);
}
