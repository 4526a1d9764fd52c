using System.Globalization;
using System.Xml;
using TrialMonitor.Api.Odm.Exporting;
using TrialMonitor.Api.Odm.Layout;
using TrialMonitor.Api.Odm.Reading;
using TrialMonitor.Api.Patients.Enrolling;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Api.Trials;
using TrialMonitor.Api.Trials.Registering;
using TrialMonitor.Bench.Generation;

namespace TrialMonitor.Bench.Scenarios;

/// <summary>
/// A generated trial written as TrialMonitor's own ODM export (<see cref="OdmExport"/>'s subjects), patient after patient
/// to a file, so the file is never held in memory, until it holds at least the items asked for: as a Snapshot (each
/// subject whole), or as a Transactional audit stream of the same data.
/// </summary>
public static class OdmImportFile
{
    /// <summary>The subjects a Transactional file is entering at once (more than the import holds in memory).</summary>
    public const int SubjectsOpen = 300;

    /// <summary>
    /// A subject's entries in a Transactional file: its first few, so that the smaller file already holds whole subjects and a
    /// larger one more of them, not larger ones (what grows with an audit stream's size is the subjects it names).
    /// </summary>
    public const int EntriesPerSubject = 8;

    /// <summary>One item group in this many is corrected later in the stream, by a message naming one of its items.</summary>
    private const int CorrectedEvery = 25;

