using TrialMonitor.Api.Door;
using TrialMonitor.Api.Odm.Importing;
using TrialMonitor.Api.Patients.Correcting;
using TrialMonitor.Api.Patients.Recording;

namespace TrialMonitor.Api.Fhir;

/// <summary>
/// What one lab entry comes to: the commands to send through the door (none when it is already recorded or there is
/// nothing to withdraw, then <see cref="Answer"/> says so), the reason of a correction or void, the Observations the
/// new entry stands for, and the Bundle entries whose results it changes (201; the others of the entry are 200).
/// </summary>
public sealed record LabDecision(IReadOnlyList<object> Commands, string? Reason, IReadOnlyList<SentObservation> Stands, IReadOnlySet<int> Changed,
    EntryAnswer? Answer)
{
    public static LabDecision Nothing(EntryAnswer answer) => new([], null, [], new HashSet<int>(), answer);
}

/// <summary>
/// Decides a lab entry against the patient as recorded. The entry the results were recorded in is found by their
/// Observations' identifiers, else by the entry's key; the results are set into (an entered-in-error one withdrawn
/// from) its value. A new value is recorded; a changed one corrects the entry in force, with the lab's note or
/// "amended by the lab" as the reason; an entry left with no result is voided. A final result may add to an entry
/// but not change what it says: a change is sent as amended or corrected. The door then decides each command.
/// </summary>
public static class LabEntryDecision
{
    public const string Amended = "amended by the lab";
    public const string Withdrawn = "entered in error: withdrawn by the lab";
    public const string Added = "added to the report by the lab";

    public static LabDecision Decide(LabGroup group, ImportedPatient patient, LabObservationIndex index)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(index);
        if (group.Kind is not { } kind) return WithdrawReport(group, patient);

        var baseKey = FhirEntryKeys.Of(kind, group.Identifier);
        var known = group.Observations.Select(o => index.Find(patient.Id, o.Key)).OfType<RecordedObservation>().ToList();
        var inForce = known.Select(r => r.EntryKey).Where(k => patient.Has(k) && !patient.IsVoided(k)).Distinct().ToList();
        if (inForce.Count > 1)
            throw new InvalidInputException([new FieldError("", $"these results were recorded in different entries ({string.Join(", ", inForce)}); send them apart")]);
        var target = inForce.SingleOrDefault() ?? OdmEntryKeys.InForce(patient, baseKey);

        var before = target is null ? null : EntryValues.Of(kind.ValueOf(patient.Entry(target)));
        var after = before?.DeepClone().AsObject() ?? [];
        bool Withdraws(LabObservation o) => group.Withdrawn || o.Status == LabStatus.Withdrawn;
        if (group.CollectedOn is { } collectedOn && group.Observations.Any(o => !Withdraws(o))) after["collectedOn"] = collectedOn.ToString("yyyy-MM-dd");
        foreach (var o in group.Observations)
        {
            if (Withdraws(o)) foreach (var field in o.Fields) EntryValues.Remove(after, field);
            else foreach (var v in o.Values) EntryValues.Set(after, v.Field, v.Value);
        }
        if (group.Withdrawn) foreach (var test in kind.LabTests) EntryValues.Remove(after, test.Field);
        var changed = group.Observations.Where(o => Withdraws(o)
                ? o.Fields.Any(f => EntryValues.Get(before, f) is not null)
                : o.Values.Any(v => EntryValues.Get(before, v.Field) != v.Value))
            .ToList();
        var changedEntries = changed.Select(o => o.Entry).ToHashSet();
        List<SentObservation> stands =
        [
            .. (target is null ? [] : index.OfEntry(patient.Id, target)).Where(r => group.Observations.All(o => o.Key != r.Key))
                .Select(r => new SentObservation(r.Key, r.Code, r.Resource)),
            .. group.Observations.Where(o => !Withdraws(o)).Select(o => new SentObservation(o.Key, o.Test.Code, o.Resource)),
        ];
        var reason = Reason(group, changed);

