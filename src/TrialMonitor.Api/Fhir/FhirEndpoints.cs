using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using TrialMonitor.Api.Auth;

namespace TrialMonitor.Api.Fhir;

/// <summary>
/// FHIR R4 at its own base URL, /fhir/r4: POST a transaction or batch Bundle of a lab's results (coordinators and
/// labs), GET metadata (the CapabilityStatement, public as FHIR has it), GET Observation (a search of what is in force).
/// </summary>
public static class FhirEndpoints
{
    public static IEndpointRouteBuilder MapFhir(this IEndpointRouteBuilder app)
    {
        app.MapPost(FhirJson.Base, (Delegate)RecordAsync).DisableAntiforgery();
        app.MapGet(FhirJson.Base + "/metadata", (HttpContext http) =>
            FhirJson.Result(FhirCapabilities.Statement($"{http.Request.Scheme}://{http.Request.Host}{FhirJson.Base}"), StatusCodes.Status200OK));
        app.MapGet(FhirJson.Base + "/Observation", (Delegate)ObservationSearch.SearchAsync);
        return app;
    }

    private static async Task<IResult> RecordAsync(HttpContext http)
    {
        var (caller, refusal) = FhirCaller.Of(http, Roles.Coordinator, Roles.Lab);
        if (refusal is not null) return refusal;
        if (!FhirJson.IsFhirJson(http.Request.ContentType))
            return Outcomes.Refusal(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported,
                $"send {FhirJson.MediaType} (got '{http.Request.ContentType}')");
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        Resource resource;
        try
        {
            resource = FhirJson.Parse(body);
        }
        catch (DeserializationFailedException failed)
        {
            return FhirJson.Result(Outcomes.Of(failed.Exceptions.Select(e => Outcomes.Error(OperationOutcome.IssueType.Structure, null, e.Message))),
                StatusCodes.Status400BadRequest);
        }
        if (resource is not Bundle { Type: Bundle.BundleType.Transaction or Bundle.BundleType.Batch } bundle)
            return Outcomes.Refusal(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid,
                $"send a Bundle of type transaction or batch (got {(resource is Bundle other ? $"a Bundle of type {other.Type.GetLiteral()}" : $"a {resource.TypeName}")})");
        var correlationId = http.Request.Headers[RequestOrigin.CorrelationHeader].FirstOrDefault() is { } incoming && RequestOrigin.IsCorrelationId(incoming)
            ? incoming
            : Guid.NewGuid().ToString();
        http.Response.Headers[RequestOrigin.CorrelationHeader] = correlationId;
        return await LabBundle.RecordAsync(bundle, caller!, http.RequestServices, correlationId, http.RequestAborted);
    }
}
