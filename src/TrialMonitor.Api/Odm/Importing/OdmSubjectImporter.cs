using System.Threading.Channels;
using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Odm.Reading;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// One importer of <see cref="OdmImport"/>: its own bus (through <see cref="OdmWrites"/>) and its own counts. It imports
/// whole subjects handed over by the reader (a Snapshot file), or every item group in file order (a Transactional file),
/// its subjects held by <see cref="OdmHeldSubjects"/>.
/// </summary>
public sealed class OdmSubjectImporter
{
    private readonly OdmMapping mapping;
    private readonly Action<OdmImportRow> refused;
    private readonly OdmWrites writes;
    private readonly OdmEntryImport entries;
    private readonly OdmHeldSubjects? subjects;
    private OdmSubjectImport? current;

    /// <param name="subjects">Where a Transactional file's subjects are kept between their item groups (none for Snapshot files).</param>
    public OdmSubjectImporter(OdmMapping mapping, OdmImportSummary summary, Action<OdmImportRow> onRefused, Func<OdmImportSummary, Action<OdmImportRow>, OdmWrites> newWrites,
        OdmHeldSubjects? subjects = null)
    {
        ArgumentNullException.ThrowIfNull(newWrites);
        this.mapping = mapping;
        this.subjects = subjects;
        Summary = summary;
        refused = row =>
        {
            Summary.RefusedRows++;
            onRefused(row);
        };
        writes = newWrites(summary, refused);
        entries = new OdmEntryImport(mapping, writes, summary, refused);
    }

    public OdmImportSummary Summary { get; }

    /// <summary>Whole subjects, each finished (reported and forgotten) once its groups are imported; on a failure the reader is stopped.</summary>
    public async Task ImportAllAsync(ChannelReader<(OdmSubjectImport Subject, List<OdmItemGroup> Groups)> subjects, CancellationTokenSource failed,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(failed);
        try
        {
            await foreach (var (subject, groups) in subjects.ReadAllAsync(cancellation))
            {
                foreach (var group in groups) await ImportAsync(subject, group, cancellation);
                await LeaveAsync(subject, finished: true, cancellation);
            }
        }
        catch
        {
            await failed.CancelAsync();
            throw;
        }
    }

    /// <summary>The next item group of the file, in file order; a subject the file leaves is kept (held or spilled), to merge its later items.</summary>
    public async Task ImportAsync(OdmItemGroup group, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (subjects is null) throw new InvalidOperationException("an importer in file order needs somewhere to keep its subjects");
        if (current?.SubjectKey != group.SubjectKey)
        {
            if (current is not null) await LeaveAsync(current, finished: false, cancellation);
            current = await subjects.EnterAsync(group.SubjectKey, cancellation);
        }
        await ImportAsync(current, group, cancellation);
    }

    /// <summary>At the end of the file: every subject kept is finished, in file order.</summary>
    public async Task FinishAllAsync(CancellationToken cancellation)
    {
        if (subjects is null) return;
        if (current is not null) await LeaveAsync(current, finished: false, cancellation);
        current = null;
        await foreach (var subject in subjects.AllAsync(cancellation)) await LeaveAsync(subject, finished: true, cancellation);
    }

    private async Task ImportAsync(OdmSubjectImport subject, OdmItemGroup group, CancellationToken cancellation)
    {
        if (mapping.Ignores(group))
        {
            Summary.IgnoredGroups++;
            return;
        }
        if (mapping.IsEnrolmentGroup(group))
        {
            await EnrolmentAsync(subject, group, cancellation);
            return;
        }
        if (mapping.GroupFor(group) is { } rule)
        {
            await entries.ImportAsync(subject, group, rule, cancellation);
            return;
        }
        foreach (var item in group.Items)
        {
            if (OdmImportRow.Unmapped(group, item, $"item group {group.ItemGroupOid} of form {group.FormOid} is not in the mapping") is { } row) refused(row);
        }
    }

    /// <summary>Enrolled as soon as the file has said all the enrolment needs; else at the subject's first entry, or when the subject is finished.</summary>
    private async Task EnrolmentAsync(OdmSubjectImport subject, OdmItemGroup group, CancellationToken cancellation)
    {
        var enrolmentItems = mapping.Enrolment.Fields.Values.Select(f => f.Item).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var item in group.Items)
        {
            if (enrolmentItems.Contains(item.ItemOid)) subject.EnrolmentItems[item.ItemOid] = item.TransactionType == OdmItemGroup.Remove ? null : item.Value;
            else if (!mapping.IgnoresItem(item.ItemOid) && OdmImportRow.Unmapped(group, item, "no field of the enrolment reads it") is { } row) refused(row);
        }
        subject.FirstSeen ??= group;
        if (subject.PatientId is null && subject.Refusal is null
            && OdmEnrolments.Of(mapping, Guid.Empty, group.SiteOid, mapping.SubjectIdOf(group.SubjectKey), subject.EnrolmentItems).Problem is null
            && await writes.PatientOfAsync(subject, group, mapping, cancellation) is null)
            refused(new OdmImportRow(group.Line, group.Path, "enrolment", null, subject.Refusal!));
    }

    /// <summary>
    /// The file moves on from the subject: its write model is let go (a dry run keeps it, as nothing was stored);
    /// when the subject is finished, an enrolment still missing and groups still missing a field are reported and the subject forgotten.
    /// </summary>
    private async Task LeaveAsync(OdmSubjectImport subject, bool finished, CancellationToken cancellation)
    {
        if (!Summary.DryRun) subject.Patient = null;
        if (!finished) return;
        if (subject is { PatientId: null, Refusal: null, FirstSeen: { } first } && await writes.PatientOfAsync(subject, first, mapping, cancellation) is null)
            refused(new OdmImportRow(first.Line, first.Path, "enrolment", null, subject.Refusal!));
        foreach (var (group, missing) in subject.Waiting.Values.OrderBy(w => w.Group.Line))
            foreach (var problem in missing)
                refused(new OdmImportRow(group.Line, group.Path, problem.Field, null, problem.Reason));
    }
}
