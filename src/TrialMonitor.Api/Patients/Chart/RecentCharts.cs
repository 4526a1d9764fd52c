using Marten;
using Marten.Services;
using Microsoft.Extensions.Caching.Memory;

namespace TrialMonitor.Api.Patients.Chart;

/// <summary>
/// The charts this process committed last, by patient: what the chart projection folds new events
/// into instead of reading the chart back. A chart enters only after its transaction committed (a
/// session listener sees the commit), and is used only for the version that follows it, so a write by
/// another instance or a failed commit is never folded over; each use takes a copy.
/// </summary>
public sealed class RecentCharts : IDisposable
{
    /// <summary>
    /// At most this many entries are held in all: about 500 bytes each with its key (a blood count), so about
    /// 120 MiB, the charts of a few thousand patients written to lately; the others are read back when written.
    /// </summary>
    public const long MaxEntriesHeld = 250_000;

    private readonly MemoryCache charts = new(new MemoryCacheOptions { SizeLimit = MaxEntriesHeld });

    /// <summary>A copy of the chart as it was before <paramref name="firstNewVersion"/>, if it is held.</summary>
    public PatientChart? Before(Guid patientId, long firstNewVersion) =>
        charts.TryGetValue(patientId, out PatientChart? chart) && chart!.Version == firstNewVersion - 1 ? chart.Copy() : null;

    public void Committed(PatientChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        // Short charts too: reading one back costs the chart and its entries in two round trips, more than the fold.
        charts.Set(chart.Id, chart, new MemoryCacheEntryOptions { Size = chart.InForce.Count + 1 });
    }

    public void Dispose() => charts.Dispose();

    /// <summary>Hands each committed chart to the cache.</summary>
    public sealed class CommitListener(RecentCharts recent) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            ArgumentNullException.ThrowIfNull(commit);
            foreach (var chart in commit.Updated.Concat(commit.Inserted).OfType<PatientChart>()) recent.Committed(chart);
            return Task.CompletedTask;
        }
    }
}
