using GraphQL;
using TrialMonitor.Api.Audit;
using Wolverine;

namespace TrialMonitor.Api.Auth;

/// <summary>
/// The delivery options a command is sent with: the actor's metadata as envelope headers (see
/// <see cref="EventMetadataMiddleware"/>), the sites they may write to (<see cref="WriteAccess"/>) and the request's correlation id.
/// </summary>
public static class WriteActor
{
    /// <summary>For a mutation: the caller, the role this field allowed them in, the request's source, and the reason given.</summary>
    public static DeliveryOptions From(IResolveFieldContext context, string? reason)
    {
        var origin = RequestOrigin.Of(context.UserContext);
        var user = context.User?.FindFirst(TrialMonitorClaims.User)?.Value ?? "anonymous";
        var allowed = context.FieldDefinition.GetRoles() ?? [];
        var role = allowed.FirstOrDefault(r => context.User?.IsInRole(r) == true)
            ?? context.User?.FindFirst(TrialMonitorClaims.Role)?.Value ?? "none";
        var options = Headers(new DeliveryOptions { CorrelationId = origin.CorrelationId }, user, role, origin.Source, reason);
        // Where they may write, checked by the handlers on the patient's own site (WriteAccess); admins are not bound to sites.
        if (role != Roles.Admin) options.WithHeader(WriteAccess.SitesHeader, WriteAccess.Header(context.User is { } caller ? SiteAccess.Sites(caller) : []));
        return options;
    }

    /// <summary>For the server's own writers, e.g. the demo cohort loader (source import).</summary>
    public static DeliveryOptions Internal(string user, string source, string? correlationId = null) =>
        Headers(new DeliveryOptions { CorrelationId = correlationId ?? Guid.NewGuid().ToString() }, user, EventMetadata.Sources.System, source, null);

    /// <summary>
    /// For an import by a user (source import): their sites bound the writes as a mutation's would (admins
    /// none); every event carries the file, the item group's ODM path and the EDC's reason for a change.
    /// </summary>
    public static DeliveryOptions Import(string user, string role, IReadOnlyList<string>? sites, string file, string odmPath, string? reason,
        string correlationId)
    {
        var options = Headers(new DeliveryOptions { CorrelationId = correlationId }, user, role, EventMetadata.Sources.Import, reason);
        if (role != Roles.Admin && sites is not null) options.WithHeader(WriteAccess.SitesHeader, WriteAccess.Header(sites));
        return options.WithHeader(EventMetadata.ImportFile, file).WithHeader(EventMetadata.ImportPath, odmPath);
    }

    /// <summary>
    /// For a lab's results sent as FHIR (source fhir): the sites bound the writes as a mutation's would (a lab's are
    /// every site of its trials); every event carries the Bundle's identifier.
    /// </summary>
    public static DeliveryOptions Fhir(string user, string role, IReadOnlyList<string> sites, string bundle, string correlationId) =>
        Headers(new DeliveryOptions { CorrelationId = correlationId }, user, role, EventMetadata.Sources.Fhir, null)
            .WithHeader(WriteAccess.SitesHeader, WriteAccess.Header(sites))
            .WithHeader(EventMetadata.FhirBundle, bundle);

    private static DeliveryOptions Headers(DeliveryOptions options, string user, string role, string source, string? reason)
    {
        options.WithHeader(EventMetadata.User, user).WithHeader(EventMetadata.Role, role).WithHeader(EventMetadata.Source, source);
        if (!string.IsNullOrWhiteSpace(reason)) options.WithHeader(EventMetadata.Reason, reason);
        return options;
    }
}
