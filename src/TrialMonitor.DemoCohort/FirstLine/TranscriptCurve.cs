namespace TrialMonitor.DemoCohort.FirstLine;

/// <summary>
/// A patient's true BCR-ABL1 level by day of therapy, as log10 of % IS (1 is 10 %, -1 is 0.1 %, MMR):
/// straight between anchor days (a log-linear fall, as transcripts fall on a TKI), flat after the last.
/// </summary>
internal sealed class TranscriptCurve
{
    private readonly List<(int Day, decimal Log)> anchors;

    public TranscriptCurve(IEnumerable<(int Day, decimal Log)> anchors) => this.anchors = [.. anchors.OrderBy(a => a.Day)];

    public decimal LogAt(int day)
    {
        if (day <= anchors[0].Day) return anchors[0].Log;
        for (var i = 1; i < anchors.Count; i++)
        {
            var (to, toLog) = anchors[i];
            if (day > to) continue;
            var (from, fromLog) = anchors[i - 1];
            return fromLog + ((toLog - fromLog) * (day - from) / (to - from));
        }

        return anchors[^1].Log;
    }

    /// <summary>This curve up to <paramref name="day"/>, then through the given later anchors (a loss of response, a rescue).</summary>
    public TranscriptCurve Then(int day, params (int Day, decimal Log)[] later) =>
        new([.. anchors.Where(a => a.Day < day), (day, LogAt(day)), .. later.Where(a => a.Day > day)]);
}
