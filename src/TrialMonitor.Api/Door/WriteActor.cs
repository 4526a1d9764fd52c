using GraphQL;
using TrialMonitor.Api.Auth;
using Wolverine;

namespace TrialMonitor.Api.Door;

/// <summary>
/// The delivery options a command is sent with: the actor's metadata as envelope headers (see
/// <see cref="EventMetadataMiddleware"/>), the sites they may write to (<see cref="WriteScope"/>, always stated) and the
/// request's correlation id.
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
        // Admins are not bound to sites; everyone else to the sites of their token.
        var scope = role == Roles.Admin ? WriteScope.AllSites : WriteScope.Of(context.User is { } caller ? SiteAccess.Sites(caller) : []);
        return Headers(new DeliveryOptions { CorrelationId = origin.CorrelationId }, user, role, origin.Source, scope, reason);
    }

    /// <summary>For the server's own writers, e.g. the demo cohort loader (source import), which say where they write.</summary>
    public static DeliveryOptions Internal(string user, string source, WriteScope scope, string? correlationId = null) =>
        Headers(new DeliveryOptions { CorrelationId = correlationId ?? Guid.NewGuid().ToString() }, user, EventMetadata.Sources.System, source, scope, null);

    /// <summary>
    /// For an import (source import): a user's sites bound the writes as a mutation's would (an admin's and the
    /// command line's none); every event carries the file, the item group's ODM path and the EDC's reason for a change.
    /// </summary>
    public static DeliveryOptions Import(string user, string role, WriteScope scope, string file, string odmPath, string? reason,
        string correlationId) =>
        Headers(new DeliveryOptions { CorrelationId = correlationId }, user, role, EventMetadata.Sources.Import, scope, reason)
            .WithHeader(EventMetadata.ImportFile, file).WithHeader(EventMetadata.ImportPath, odmPath);

    /// <summary>
    /// For a lab's results sent as FHIR (source fhir): the sites bound the writes as a mutation's would (a lab's are
    /// every site of its trials); every event carries the Bundle's identifier.
    /// </summary>
    public static DeliveryOptions Fhir(string user, string role, IReadOnlyList<string> sites, string bundle, string correlationId) =>
        Headers(new DeliveryOptions { CorrelationId = correlationId }, user, role, EventMetadata.Sources.Fhir, WriteScope.Of(sites), null)
            .WithHeader(EventMetadata.FhirBundle, bundle);

    private static DeliveryOptions Headers(DeliveryOptions options, string user, string role, string source, WriteScope scope, string? reason)
    {
        options.WithHeader(EventMetadata.User, user).WithHeader(EventMetadata.Role, role).WithHeader(EventMetadata.Source, source)
            .WithHeader(WriteScope.Header, scope.HeaderValue);
        if (!string.IsNullOrWhiteSpace(reason)) options.WithHeader(EventMetadata.Reason, reason);
        return options;
    }
}
