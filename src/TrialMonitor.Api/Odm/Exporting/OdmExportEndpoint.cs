using Marten;
using Microsoft.AspNetCore.Http.Features;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Api.Trials;

namespace TrialMonitor.Api.Odm.Exporting;

/// <summary>
/// GET /odm/trials/{trialId}.xml: the trial's clinical data as ODM 1.3.2 (<see cref="OdmExport"/>), streamed. The roles
/// that read clinical data, as the CDISC exports; a coordinator's export holds their sites' patients.
/// </summary>
public static class OdmExportEndpoint
{
    public static IEndpointRouteBuilder MapOdmExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/odm/trials/{trialId:guid}.xml", (HttpContext http, Guid trialId, IDocumentStore store) => Export(http, store, trialId))
            .RequireAuthorization(RolePolicies.PatientReaders);
        return app;
    }

    private static async Task Export(HttpContext http, IDocumentStore store, Guid trialId)
    {
        await using var session = store.QuerySession();
        if (await session.LoadAsync<Trial>(trialId, http.RequestAborted) is not { } trial)
        {
            await PlainText.WriteAsync(http, StatusCodes.Status404NotFound, $"no trial {trialId}");
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
