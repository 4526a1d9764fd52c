using Marten;
using Microsoft.AspNetCore.Http.Features;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Audit.Export;

/// <summary>
/// GET /audit/patients/{id}.csv|.json and /audit/trials/{id}.csv|.json: the audit trail, streamed.
/// Auditors and admins only: the caller is the bearer token's user (the JWT middleware sets it). An admin
/// (without the auditor role) gets who did what and when, without the event data and the derived values.
/// A malformed id or any query parameter is refused 400, another file than .csv or .json or an unknown patient or trial 404.
/// </summary>
public static class AuditTrailEndpoints
{
    private const string Urls = "GET /audit/patients/{patientId}.{csv|json}; GET /audit/trials/{trialId}.{csv|json}";

    public static IEndpointRouteBuilder MapAuditTrailExport(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/audit").RequireAuthorization(RolePolicies.AuditorOrAdmin);
        audit.MapGet("/patients/{file}", (HttpContext http, string file, IDocumentStore store) => Export(http, store, file, Of.Patient));
        audit.MapGet("/trials/{file}", (HttpContext http, string file, IDocumentStore store) => Export(http, store, file, Of.Trial));
        app.MapUnknownExportPaths("/audit", "audit trail export", Urls);
        return app;
    }

    private enum Of { Patient, Trial }

    private enum Format { Csv, Json }

    private static async Task Export(HttpContext http, IDocumentStore store, string file, Of of)
    {
        var what = of == Of.Patient ? "patient" : "trial";
        var (id, extension) = ExportRequest.SplitFile(file);
        Format? format = extension switch { "csv" => Format.Csv, "json" => Format.Json, _ => null };
        if (format is null)
        {
            await PlainText.WriteAsync(http, StatusCodes.Status404NotFound, $"{Quoted.Of(file)} is not an audit trail file: {Urls}");
            return;
        }
        if ((GivenId.Problem(id, $"{what}Id", what, out var streamId) ?? ExportRequest.UnknownParameter(http)) is { } problem)
        {
            await PlainText.WriteAsync(http, StatusCodes.Status400BadRequest, problem);
            return;
        }
        await using var session = store.QuerySession();
        var exists = of == Of.Patient
            ? await AuditTrail.PatientExistsAsync(session, streamId, http.RequestAborted)
            : await AuditTrail.TrialExistsAsync(session, streamId, http.RequestAborted);
        if (!exists)
        {
            await PlainText.WriteAsync(http, StatusCodes.Status404NotFound, of == Of.Patient
                ? $"no patient {streamId}: the patients' ids: GraphQL query patients(trialId)"
                : $"no trial {streamId}: {ExportRequest.TrialIdsHint}");
            return;
        }
        var rows = of == Of.Patient
            ? AuditTrail.ForPatientAsync(session, streamId, http.RequestAborted)
            : AuditTrail.ForTrialAsync(session, streamId, http.RequestAborted);
        await Write(http, ForCaller(http, rows), format.Value, $"audit-{what}-{streamId}");
    }

    private static async Task Write(HttpContext http, IAsyncEnumerable<AuditTrailRow> rows, Format format, string fileName)
    {
        // Rows go out as they are written; nothing below may buffer the whole response.
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.Headers.CacheControl = "no-store";
        var extension = format == Format.Csv ? "csv" : "json";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.{extension}\"";
        http.Response.ContentType = format == Format.Csv ? AuditTrailFormats.CsvContentType : AuditTrailFormats.JsonContentType;
        if (format == Format.Csv) await AuditTrailFormats.WriteCsvAsync(rows, http.Response.Body, http.RequestAborted);
        else await AuditTrailFormats.WriteJsonAsync(rows, http.Response.Body, http.RequestAborted);
    }

    private static IAsyncEnumerable<AuditTrailRow> ForCaller(HttpContext http, IAsyncEnumerable<AuditTrailRow> rows) =>
        http.User.IsInRole(Roles.Auditor) ? rows : rows.Select(row => row.WithoutClinicalValues());
}
