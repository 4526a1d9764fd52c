namespace TrialMonitor.Api.Audit.Chain;

/// <summary>One link of a stream's hash chain: the hash of the event at this version chained to every event before it.</summary>
/// <param name="Id">The chained event's id.</param>
public sealed record ChainLink(Guid Id, Guid StreamId, long Version, string Hash);
