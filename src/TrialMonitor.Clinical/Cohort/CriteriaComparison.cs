using System.Globalization;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Cytogenetics;

namespace TrialMonitor.Clinical.Cohort;

/// <summary>The trial's patients evaluated under one criteria set (the trial's settings with that set).</summary>
public sealed record CriteriaSetCohort(ClinicalSettings Settings, IReadOnlyList<CohortPatient> Patients)
{
    public string CriteriaSet => Settings.CriteriaSet;
}

/// <summary>
/// One set's value of a compared field: a <see cref="CytogeneticCategory"/>, a list of
/// <see cref="EscalationIndication"/>s, a <see cref="Table2Row"/>, a date or a flag; null where the set
/// concludes nothing (a result it cannot evaluate, no indication, no row, no Table 3 line).
/// </summary>
public sealed record CriteriaSetValue(string CriteriaSet, object? Value);

/// <summary>A field of one patient on which the sets disagree, with each set's value in the order the sets were given.</summary>
public sealed record FieldDifference(string Field, IReadOnlyList<CriteriaSetValue> Values);

/// <summary>A patient on whom the sets disagree, with every field they disagree on.</summary>
public sealed record PatientDifferences(string SubjectId, IReadOnlyList<FieldDifference> Differences);

/// <summary>
/// The same patients under several criteria sets side by side (DOMAIN: "the same events can be
/// evaluated under another set"): the patients on whom the sets disagree about the category of a
/// cytogenetic result, the protocol status, the Table 2 row or the Table 3 line.
/// </summary>
public static class CriteriaComparison
{
    // What the cohort views conclude per patient, by the field name a reviewer reads.
    private static readonly (string Field, Func<PatientAssessment, object?> Value)[] AssessmentFields =
    [
        ("protocolStatus", a => a.ProtocolStatus.EscalationIndicated ? a.ProtocolStatus.Indications : null),
        ("protocolStatus.indicatedOn", a => a.ProtocolStatus.IndicatedOn),
        ("table2.row", a => a.Table2Row),
        ("table3.improvedCategory", a => a.Improvement?.ImprovedCategory),
        ("table3.byFish", a => a.Improvement?.ByFish),
        ("table3.start", a => a.Improvement?.StartOn),
        ("table3.end", a => a.Improvement?.EndOn),
        ("table3.censored", a => a.Improvement?.Censored),
    ];

    /// <param name="cohorts">
    /// The same patients in the same order under each set, at least two different sets.
    /// </param>
    /// <returns>The patients on whom the sets disagree, in subject id order.</returns>
    public static IReadOnlyList<PatientDifferences> Compare(IReadOnlyList<CriteriaSetCohort> cohorts)
    {
        ArgumentNullException.ThrowIfNull(cohorts);
        if (cohorts.Select(c => c.CriteriaSet).Distinct(StringComparer.Ordinal).Count() < 2)
            throw new ArgumentException("a comparison needs at least two different criteria sets", nameof(cohorts));
        var patients = cohorts[0].Patients;
        if (cohorts.Any(c => c.Patients.Count != patients.Count
                             || !c.Patients.Select(p => p.SubjectId).SequenceEqual(patients.Select(p => p.SubjectId), StringComparer.Ordinal)))
            throw new ArgumentException("every set must hold the same patients in the same order", nameof(cohorts));

        return
        [
            .. Enumerable.Range(0, patients.Count)
                .Select(i => new PatientDifferences(patients[i].SubjectId, Differences([.. cohorts.Select(c => (c.Settings, c.Patients[i]))])))
                .Where(p => p.Differences.Count > 0)
                .OrderBy(p => p.SubjectId, StringComparer.Ordinal),
        ];
    }

    private static List<FieldDifference> Differences(IReadOnlyList<(ClinicalSettings Settings, CohortPatient Patient)> underEachSet)
    {
        var fields = CytogeneticFields(underEachSet)
            .Concat(AssessmentFields.Select(f => (f.Field, Values: underEachSet.Select(s => f.Value(s.Patient.Assessment)).ToList())));
        return
        [
            .. fields
                .Where(f => f.Values.Skip(1).Any(v => !Same(v, f.Values[0])))
                .Select(f => new FieldDifference(f.Field, [.. underEachSet.Zip(f.Values, (s, v) => new CriteriaSetValue(s.Settings.CriteriaSet, v))])),
        ];
    }

    /// <summary>
    /// Each result read by the cohort views (none after the data cut-off) in its category under
    /// each set, in clinical order: "cytogenetic.2001-03-05" for a karyotype, "cytogenetic.2001-03-05.fish" for FISH.
    /// </summary>
    private static IEnumerable<(string Field, List<object?> Values)> CytogeneticFields(
        IReadOnlyList<(ClinicalSettings Settings, CohortPatient Patient)> underEachSet)
    {
        var (settings, patient) = underEachSet[0];
        var course = settings.DataCutoffOn is { } cutoff ? patient.Course.AsOf(cutoff) : patient.Course;
        return course.Cytogenetics
            .OrderBy(c => c.CollectedOn)
            .ThenBy(c => c.Method)
            .Select(result => (
                Field: $"cytogenetic.{result.CollectedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
                       + (result.Method == CytogeneticMethod.Fish ? ".fish" : ""),
                Values: underEachSet.Select(s => (object?)CytogeneticCriteria.Assess(result, s.Settings)?.Category).ToList()));
    }

    private static bool Same(object? a, object? b) => a is IEnumerable<EscalationIndication> x && b is IEnumerable<EscalationIndication> y
        ? x.SequenceEqual(y)
        : Equals(a, b);
}
