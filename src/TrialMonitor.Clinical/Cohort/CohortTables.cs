using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Molecular;

namespace TrialMonitor.Clinical.Cohort;

/// <summary>A patient whose investigator-reported response differs from the derived one.</summary>
public sealed record PatientDiscrepancy(string SubjectId, Discrepancy Discrepancy);

/// <summary>
/// Everything the paper reports about the cohort, computed from the patients' courses, and the cohort's
/// molecular response (beyond the paper).
/// </summary>
public sealed record CohortReport(
    DateOnly? AsOf,
    string CriteriaSet,
    Table1 Table1,
    Table2 Table2,
    IReadOnlyList<Table3Line> Table3,
    SurvivalCurve ImprovementDurationCurve,
    Disposition Disposition,
    DoseReductions DoseReductions,
    DoseAfterEscalation DoseAt3Months,
    DoseAfterEscalation DoseAt6Months,
    FollowUp FollowUp,
    MedianRange? MonthsOnStandardDose,
    IReadOnlyList<PatientDiscrepancy> Discrepancies,
    MolecularCohort Molecular);

/// <summary>
/// The cohort views (Kantarjian, Blood 2003, Tables 1-3 and the text) as a pure function of the
/// patients. Time comes from the data: with a data cut-off, nothing dated after it is read. The
/// molecular response is known on the data cut-off, else on <c>today</c>, which it alone reads.
/// </summary>
public static class CohortTables
{
    public static CohortReport Compute(IReadOnlyList<CohortPatient> patients, ClinicalSettings settings, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(patients);
        ArgumentNullException.ThrowIfNull(settings);

        var asOf = new Dictionary<CohortPatient, PatientCourse>(ReferenceEqualityComparer.Instance);
        foreach (var patient in patients)
        {
            asOf[patient] = settings.DataCutoffOn is { } cutoff ? patient.Course.AsOf(cutoff) : patient.Course;
        }

        PatientCourse CourseOf(CohortPatient p) => asOf[p];

        var table3 = Table3Line.Compute(patients);
        return new CohortReport(
            settings.DataCutoffOn,
            settings.CriteriaSet,
            Table1.Compute(patients),
            Table2.Compute(patients),
            table3,
            ImprovementDuration.Curve(table3),
            Disposition.Compute([.. patients.Select(CourseOf)]),
            DoseReductions.Compute(patients, CourseOf),
            DoseAfterEscalation.Compute(3, patients, CourseOf),
            DoseAfterEscalation.Compute(6, patients, CourseOf),
            FollowUp.Compute(patients, CourseOf),
            MedianRange.Of(patients.Select(Table2.MonthsOnStandardDose).OfType<decimal>()),
            [.. patients
                .SelectMany(p => p.Assessment.Discrepancies.Select(d => new PatientDiscrepancy(p.SubjectId, d)))
                .OrderBy(d => d.SubjectId, StringComparer.Ordinal)
                .ThenBy(d => d.Discrepancy.AssessedOn)],
            MolecularCohort.Compute(
                [.. patients.Select(p => new SubjectMolecularResponse(p.SubjectId, MolecularEvaluation.Evaluate(p.Course, settings, today)))],
                MolecularEvaluation.KnownOn(settings, today)));
    }

    /// <summary>Evaluates every course under the trial's settings, then computes the views.</summary>
    public static CohortReport Compute(IEnumerable<PatientCourse> courses, ClinicalSettings settings, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(courses);
        return Compute([.. courses.Select(c => CohortPatient.Evaluate(c, settings))], settings, today);
    }
}
