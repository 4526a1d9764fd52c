using System.Diagnostics;
using Marten;
using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Odm.Reading;
using Wolverine;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// Imports the clinical data of an ODM file through the write path, subject by subject: each mapped item group
/// becomes one command (enrolment, entry, correction, void) sent through <see cref="Patients.PatientWrites"/> as a
/// mutation would be, so it meets the same door (<see cref="OdmWrites"/>, <see cref="OdmEntryImport"/>).
/// Memory: the reader holds one item group, the import one subject's write model. In a Snapshot file (each
/// SubjectData holds the subject's data in full) a subject is finished, reported and forgotten when the next one
/// begins; a Transactional file (an audit stream, one item at a time, subjects interleaved) keeps each subject's
/// mapped values to the end of the file, to merge later items into them.
/// </summary>
public sealed class OdmImport(IMessageBus bus, IDocumentStore store, TimeProvider clock)
{
    private readonly Dictionary<string, OdmSubjectImport> subjects = new(StringComparer.Ordinal);
    private readonly OdmImportSummary summary = new();
    private OdmMapping mapping = null!;
    private Action<OdmImportRow> refused = null!;
    private OdmWrites writes = null!;
    private OdmEntryImport entries = null!;
    private bool dryRun;

    public async Task<OdmImportSummary> RunAsync(Stream file, OdmMapping odmMapping, OdmImportRequest request, Action<OdmImportRow> onRefused,
        Action<OdmImportProgress>? onProgress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(onRefused);
        mapping = odmMapping ?? throw new ArgumentNullException(nameof(odmMapping));
        refused = row =>
        {
            summary.RefusedRows++;
            onRefused(row);
        };
        dryRun = summary.DryRun = request.DryRun;
        writes = new OdmWrites(bus, store, clock, request, summary, refused);
        entries = new OdmEntryImport(mapping, writes, summary, refused);
        var watch = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        OdmSubjectImport? current = null;
        foreach (var group in OdmReader.Read(file))
        {
            summary.ItemGroups++;
            summary.ItemsRead += group.Items.Count;
            if (current?.SubjectKey != group.SubjectKey)
            {
                if (current is not null) await LeaveAsync(current, group.FileType == OdmItemGroup.Snapshot, cancellation);
                current = subjects.TryGetValue(group.SubjectKey, out var known) ? known : subjects[group.SubjectKey] = new OdmSubjectImport(group.SubjectKey);
            }
            await ImportAsync(current, group, cancellation);
            if (onProgress is not null && watch.Elapsed - lastProgress > TimeSpan.FromSeconds(1))
            {
                lastProgress = watch.Elapsed;
                onProgress(new OdmImportProgress(summary.ItemsRead, summary.Appended, summary.RefusedRows, watch.Elapsed,
                    file.CanSeek && file.Length > 0 ? (double)file.Position / file.Length : null));
            }
        }
        foreach (var subject in subjects.Values.ToList()) await LeaveAsync(subject, finished: true, cancellation);
        summary.Elapsed = watch.Elapsed;
        return summary;
    }

    private async Task ImportAsync(OdmSubjectImport subject, OdmItemGroup group, CancellationToken cancellation)
    {
        if (mapping.Ignores(group))
        {
            summary.IgnoredGroups++;
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
        if (!dryRun) subject.Patient = null;
        if (!finished) return;
        subjects.Remove(subject.SubjectKey);
        if (subject is { PatientId: null, Refusal: null, FirstSeen: { } first } && await writes.PatientOfAsync(subject, first, mapping, cancellation) is null)
            refused(new OdmImportRow(first.Line, first.Path, "enrolment", null, subject.Refusal!));
        foreach (var (group, missing) in subject.Waiting.Values)
            foreach (var problem in missing)
                refused(new OdmImportRow(group.Line, group.Path, problem.Field, null, problem.Reason));
    }
}
