using System.Globalization;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Cohort;

/// <summary>
/// One line of Table 3, a patient whose cytogenetic response improved after escalation.
/// HematologicFailure is the paper's dagger: escalated for hematologic relapse or resistance.
/// </summary>
public sealed record Table3Line(string SubjectId, Table2Row? Row, ImprovementEpisode Episode)
{
    public bool HematologicFailure => Row is Table2Row.HematologicRelapse or Table2Row.HematologicResistance;

    /// <summary>"Ph+ % on conventional imatinib, lowest/preincrease", e.g. "50/55" or "100/100†".</summary>
    public string ConventionalDisplay =>
        $"{Percent(Episode.LowestOnStandardDose?.PhPositivePercent ?? Episode.PreIncrease.PhPositivePercent)}/{Percent(Episode.PreIncrease.PhPositivePercent)}"
        + (HematologicFailure ? "†" : "");

    /// <summary>"Lowest Ph+ % after dose increase", e.g. "0" or "3 (FISH)".</summary>
    public string LowestAfterIncreaseDisplay =>
        Percent(Episode.LowestAfterIncrease.PhPositivePercent) + (Episode.LowestAfterIncrease.ByFish ? " (FISH)" : "");

    /// <summary>"Improved cytogenetic response, type and duration/mo", e.g. "CR/6+".</summary>
    public string ResponseDisplay => Episode.Display;

    private static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// The paper's order, read off its Table 3: karyotype before FISH; then complete, partial,
    /// minor; then the lowest Ph+ after the increase, lowest first; then the longer duration
    /// first; then subject id, so that the order never depends on input order.
    /// </summary>
    internal static IReadOnlyList<Table3Line> Compute(IReadOnlyList<CohortPatient> patients) =>
    [
        .. patients
            .Where(p => p.Assessment.Improvement is not null)
            .Select(p => new Table3Line(p.SubjectId, p.Assessment.Table2Row, p.Assessment.Improvement!))
            .OrderBy(l => l.Episode.ByFish)
            .ThenBy(l => l.Episode.ImprovedCategory)
            .ThenBy(l => l.Episode.LowestAfterIncrease.PhPositivePercent)
            .ThenByDescending(l => l.Episode.DurationDays)
            .ThenBy(l => l.SubjectId, StringComparer.Ordinal),
    ];
}
