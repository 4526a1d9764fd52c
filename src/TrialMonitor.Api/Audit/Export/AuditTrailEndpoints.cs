using Marten;
using Microsoft.AspNetCore.Http.Features;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Audit.Export;

/// <summary>
/// GET /audit/patients/{id}.csv|.json and /audit/trials/{id}.csv|.json: the audit trail, streamed.
/// Auditors and admins only: the caller is the bearer token's user (the JWT middleware sets it). An admin
/// (without the auditor role) gets who did what and when, without the event data and the derived values.
/// </summary>
public static class AuditTrailEndpoints
{
    public static IEndpointRouteBuilder MapAuditTrailExport(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/audit").RequireAuthorization(RolePolicies.AuditorOrAdmin);
        audit.MapGet("/patients/{patientId:guid}.csv", (HttpContext http, Guid patientId, IDocumentStore store) =>
            ExportPatient(http, store, patientId, Format.Csv));
        audit.MapGet("/patients/{patientId:guid}.json", (HttpContext http, Guid patientId, IDocumentStore store) =>
            ExportPatient(http, store, patientId, Format.Json));
        audit.MapGet("/trials/{trialId:guid}.csv", (HttpContext http, Guid trialId, IDocumentStore store) =>
            ExportTrial(http, store, trialId, Format.Csv));
        audit.MapGet("/trials/{trialId:guid}.json", (HttpContext http, Guid trialId, IDocumentStore store) =>
            ExportTrial(http, store, trialId, Format.Json));
        return app;
    }

    private enum Format { Csv, Json }

    private static async Task ExportPatient(HttpContext http, IDocumentStore store, Guid patientId, Format format)
    {
        await using var session = store.QuerySession();
        if (!await AuditTrail.PatientExistsAsync(session, patientId, http.RequestAborted))
        {
            await PlainText.WriteAsync(http, StatusCodes.Status404NotFound, $"no patient {patientId}");
            return;
        }
        await Write(http, ForCaller(http, AuditTrail.ForPatientAsync(session, patientId, http.RequestAborted)), format, $"audit-patient-{patientId}");
    }

    private static async Task ExportTrial(HttpContext http, IDocumentStore store, Guid trialId, Format format)
    {
        await using var session = store.QuerySession();
        if (!await AuditTrail.TrialExistsAsync(session, trialId, http.RequestAborted))
        {
            await PlainText.WriteAsync(http, StatusCodes.Status404NotFound, $"no trial {trialId}");
            return;
        }
        await Write(http, ForCaller(http, AuditTrail.ForTrialAsync(session, trialId, http.RequestAborted)), format, $"audit-trial-{trialId}");
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
