using TrialMonitor.Api.Door;
using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Odm.Reading;
using TrialMonitor.Api.Patients.Correcting;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Patients.Recording;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// One mapped item group of a subject becomes an entry: recorded when new, nothing when the entry in force already
/// says it, a correction of the entry in force when its values changed, a void when the EDC removed it. A group still
/// missing a field waits for it (an audit stream sends one item at a time).
/// </summary>
public sealed class OdmEntryImport(OdmMapping mapping, OdmWrites writes, OdmImportSummary summary, Action<OdmImportRow> refused)
{
    public async Task ImportAsync(OdmSubjectImport subject, OdmItemGroup group, OdmGroupMapping rule, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(rule);
        var kind = EntryKinds.All.SingleOrDefault(k => k.Name == rule.Kind)
            ?? throw new InvalidDataException($"the mapping names kind '{rule.Kind}'; the kinds are {string.Join(", ", EntryKinds.All.Select(k => k.Name))}");
        var mappedItems = rule.Fields.Values.Select(f => f.Item).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var values = subject.ValuesOf(group);
        foreach (var item in group.Items)
        {
            if (mappedItems.Contains(item.ItemOid)) values[item.ItemOid] = item.TransactionType == OdmItemGroup.Remove ? null : item.Value;
            else if (!mapping.IgnoresItem(item.ItemOid) && OdmImportRow.Unmapped(group, item, $"no field of the {kind.Name} mapping reads it") is { } row) refused(row);
        }

        var patient = await writes.PatientOfAsync(subject, group, mapping, cancellation);
        if (patient is null)
        {
            foreach (var item in group.Items.Where(i => mappedItems.Contains(i.ItemOid)))
                refused(new OdmImportRow(item.Line, group.ItemPath(item), item.ItemOid, item.Value, subject.Refusal!));
            return;
        }
        var key = OdmEntryKeys.Of(group, mapping.EntryKeys);
        var audit = group.LatestAudit;
        if (group.IsRemoval)
        {
            subject.Waiting.Remove(group.Path);
            if (OdmEntryKeys.InForce(patient, key) is not { } removed) return;
            var reason = audit?.ReasonForChange ?? $"removed in the EDC ({Who(audit)})";
            await writes.WriteAsync(subject, group, rule, values, new VoidEntry(patient.Id, removed, reason), reason, cancellation);
            return;
        }

        var problems = new List<OdmValueProblem>();
        var json = OdmValues.Read(kind.ValueType, rule.Fields, values, problems);
        if (json is null) return;
        if (problems.Count > 0 && problems.All(p => p.Value is null))
        {
            subject.Waiting[group.Path] = new OdmWaitingGroup(group, problems);
            return;
        }
        subject.Waiting.Remove(group.Path);
        if (problems.Count > 0)
        {
            foreach (var p in problems)
                refused(new OdmImportRow(group.LineOf(p.ItemOid), group.Path + (p.ItemOid is null ? "" : $"/ItemData[{p.ItemOid}]"), p.Field, p.Value, p.Reason));
            return;
        }
        var value = OdmValues.ToValue(json, kind.ValueType);
        var inForce = OdmEntryKeys.InForce(patient, key);
        // The entry in force, or one this file voided later (read again, its removal follows), already says this.
        var recorded = inForce ?? (patient.Has(key) ? key : null);
        if (recorded is not null && kind.ValueOf(patient.Entry(recorded)).Equals(value))
        {
            summary.AlreadyRecorded++;
            return;
        }
        if (inForce is null && !patient.Has(key) || group.TransactionType == "Insert")
        {
            await writes.WriteAsync(subject, group, rule, values, new RecordEntry(kind.Record(patient.Id, key, value)), null, cancellation);
            return;
        }
        var changedKey = OdmEntryKeys.Changed(key, value);
        // In an audit stream a value the key already carried first is recorded: the stream imported again replays every
        // value its groups went through, and must not correct the entry in force back to an earlier one. A snapshot
        // holds only the current value, so one set back to the first is a change the EDC made, and is followed.
        if (patient.Has(changedKey) || group.FileType != OdmItemGroup.Snapshot && patient.Has(key) && kind.ValueOf(patient.Entry(key)).Equals(value))
        {
            summary.AlreadyRecorded++;
            return;
        }
        var why = audit?.ReasonForChange ?? $"changed in the EDC ({Who(audit)})";
        var correction = inForce is null ? null : new Correction(inForce, why);
        await writes.WriteAsync(subject, group, rule, values, new RecordEntry(kind.Record(patient.Id, changedKey, value), correction), correction?.Reason,
            cancellation);
    }

    private static string Who(OdmAudit? audit) =>
        audit is null ? "no audit record" : $"by {audit.User ?? "unknown user"} at {audit.DateTimeStamp ?? "an unknown time"}";
}
