using Marten;
using Marten.Services;

namespace TrialMonitor.Api.Telemetry;

/// <summary>Counts each committed event by kind, after the commit (a rolled back append counts nothing).</summary>
internal sealed class EntriesAppendedCounter : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(commit);
        foreach (var appended in commit.GetEvents())
        {
            TrialMonitorMetrics.EntriesAppended.Add(1, new KeyValuePair<string, object?>("kind", appended.EventTypeName));
        }
        return Task.CompletedTask;
    }
}
