using System.Text.Json;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Odm.Layout;
using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Odm.Reading;

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
        app.MapPost("/odm/trials/{trialId:guid}/import", Import).DisableAntiforgery().RequireAuthorization(RolePolicies.CoordinatorOrAdmin);
        return app;
    }

    private static async Task<IResult> Import(HttpContext http, Guid trialId, bool? dryRun)
    {
        var user = http.User;
        // The policy let them in as one of the two; a coordinator's writes are bound to their sites.
        var role = user.IsInRole(Roles.Coordinator) ? Roles.Coordinator : Roles.Admin;
        if (!http.Request.HasFormContentType) return Results.Text("send multipart/form-data with the parts 'file' and 'mapping'", statusCode: StatusCodes.Status400BadRequest);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form.Files.GetFile("file") is not { } file)
            return Results.Text("send multipart/form-data with the parts 'file' and 'mapping'", statusCode: StatusCodes.Status400BadRequest);
        OdmMapping mapping;
        if (form.Files.GetFile("mapping") is not { } mappingFile)
        {
            await using var peek = file.OpenReadStream();
            if (OdmReader.SourceSystemOf(peek) is var source && source != OdmLayout.SourceSystem)
                return Results.Text($"send the part 'mapping': the file was not exported by TrialMonitor (ODM/@SourceSystem is '{source}')",
                    statusCode: StatusCodes.Status400BadRequest);
            mapping = OdmLayoutMapping.Mapping;
        }
        else
        {
            try
            {
                await using var mappingStream = mappingFile.OpenReadStream();
                mapping = await JsonSerializer.DeserializeAsync<OdmMapping>(mappingStream, OdmMapping.Json, http.RequestAborted)
                    ?? throw new JsonException("empty mapping");
            }
            catch (JsonException e)
            {
                return Results.Text($"mapping: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
            }
        }

        var rows = new List<OdmImportRow>();
        await using var stream = file.OpenReadStream();
        var request = new OdmImportRequest(trialId, file.FileName, user.FindFirst(TrialMonitorClaims.User)?.Value ?? "anonymous", role,
            role == Roles.Admin ? WriteScope.AllSites : WriteScope.Of(SiteAccess.Sites(user)), dryRun == true);
        var summary = await OdmImport.For(http.RequestServices).RunAsync(stream, mapping, request, rows.Add, cancellation: http.RequestAborted);
        return Results.Json(new { summary = summary.ToString(), summary.Enrolled, summary.Appended, summary.Corrected, summary.Voided,
            summary.AlreadyRecorded, refused = rows }, statusCode: rows.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
    }
}
