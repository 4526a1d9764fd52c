using Marten;
using Microsoft.AspNetCore.Mvc;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// POST /odm/trials/{id}/import (multipart: <c>file</c> the ODM export, <c>mapping</c> its mapping JSON, none for
/// TrialMonitor's own export; <c>?dryRun=true</c>):
/// the import of ./ops/import-odm for coordinators (bound to their token's sites, as their mutations are) and admins.
/// Answers the summary and one row per refused or unmapped item, 200 when nothing was refused, 422 when something was.
/// </summary>
public static class OdmImportEndpoint
{
    public static IEndpointRouteBuilder MapOdmImport(this IEndpointRouteBuilder app)
    {
        app.MapPost("/odm/trials/{trialId:guid}/import", Import).DisableAntiforgery().RequireAuthorization(RolePolicies.CoordinatorOrAdmin)
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes));
        return app;
    }

    /// <summary>The largest upload (ASP.NET's multipart limit): a larger export is imported with ./ops/import-odm, which reads any size.</summary>
    public const long MaxUploadBytes = 128L * 1024 * 1024;

    private static async Task<IResult> Import(HttpContext http, Guid trialId, IDocumentStore store)
    {
        // Read here rather than bound by ASP.NET, whose refusal of "?dryRun=maybe" is an empty 400.
        var dryRunText = http.Request.Query["dryRun"].ToString();
        if (!bool.TryParse(dryRunText.Length == 0 ? "false" : dryRunText, out var dryRun))
            return Results.Text($"dryRun {Quoted.Of(dryRunText)} is neither true nor false", statusCode: StatusCodes.Status400BadRequest);
        var user = http.User;
        // The policy let them in as one of the two; a coordinator's writes are bound to their sites.
        var role = user.IsInRole(Roles.Coordinator) ? Roles.Coordinator : Roles.Admin;
        if (!http.Request.HasFormContentType) return Results.Text("send multipart/form-data with the parts 'file' and 'mapping'", statusCode: StatusCodes.Status400BadRequest);
        var tooLarge = $"the upload is larger than the {MaxUploadBytes} bytes this endpoint accepts: import the file with ./ops/import-odm";
        if (http.Request.ContentLength > MaxUploadBytes) return Results.Text(tooLarge, statusCode: StatusCodes.Status413PayloadTooLarge);
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException || e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return Results.Text(tooLarge, statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        if (form.Files.GetFile("file") is not { } file)
            return Results.Text("send multipart/form-data with the parts 'file' and 'mapping'", statusCode: StatusCodes.Status400BadRequest);
        var mappingFile = form.Files.GetFile("mapping");
        var (mapping, refusal) = await OdmImportPreflight.CheckAsync(store, trialId, file.OpenReadStream,
            mappingFile is null ? null : mappingFile.OpenReadStream, http.RequestAborted);
        if (refusal is not null)
            return Results.Text(refusal.Message, statusCode: refusal.UnknownTrial ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);

        var rows = new List<OdmImportRow>();
        await using var stream = file.OpenReadStream();
        var request = new OdmImportRequest(trialId, file.FileName, user.FindFirst(TrialMonitorClaims.User)?.Value ?? "anonymous", role,
            role == Roles.Admin ? WriteScope.AllSites : WriteScope.Of(SiteAccess.Sites(user)), dryRun);
        var summary = await OdmImport.For(http.RequestServices).RunAsync(stream, mapping!, request, rows.Add, cancellation: http.RequestAborted);
        return Results.Json(new { summary = summary.ToString(), summary.Enrolled, summary.Appended, summary.Corrected, summary.Voided,
            summary.AlreadyRecorded, refused = rows }, statusCode: rows.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
    }
}
