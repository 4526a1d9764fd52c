using Marten;
using Microsoft.AspNetCore.Http.Features;
using TrialMonitor.Api.Auth;
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
        app.MapGet("/odm/trials/{trialId:guid}.xml", (HttpContext http, Guid trialId, IDocumentStore store) => Export(http, store, trialId));
        return app;
    }

    private static async Task Export(HttpContext http, IDocumentStore store, Guid trialId)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await Refuse(http, StatusCodes.Status401Unauthorized, "send a bearer token: Authorization: Bearer <token>");
            return;
        }
        if (!Roles.PatientReaders.Any(role => user.IsInRole(role) || user.HasClaim(TrialMonitorClaims.Role, role)))
        {
            await Refuse(http, StatusCodes.Status403Forbidden, $"the ODM export needs role {string.Join(", ", Roles.PatientReaders)} (as the cohort views)");
            return;
        }
        await using var session = store.QuerySession();
        if (await session.LoadAsync<Trial>(trialId, http.RequestAborted) is not { } trial)
        {
            await Refuse(http, StatusCodes.Status404NotFound, $"no trial {trialId}");
            return;
        }
        // Subjects go out as they are written; nothing below may buffer the whole response.
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{trial.Code}.odm.xml\"";
        http.Response.ContentType = "application/xml; charset=utf-8";
        await OdmExport.WriteAsync(session, trial, SiteAccess.ReadableSites(user), http.Response.Body, DateTimeOffset.UtcNow, http.RequestAborted);
    }

    private static async Task Refuse(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message, http.RequestAborted);
    }
}
