namespace TrialMonitor.Clinical.Course;

/// <summary>
/// Investigator-reported responses that differ from the derived ones. The derived response is
/// read from the result on or just before the reported date; with no such result there is
/// nothing to compare and no discrepancy is raised.
/// </summary>
internal static class Discrepancies
{
    public static IReadOnlyList<Discrepancy> Find(CourseTimeline timeline) =>
        [.. timeline.Course.ReportedResponses
            .OrderBy(r => r.AssessedOn)
            .SelectMany(r => Cytogenetic(timeline, r).Concat(Hematologic(timeline, r)))];

    private static IEnumerable<Discrepancy> Cytogenetic(CourseTimeline timeline, ReportedResponse reported)
    {
        if (reported.Cytogenetic is { } category
            && timeline.Cytogenetics.LastOrDefault(c => c.AssessedOn <= reported.AssessedOn) is { } derived
            && derived.Category != category)
        {
            yield return new Discrepancy(reported.AssessedOn, DiscrepancyKind.CytogeneticResponse, category.ToString(), derived.Category.ToString());
        }
    }

    private static IEnumerable<Discrepancy> Hematologic(CourseTimeline timeline, ReportedResponse reported)
    {
        if (reported.Hematologic is { } category
            && timeline.Hematologic.LastOrDefault(h => h.AssessedOn <= reported.AssessedOn) is { } derived
            && derived.Category != category)
        {
            yield return new Discrepancy(reported.AssessedOn, DiscrepancyKind.HematologicResponse, category.ToString(), derived.Category.ToString());
        }
    }
}
