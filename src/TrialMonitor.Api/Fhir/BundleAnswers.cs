using TrialMonitor.Api.Door;

namespace TrialMonitor.Api.Fhir;

/// <summary>
/// The answers to a Bundle's entries from what became of the entries they were read into: each refusal of the door
/// named at the element the value came from (the hemoglobin's valueQuantity.value, the effective date), with what the
/// lab sent; each Observation located by its logical id (see <see cref="RecordedObservation"/>).
/// </summary>
public static class BundleAnswers
{
    public static void Apply(IReadOnlyList<LabGroup> groups, LabResultsOutcome outcome, IDictionary<int, EntryAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(answers);
        foreach (var (group, result) in groups.Zip(outcome.Groups))
        {
            if (result.Refused) Refuse(group, result, answers);
            else if (result.Answer is { } answer) foreach (var entry in group.Entries) Answer(answers, entry, answer);
            else
            {
                var appended = result.Status == 201;
                foreach (var o in group.Observations)
                {
                    Answer(answers, o.Entry, EntryAnswer.Recorded(appended && result.Decision!.Changed.Contains(o.Entry),
                        $"Observation/{RecordedObservation.IdOf(group.PatientId, o.Key)}", result.Version));
                }
                if (group.Report is { } report) Answer(answers, report.Entry, EntryAnswer.Recorded(appended, null, result.Version));
            }
        }
    }

    /// <summary>An entry read into two entries (a report of several kinds) is answered by the graver answer.</summary>
    private static void Answer(IDictionary<int, EntryAnswer> answers, int entry, EntryAnswer answer)
    {
        if (!answers.TryGetValue(entry, out var earlier) || Rank(answer) > Rank(earlier)) answers[entry] = answer;
    }

    private static int Rank(EntryAnswer answer) => answer.Status switch { 202 => 0, 200 => 1, 201 => 2, _ => 3 };

    private static void Refuse(LabGroup group, LabGroupOutcome result, IDictionary<int, EntryAnswer> answers)
    {
        var errors = result.Refusal.SelectMany(e => Elements(group, e)).ToList();
        var general = errors.Where(e => EntryOf(e) is null).ToList();
        var entries = group.Entries.ToList();
        foreach (var entry in entries)
        {
            var own = errors.Where(e => EntryOf(e) == entry).Concat(general).ToList();
            if (own.Count == 0)
            {
                var refused = errors.Select(EntryOf).OfType<int>().Distinct();
                own.Add(new FieldError("", $"not recorded: the {group.Kind?.Name ?? "entry"} it belongs to was refused (entries {string.Join(", ", refused)})"));
            }
            Answer(answers, entry, EntryAnswer.Refused(result.Status, own));
        }
    }

    /// <summary>A refusal of the door at the elements its field was read from; a FHIR element stays as it is.</summary>
    private static IEnumerable<FieldError> Elements(LabGroup group, FieldError error)
    {
        if (error.Field.StartsWith("Bundle.", StringComparison.Ordinal))
        {
            yield return error;
            yield break;
        }
        var argument = group.Kind?.Argument;
        var field = argument is not null && error.Field.StartsWith(argument + ".", StringComparison.Ordinal) ? error.Field[(argument.Length + 1)..]
            : error.Field == argument ? "" : error.Field;
        if (field == "collectedOn")
        {
            foreach (var o in group.Observations.Where(o => o.Status != LabStatus.Withdrawn))
                yield return new FieldError(o.CollectedOn is null && group.Report is { } report ? report.DateElement : o.DateElement, error.Reason);
            yield break;
        }
        var value = group.Observations.SelectMany(o => o.Values).FirstOrDefault(v => v.Field == field);
        yield return value is null
            ? new FieldError("", error.Field.Length == 0 ? error.Reason : $"{error.Field}: {error.Reason}")
            : new FieldError(value.Element, $"{field} {error.Reason}; the lab sent {value.Sent}");
    }

    private static int? EntryOf(FieldError error)
    {
        const string prefix = "Bundle.entry[";
        if (!error.Field.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var end = error.Field.IndexOf(']', StringComparison.Ordinal);
        return int.TryParse(error.Field.AsSpan(prefix.Length, end - prefix.Length), out var entry) ? entry : null;
    }
}
