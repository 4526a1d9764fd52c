namespace TrialMonitor.Api.Door;

/// <summary>
/// The client decided on a stream version that is no longer current (someone else wrote in between);
/// thrown before any event is returned, so nothing is appended.
/// </summary>
public sealed class VersionConflictException(Guid streamId, long expectedVersion, long actualVersion)
    : Exception($"Expected version {expectedVersion} of stream {streamId}, but it is at version {actualVersion}; reload and decide again")
{
    public Guid StreamId { get; } = streamId;

    public long ExpectedVersion { get; } = expectedVersion;

    public long ActualVersion { get; } = actualVersion;

    public static void ThrowIfStale(Guid streamId, long? expectedVersion, long actualVersion)
    {
        if (expectedVersion is { } expected && expected != actualVersion)
            throw new VersionConflictException(streamId, expected, actualVersion);
    }
}
