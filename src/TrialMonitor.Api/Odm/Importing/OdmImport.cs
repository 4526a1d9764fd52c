using System.Diagnostics;
using System.Threading.Channels;
using Marten;
using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Odm.Reading;
using Wolverine;
using Wolverine.Runtime;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// Imports the clinical data of an ODM file through the write path, subject by subject: each mapped item group
/// becomes one command (enrolment, entry, correction, void) sent through <see cref="Door.PatientWrites"/> as a
/// mutation would be, so it meets the same door (<see cref="OdmSubjectImporter"/>).
/// Memory: the reader holds one item group, an importer one subject. In a Snapshot file each SubjectData holds the
/// subject's data in full: its groups are gathered and handed to one of <see cref="Importers"/> importers (patients
/// are independent streams, as the demo loader loads them), then the subject is reported and forgotten. A
/// Transactional file (an audit stream: one item at a time, subjects interleaved, a later item changing an earlier one)
/// is imported in file order by one importer, which must keep what the file said of every subject to the end of the
/// file (each group's item values, to merge later items into; the enrolment items; the groups still waiting for a
/// field, reported at the end): it holds at most <paramref name="subjectsHeld"/> subjects in memory, the most recently
/// read, and writes the others to temporary tables of its own PostgreSQL session (<see cref="OdmHeldSubjects"/>,
/// <see cref="OdmSubjectSpill"/>), reading a subject back when the file returns to it. A dry run spills the write model
/// and entries it decided on with the subject. So memory is flat in the file's size in both kinds of file.
/// </summary>
/// <param name="subjectsHeld">The subjects of a Transactional file held in memory at once.</param>
public sealed class OdmImport(Func<IMessageBus> newBus, IDocumentStore store, TimeProvider clock, int subjectsHeld = OdmImport.DefaultSubjectsHeld)
{
    public const int Importers = 4;

    /// <summary>More than the subjects an EDC's sites enter at once: a stream of a trial of up to this many subjects never touches the disk.</summary>
    public const int DefaultSubjectsHeld = 256;

    public static OdmImport For(IServiceProvider services, int subjectsHeld = DefaultSubjectsHeld)
    {
        ArgumentNullException.ThrowIfNull(services);
        var runtime = services.GetRequiredService<IWolverineRuntime>();
        return new OdmImport(() => new MessageBus(runtime), services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<TimeProvider>(),
            subjectsHeld);
    }

    public async Task<OdmImportSummary> RunAsync(Stream file, OdmMapping mapping, OdmImportRequest request, Action<OdmImportRow> onRefused,
        Action<OdmImportProgress>? onProgress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(onRefused);
        var gate = new Lock();
        var reading = new OdmImportSummary { DryRun = request.DryRun };
        void Refused(OdmImportRow row)
        {
            lock (gate) onRefused(row);
        }
        await using var held = new OdmHeldSubjects(store, subjectsHeld);
        OdmSubjectImporter NewImporter(OdmHeldSubjects? subjects = null) => new(mapping, new OdmImportSummary { DryRun = request.DryRun }, Refused,
            (summary, refused) => new OdmWrites(Writer(), store, request, summary, refused), subjects);
        IOdmWriter Writer() => request.DryRun
            ? new OdmDryRun(store, request.Scope, clock)
            : new OdmCommit(newBus(), store, request.Scope, clock);

        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var watch = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        var importers = new List<OdmSubjectImporter>();
        var subjects = Channel.CreateBounded<(OdmSubjectImport Subject, List<OdmItemGroup> Groups)>(Importers);
        var workers = new List<Task>();
        OdmSubjectImporter? inOrder = null;
        OdmSubjectImport? current = null;
        var gathered = new List<OdmItemGroup>();
        try
        {
            foreach (var group in OdmReader.Read(file))
            {
                reading.ItemGroups++;
                reading.ItemsRead += group.Items.Count;
                if (group.FileType == OdmItemGroup.Snapshot)
                {
                    if (workers.Count == 0)
                    {
                        for (var i = 0; i < Importers; i++)
                        {
                            var importer = NewImporter();
                            importers.Add(importer);
                            workers.Add(Task.Run(() => importer.ImportAllAsync(subjects.Reader, failed, cancellation), cancellation));
                        }
                    }
                    if (current?.SubjectKey != group.SubjectKey)
                    {
                        if (current is not null) await subjects.Writer.WriteAsync((current, gathered), failed.Token);
                        (current, gathered) = (new OdmSubjectImport(group.SubjectKey), []);
                    }
                    gathered.Add(group);
                }
                else
                {
                    if (inOrder is null) importers.Add(inOrder = NewImporter(held));
                    await inOrder.ImportAsync(group, cancellation);
                }
                if (onProgress is not null && watch.Elapsed - lastProgress > TimeSpan.FromSeconds(1))
                {
                    lastProgress = watch.Elapsed;
                    var done = OdmImportSummary.Sum(importers.Select(i => i.Summary));
                    onProgress(new OdmImportProgress(reading.ItemsRead, done.Appended, done.RefusedRows, watch.Elapsed,
                        file.CanSeek && file.Length > 0 ? (double)file.Position / file.Length : null));
                }
            }
            if (current is not null) await subjects.Writer.WriteAsync((current, gathered), failed.Token);
        }
        finally
        {
            subjects.Writer.Complete();
            await Task.WhenAll(workers);
        }
        if (inOrder is not null) await inOrder.FinishAllAsync(cancellation);
        var summary = OdmImportSummary.Sum([reading, .. importers.Select(i => i.Summary)]);
        summary.DryRun = request.DryRun;
        summary.SubjectsSpilled = held.Spilled;
        summary.Elapsed = watch.Elapsed;
        return summary;
    }
}
