using Marten;
using Microsoft.AspNetCore.Http.Features;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Api.Trials;

namespace TrialMonitor.Api.Odm.Exporting;

/// <summary>
/// GET /odm/trials/{trialId}.xml: the trial's clinical data as ODM 1.3.2 (<see cref="OdmExport"/>), streamed. The roles
/// that read clinical data, as the CDISC exports; a coordinator's export holds their sites' patients. A malformed id or any
/// query parameter is refused 400, another file than .xml or an unknown trial 404, each naming the value.
/// </summary>
public static class OdmExportEndpoint
{
    private const string Urls = "GET /odm/trials/{trialId}.xml; POST /odm/trials/{trialId}/import";

    public static IEndpointRouteBuilder MapOdmExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/odm/trials/{file}", (HttpContext http, string file, IDocumentStore store) => Export(http, store, file))
            .RequireAuthorization(RolePolicies.PatientReaders);
        app.MapUnknownExportPaths("/odm", "ODM endpoint", Urls);
        return app;
    }

    private static async Task Export(HttpContext http, IDocumentStore store, string file)
    {
        var (id, extension) = ExportRequest.SplitFile(file);
        if (extension != "xml")
        {
            await PlainText.WriteAsync(http, StatusCodes.Status404NotFound, $"{Quoted.Of(file)} is not an ODM file: {Urls}");
            return;
        }
        if ((GivenId.Problem(id, "trialId", "trial", out var trialId) ?? ExportRequest.UnknownParameter(http)) is { } problem)
        {
            await PlainText.WriteAsync(http, StatusCodes.Status400BadRequest, problem);
            return;
        }
        await using var session = store.QuerySession();
        if (await session.LoadAsync<Trial>(trialId, http.RequestAborted) is not { } trial)
        {
            await PlainText.WriteAsync(http, StatusCodes.Status404NotFound, $"no trial {trialId}: {ExportRequest.TrialIdsHint}");
            return;
        }
        // Subjects go out as they are written; nothing below may buffer the whole response.
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{trial.Code}.odm.xml\"";
        http.Response.ContentType = "application/xml; charset=utf-8";
        await OdmExport.WriteAsync(session, trial, SiteAccess.ReadableSites(http.User), http.Response.Body, DateTimeOffset.UtcNow, http.RequestAborted);
    }
}
