using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using TrialMonitor.Api.Audit.Chain;

namespace TrialMonitor.Api.Audit;

public static class AuditConfiguration
{
    public static StoreOptions ConfigureAudit(this StoreOptions opts)
    {
        ArgumentNullException.ThrowIfNull(opts);
        // Inline: each stream's hash chain is extended in the transaction that appends its events,
        // from the events as appended, so a later edit of mt_events no longer matches it.
        opts.Projections.Add<AuditChainProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<AuditChain>();
        // One link per event; a second link for a version is refused by the database.
        opts.Schema.For<ChainLink>().UniqueIndex(UniqueIndexType.Computed, "chain_link_stream_version", l => l.StreamId, l => l.Version);
        return opts;
    }
}