        if (!kind.LabTests.Any(test => EntryValues.Get(after, test.Field) is not null))
        {
            if (target is not null) return new LabDecision([new VoidEntry(patient.Id, target, reason)], reason, [], changedEntries, null);
            return LabDecision.Nothing(known.Count > 0 || patient.Has(baseKey)
                ? EntryAnswer.Recorded(false, null, patient.Patient.Version)
                : EntryAnswer.NotRecorded("nothing was recorded under its identifier, so there is nothing to withdraw"));
        }
        var value = EntryValues.To(after, kind.ValueType);
        if (target is null)
        {
            // Withdrawn before and sent again with another value: a new entry of the same chain.
            var key = patient.Has(baseKey) && !kind.ValueOf(patient.Entry(baseKey)).Equals(value) ? OdmEntryKeys.Changed(baseKey, value) : baseKey;
            return new LabDecision([new RecordEntry(kind.Record(patient.Id, key, value))], null, stands,
                group.Observations.Where(o => !Withdraws(o)).Select(o => o.Entry).ToHashSet(), null);
        }

        var already = EntryAnswer.Recorded(false, null, patient.Patient.Version);
        if (kind.ValueOf(patient.Entry(target)).Equals(value)) return LabDecision.Nothing(already);
        var chain = FhirEntryKeys.Chain(target);
        var amends = group.Report?.Status is LabStatus.Amended or LabStatus.Withdrawn || group.Observations.Any(o => o.Status != LabStatus.Final);
        // The results as first sent, sent again after an amendment; or an amendment sent again after a later one.
        if (!amends && patient.Has(chain) && kind.ValueOf(patient.Entry(chain)).Equals(value)) return LabDecision.Nothing(already);
        var correctionKey = OdmEntryKeys.Changed(chain, value);
        if (patient.Has(correctionKey)) return LabDecision.Nothing(already);

        if (!amends)
        {
            var overwritten = changed.Where(o => o.Status == LabStatus.Final && known.Any(r => r.Key == o.Key && r.EntryKey == target)).ToList();
            if (overwritten.Count > 0)
            {
                throw new InvalidInputException([.. overwritten.SelectMany(o => o.Values.Where(v => EntryValues.Get(before, v.Field) != v.Value)
                    .Select(v => new FieldError(v.Element,
                        $"{v.Field} was recorded as {EntryValues.Get(before, v.Field)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"} "
                        + $"under this identifier (entry {target}); a changed result is sent with status amended or corrected (got final, {v.Sent})")))]);
            }
        }
        return new LabDecision([new RecordEntry(kind.Record(patient.Id, correctionKey, value), new Correction(target, reason))], reason, stands,
            changedEntries, null);
    }

    /// <summary>A DiagnosticReport withdrawn without its Observations: each lab entry of the report in force is voided.</summary>
    private static LabDecision WithdrawReport(LabGroup group, ImportedPatient patient)
    {
        var keys = LabCodes.Kinds.Select(kind => FhirEntryKeys.Of(kind, group.Identifier)).ToList();
        var targets = keys.Select(key => OdmEntryKeys.InForce(patient, key)).OfType<string>().ToList();
        if (targets.Count == 0)
        {
            return LabDecision.Nothing(keys.Any(patient.Has)
                ? EntryAnswer.Recorded(false, null, patient.Patient.Version)
                : EntryAnswer.NotRecorded("nothing was recorded under its identifier, so there is nothing to withdraw"));
        }
        return new LabDecision([.. targets.Select(t => new VoidEntry(patient.Id, t, Withdrawn))], Withdrawn, [], new HashSet<int>(), null);
    }

    private static string Reason(LabGroup group, IReadOnlyList<LabObservation> changed)
    {
        if (group.Withdrawn) return Withdrawn;
        var reasons = changed.Select(o => o.Status switch
        {
            LabStatus.Amended => o.Note ?? Amended,
            LabStatus.Withdrawn => o.Note ?? Withdrawn,
            _ => group.Report?.Status == LabStatus.Amended ? Amended : Added,
        }).Distinct().ToList();
        return reasons.Count == 0 ? Amended : string.Join("; ", reasons);
    }
}
