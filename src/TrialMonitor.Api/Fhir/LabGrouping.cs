using TrialMonitor.Api.Door;

namespace TrialMonitor.Api.Fhir;

/// <summary>
/// Puts the Observations of a Bundle together as the entries they become: those a DiagnosticReport references, one
/// entry per kind; the others by kind, subject, specimen and collection date. Observations that cannot belong to
/// their entry (another subject, another day, a field given twice) are refused, naming the element.
/// </summary>
public static class LabGrouping
{
    public static IReadOnlyList<LabGroup> Group(IReadOnlyList<LabObservation> observations, IReadOnlyList<LabReport> reports, IDictionary<int, EntryAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(answers);
        var byReference = new Dictionary<string, LabObservation>(StringComparer.Ordinal);
        foreach (var observation in observations)
            foreach (var name in observation.References) byReference.TryAdd(name, observation);
        var reportOf = new Dictionary<LabObservation, LabReport>();
        foreach (var report in reports)
        {
            foreach (var result in report.Results)
            {
                if (!byReference.TryGetValue(result, out var observation)) continue;
                if (reportOf.TryGetValue(observation, out var other) && other != report)
                    answers[observation.Entry] = EntryAnswer.Refused(422, $"Bundle.entry[{observation.Entry}].resource",
                        $"is a result of two DiagnosticReports (entries {other.Entry} and {report.Entry})");
                else reportOf[observation] = report;
            }
        }
        bool Open(LabObservation o) => !answers.ContainsKey(o.Entry);

        var groups = new List<LabGroup>();
        foreach (var report in reports)
        {
            var members = observations.Where(o => Open(o) && reportOf.GetValueOrDefault(o) == report).ToList();
            if (members.Count == 0)
            {
                if (report.Status == LabStatus.Withdrawn) groups.Add(new LabGroup(report.Subject, null, report.Key, report.CollectedOn, report, []));
                else answers.TryAdd(report.Entry, EntryAnswer.NotRecorded("none of the Observations it references are in this Bundle"));
                continue;
            }
            var checkedGroups = members.GroupBy(o => o.Kind)
                .Select(kind => Checked(new LabGroup(report.Subject, kind.Key, report.Key, report.CollectedOn, report, [.. kind]), answers)).ToList();
            if (checkedGroups.All(g => g.Observations.Count == 0))
                answers.TryAdd(report.Entry, EntryAnswer.Refused(422, $"Bundle.entry[{report.Entry}].resource.result",
                    $"none of its results could be recorded (entries {string.Join(", ", members.Select(o => o.Entry))} were refused)"));
            groups.AddRange(checkedGroups);
        }
        var loose = observations.Where(o => Open(o) && !reportOf.ContainsKey(o)).ToList();
        // A withdrawal needs no collection date: each stands alone, found by its identifier.
        groups.AddRange(loose.Where(o => o.Status == LabStatus.Withdrawn)
            .Select(o => new LabGroup(o.Subject, o.Kind, o.Key, o.CollectedOn, null, [o])));
        groups.AddRange(loose.Where(o => o.Status != LabStatus.Withdrawn)
            .GroupBy(o => (o.Kind, o.Subject, o.Specimen, o.CollectedOn))
            .Select(g => Checked(new LabGroup(g.Key.Subject, g.Key.Kind, g.Select(o => o.Key).Min(StringComparer.Ordinal)!, g.Key.CollectedOn, null, [.. g]), answers)));
        return [.. groups.Where(g => g.Observations.Count > 0 || g.Kind is null)];
    }

    /// <summary>The group without the Observations refused for not belonging to it (those get their answer).</summary>
    private static LabGroup Checked(LabGroup group, IDictionary<int, EntryAnswer> answers)
    {
        var live = group.Observations.Where(o => o.Status != LabStatus.Withdrawn).ToList();
        var dates = live.Select(o => o.CollectedOn ?? group.CollectedOn).Distinct().ToList();
        var collectedOn = dates.Count == 1 ? dates[0] : null;
        var refused = new Dictionary<LabObservation, List<FieldError>>();
        void Refuse(LabObservation o, string element, string reason)
        {
            if (!refused.TryGetValue(o, out var errors)) refused[o] = errors = [];
            errors.Add(new FieldError(element, reason));
        }
        var path = (LabObservation o) => $"Bundle.entry[{o.Entry}].resource";
        foreach (var o in group.Observations.Where(o => o.Subject != group.Subject))
            Refuse(o, path(o) + ".subject", $"names {o.Subject}, but its DiagnosticReport (entry {group.Report?.Entry}) names {group.Subject}");
        foreach (var o in live)
        {
            if ((o.CollectedOn ?? group.CollectedOn) is null)
                Refuse(o, o.DateElement, "is required: the day the specimen was collected, on the Observation or its DiagnosticReport");
            else if (dates.Count > 1)
                Refuse(o, o.DateElement, $"the results of one {group.Kind!.Name} are of one collection, but these were collected on "
                                         + string.Join(" and ", dates.OfType<DateOnly>().Order().Select(d => d.ToString("yyyy-MM-dd"))));
        }
        foreach (var twice in live.SelectMany(o => o.Values.Select(v => (v.Field, Observation: o))).GroupBy(x => x.Field).Where(g => g.Select(x => x.Observation).Distinct().Count() > 1))
        {
            var entries = string.Join(", ", twice.Select(x => x.Observation.Entry).Distinct());
            foreach (var (_, o) in twice) Refuse(o, path(o) + ".code", $"gives {twice.Key}, as the Observations of entries {entries} do: one {group.Kind!.Name} has one of each");
        }
        foreach (var (o, errors) in refused) answers[o.Entry] = EntryAnswer.Refused(422, errors);
        return group with { CollectedOn = collectedOn ?? group.CollectedOn, Observations = [.. group.Observations.Where(o => !refused.ContainsKey(o))] };
    }
}
