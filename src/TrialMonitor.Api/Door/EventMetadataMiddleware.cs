using Marten;
using Wolverine;

namespace TrialMonitor.Api.Door;

/// <summary>
/// Applied to every Wolverine handler: copies who, in which role, from where and why (sent as envelope
/// headers by <see cref="WriteActor"/>) onto the Marten session, so every event the handler appends
/// carries them. Wolverine itself gives the session the envelope's correlation id.
/// A command sent without them (an internal writer) is recorded as <c>system</c>.
/// </summary>
public static class EventMetadataMiddleware
{
    public static void Before(Envelope envelope, IDocumentSession session)
    {
        var user = Header(envelope, EventMetadata.User) ?? EventMetadata.Sources.System;
        session.SetHeader(EventMetadata.User, user);
        session.SetHeader(EventMetadata.Role, Header(envelope, EventMetadata.Role) ?? EventMetadata.Sources.System);
        session.SetHeader(EventMetadata.Source, Header(envelope, EventMetadata.Source) ?? EventMetadata.Sources.System);
        if (Header(envelope, EventMetadata.Reason) is { } reason) session.SetHeader(EventMetadata.Reason, reason);
        if (Header(envelope, EventMetadata.ImportFile) is { } file) session.SetHeader(EventMetadata.ImportFile, file);
        if (Header(envelope, EventMetadata.ImportPath) is { } path) session.SetHeader(EventMetadata.ImportPath, path);
        if (Header(envelope, EventMetadata.FhirBundle) is { } bundle) session.SetHeader(EventMetadata.FhirBundle, bundle);
        session.LastModifiedBy = user;
        if (envelope.CorrelationId is { Length: > 0 } correlation) session.CorrelationId = correlation;
    }

    private static string? Header(Envelope envelope, string name) =>
        envelope.Headers.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
