using TrialMonitor.Clinical.Course;
using TrialMonitor.DemoCohort.FirstLine;

namespace TrialMonitor.DemoCohort;

/// <summary>
/// The second demo trial: 300 patients on first-line imatinib 400 mg at 4 sites, monitored by BCR-ABL1
/// every 3 months and judged under ELN-2020, generated from a fixed seed (no clock, no culture, no
/// floating point), so every machine generates the same courses. See FirstLine/README.md.
/// </summary>
public static class FirstLineEln2020
{
    /// <summary>ELN-2020, no FISH background cut-off, data cut-off 31 December 2025 (the milestones do not move with today).</summary>
    public static ClinicalSettings Settings { get; } = new(ClinicalSettings.Eln2020, null, new DateOnly(2025, 12, 31));

    public static IReadOnlyList<string> Sites => FirstLineCohort.Sites;

    /// <summary>The courses in subject order, FL-001 (the first to start) to FL-300.</summary>
    public static IReadOnlyList<PatientCourse> Courses { get; } =
        [.. FirstLineCohort.Deal().Select(p => FirstLineCourse.Build(p, Settings.DataCutoffOn!.Value))];

    public static string SubjectId(int number) => $"FL-{number:000}";
}