    /// <returns>The patients and items written.</returns>
    public static async Task<(int Patients, long Items)> WriteAsync(string path, RegisterTrial trial, IEnumerable<GeneratedPatient> patients, long items)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(patients);
        await using var file = File.Create(path);
        await using var xml = OdmExport.Writer(file);
        await OdmExport.StartAsync(xml, TrialOf(trial), DateTimeOffset.UtcNow);
        var (written, count) = (0L, 0);
        foreach (var patient in patients)
        {
            if (written >= items) break;
            written += await WriteSubjectAsync(xml, patient);
            count++;
        }
        await OdmExport.EndAsync(xml);
        return (count, written);
    }

    /// <summary>
    /// The same kind of data (each subject's first <see cref="EntriesPerSubject"/> entries) as an EDC's audit stream
    /// (ODM/@FileType Transactional, as Rave's): one item per ClinicalData message,
    /// <see cref="SubjectsOpen"/> subjects entered at once, their item groups taking turns (a subject's enrolment first;
    /// a group's items last to first, so its date completes it); one group in <see cref="CorrectedEvery"/> has a decimal
    /// item corrected, with an AuditRecord and its reason, a round of turns later (after every other open subject's turn).
    /// </summary>
    /// <returns>The patients, items (corrections included) and corrections written.</returns>
    public static async Task<(int Patients, long Items, int Corrections)> WriteTransactionalAsync(string path, RegisterTrial trial,
        IEnumerable<GeneratedPatient> patients, long items)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(patients);
        await using var file = File.Create(path);
        await using var xml = OdmExport.Writer(file);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "ODM", OdmReader.Namespace);
        foreach (var (name, value) in new[] { ("ODMVersion", "1.3.2"), ("FileType", "Transactional"), ("FileOID", $"TrialMonitor.{trial.TrialId}.stream"),
                     ("CreationDateTime", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)), ("SourceSystem", OdmLayout.SourceSystem) })
            await xml.WriteAttributeStringAsync(null, name, null, value);
        var (written, count, corrections, groupsWritten) = (0L, 0, 0, 0L);
        var pending = new Queue<(OdmItemGroup Group, OdmItem Item)>();
        using var source = patients.GetEnumerator();
        while (written < items)
        {
            var window = new List<GeneratedPatient>(SubjectsOpen);
            while (window.Count < SubjectsOpen && source.MoveNext()) window.Add(source.Current);
            if (window.Count == 0) break;
            count += window.Count;
            var turns = (await SnapshotGroupsAsync(trial, window)).Select(g => new Queue<OdmItemGroup>(g)).ToList();
            while (turns.Count > 0 && written < items)
            {
                // The corrections of the round before: the stream has been through every other open subject since.
                for (var due = pending.Count; due > 0; due--)
                {
                    var (group, item) = pending.Dequeue();
                    await WriteMessageAsync(xml, trial.Code, group, item with { Value = Changed(item.Value!) }, correction: true);
                    written++;
                    corrections++;
                }
                foreach (var subject in turns.ToList())
                {
                    if (!subject.TryDequeue(out var group))
                    {
                        turns.Remove(subject);
                        continue;
                    }
                    foreach (var item in group.Items.Reverse())
                    {
                        await WriteMessageAsync(xml, trial.Code, group, item, correction: false);
                        written++;
                    }
                    if (++groupsWritten % CorrectedEvery == 0 && group.Items.FirstOrDefault(i => i.Value?.Contains('.', StringComparison.Ordinal) == true) is { } decimalItem)
                        pending.Enqueue((group, decimalItem));
                }
            }
        }
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
        return (count, written, corrections);
    }

    /// <summary>The window's subjects as the Snapshot export writes them, read back as item groups, subject by subject.</summary>
    private static async Task<List<List<OdmItemGroup>>> SnapshotGroupsAsync(RegisterTrial trial, IReadOnlyList<GeneratedPatient> window)
    {
        using var snapshot = new MemoryStream();
        await using (var xml = OdmExport.Writer(snapshot))
        {
            await OdmExport.StartAsync(xml, TrialOf(trial), DateTimeOffset.UtcNow);
            foreach (var patient in window) await WriteSubjectAsync(xml, patient, EntriesPerSubject);
            await OdmExport.EndAsync(xml);
        }
        snapshot.Position = 0;
        return OdmReader.Read(snapshot).GroupBy(g => g.SubjectKey).Select(g => g.ToList()).ToList();
    }

    private static async Task WriteMessageAsync(XmlWriter xml, string studyOid, OdmItemGroup group, OdmItem item, bool correction)
    {
        await xml.WriteStartElementAsync(null, "ClinicalData", OdmReader.Namespace);
        await xml.WriteAttributeStringAsync(null, "StudyOID", null, studyOid);
        await xml.WriteAttributeStringAsync(null, "MetaDataVersionOID", null, OdmLayout.MetaDataVersionOid);
        await xml.WriteStartElementAsync(null, "SubjectData", OdmReader.Namespace);
        await xml.WriteAttributeStringAsync(null, "SubjectKey", null, group.SubjectKey);
        await xml.WriteAttributeStringAsync(null, "TransactionType", null, "Upsert");
        if (group.SiteOid is not null)
        {
            await xml.WriteStartElementAsync(null, "SiteRef", OdmReader.Namespace);
            await xml.WriteAttributeStringAsync(null, "LocationOID", null, group.SiteOid);
            await xml.WriteEndElementAsync();
        }
        await StartAsync(xml, "StudyEventData", ("StudyEventOID", group.StudyEventOid), ("StudyEventRepeatKey", group.StudyEventRepeatKey));
        await StartAsync(xml, "FormData", ("FormOID", group.FormOid), ("FormRepeatKey", group.FormRepeatKey));
        await StartAsync(xml, "ItemGroupData", ("ItemGroupOID", group.ItemGroupOid), ("ItemGroupRepeatKey", group.ItemGroupRepeatKey));
        await StartAsync(xml, "ItemData", ("ItemOID", item.ItemOid), ("Value", item.Value), ("TransactionType", "Upsert"));
        if (correction)
        {
            await xml.WriteStartElementAsync(null, "AuditRecord", OdmReader.Namespace);
            await StartAsync(xml, "UserRef", ("UserOID", "bench.monitor"));
            await xml.WriteEndElementAsync();
            await xml.WriteElementStringAsync(null, "DateTimeStamp", OdmReader.Namespace, "2003-01-15T09:00:00");
            await xml.WriteElementStringAsync(null, "ReasonForChange", OdmReader.Namespace, "Transcription error found at source data verification");
            await xml.WriteEndElementAsync();
        }
        for (var i = 0; i < 6; i++) await xml.WriteEndElementAsync(); // ItemData … ClinicalData
    }

    private static async Task StartAsync(XmlWriter xml, string element, params (string Name, string? Value)[] attributes)
    {
        await xml.WriteStartElementAsync(null, element, OdmReader.Namespace);
        foreach (var (name, value) in attributes)
            if (value is not null) await xml.WriteAttributeStringAsync(null, name, null, value);
    }

    /// <summary>A decimal a digit off in its last place (down when that digit is 9, else up): a plausible transcription error.</summary>
    private static string Changed(string value)
    {
        var last = value[^1] - '0';
        return value[..^1] + (char)('0' + (last == 9 ? 8 : last + 1));
    }

    private static async Task<int> WriteSubjectAsync(XmlWriter xml, GeneratedPatient patient, int entries = int.MaxValue)
    {
        var enrolment = patient.Commands.OfType<EnrolPatient>().Single();
        return await OdmExport.WriteSubjectAsync(xml, patient.SubjectId, enrolment.Baseline.Site, enrolment.EnrolledOn, enrolment.Baseline,
            patient.Commands.OfType<RecordEntry>().Select(c => c.Entry).Take(entries));
    }

    private static Trial TrialOf(RegisterTrial trial) => new(trial.TrialId, trial.Code, trial.Title, trial.Sites, trial.Settings);
}
