using System.Runtime.CompilerServices;
using Marten;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// The subjects of a Transactional import (an audit stream names any subject again at any point, until the end of the
/// file): at most <c>capacity</c> of them in memory, the most recently read; the one read longest ago is written to the
/// <see cref="OdmSubjectSpill"/> (opened at the first such) and let go, and read back when the file comes back to it.
/// So memory holds a bounded number of subjects however many the file names, and the disk what the file said of the others.
/// </summary>
public sealed class OdmHeldSubjects(IDocumentStore store, int capacity) : IAsyncDisposable
{
    private readonly int capacity = capacity >= 1 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "hold at least one subject");
    private readonly LinkedList<OdmSubjectImport> recent = new();
    private readonly Dictionary<string, LinkedListNode<OdmSubjectImport>> held = new(StringComparer.Ordinal);
    private OdmSubjectSpill? spill;
    private long named;

    /// <summary>How many subjects were let go to the spill (each time one was).</summary>
    public long Spilled { get; private set; }

    /// <summary>The subject, held as the most recently read: as held, else as spilled, else new.</summary>
    public async Task<OdmSubjectImport> EnterAsync(string subjectKey, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(subjectKey);
        if (held.Remove(subjectKey, out var node)) recent.Remove(node);
        else
        {
            var subject = (spill is null ? null : await spill.LoadAsync(subjectKey, cancellation)) ?? new OdmSubjectImport(subjectKey, named++);
            while (held.Count >= capacity)
            {
                var oldest = recent.Last!.Value;
                recent.RemoveLast();
                held.Remove(oldest.SubjectKey);
                spill ??= await OdmSubjectSpill.OpenAsync(store, cancellation);
                await spill.SaveAsync(oldest, cancellation);
                Spilled++;
            }
            node = new LinkedListNode<OdmSubjectImport>(subject);
        }
        recent.AddFirst(node);
        held[subjectKey] = node;
        return node.Value;
    }

    /// <summary>At the end of the file: every subject it named, in file order, one at a time, and none held after.</summary>
    public async IAsyncEnumerable<OdmSubjectImport> AllAsync([EnumeratorCancellation] CancellationToken cancellation)
    {
        var inMemory = recent.OrderBy(s => s.FileOrder).ToList();
        recent.Clear();
        held.Clear();
        if (spill is null)
        {
            foreach (var subject in inMemory) yield return subject;
            yield break;
        }
        foreach (var subject in inMemory) await spill.SaveAsync(subject, cancellation);
        inMemory.Clear();
        await foreach (var subject in spill.UnfinishedAsync(cancellation)) yield return subject;
    }

    public async ValueTask DisposeAsync()
    {
        if (spill is not null) await spill.DisposeAsync();
    }
}
