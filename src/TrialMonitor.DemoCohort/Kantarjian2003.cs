using TrialMonitor.Clinical.Course;

namespace TrialMonitor.DemoCohort;

/// <summary>
/// The demo cohort: the 54 patients of Kantarjian et al., Blood 2003;101:473 (imatinib dose
/// escalation after resistance or relapse on 400 mg), reconstructed from the paper's tables and
/// text as courses the rules evaluate to the paper's numbers. See README.md for the mapping of
/// patients to rows and where the paper contradicts itself.
/// </summary>
public static class Kantarjian2003
{
    /// <summary>The trial's settings: the paper's criteria, no FISH background cut-off, data cut-off 31 July 2002.</summary>
    public static ClinicalSettings Settings { get; } = new(ClinicalSettings.Mdacc2003, null, new DateOnly(2002, 7, 31));

    /// <summary>The 54 courses, patients 1-21 being Table 3's patients with its numbers (subject ids KAN-01 to KAN-54).</summary>
    public static IReadOnlyList<PatientCourse> Courses { get; } = Build();

    /// <summary>The subject id of a patient by number, e.g. 18 is Table 3's patient 18, "KAN-18".</summary>
    public static string SubjectId(int number) => CourseReconstruction.SubjectId(number);

    private static PatientCourse[] Build()
    {
        var baselines = PatientSpecs.Baselines.ToDictionary(b => b.No);
        return [.. PatientSpecs.Courses
            .OrderBy(c => c.No)
            .Select(c => CourseReconstruction.Build(baselines[c.No], c, Settings.DataCutoffOn!.Value))];
    }
}
