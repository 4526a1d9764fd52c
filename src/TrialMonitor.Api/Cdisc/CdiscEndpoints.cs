using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Cdisc;

/// <summary>
/// GET /cdisc/trials/{trialId}/{sdtm|adam}/{name}.{json|ndjson|csv}[?asOf=TIME]: one dataset of a
/// trial, streamed. The roles of the cohort views; a coordinator's export holds their sites' patients.
/// </summary>
public static class CdiscEndpoints
{
    public static IEndpointRouteBuilder MapCdiscExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/cdisc/trials/{trialId:guid}/{model}/{file}",
            (HttpContext http, Guid trialId, string model, string file, string? asOf, IDocumentStore store, TimeProvider clock) =>
                Export(http, store, clock, trialId, model, file, asOf))
            .RequireAuthorization(RolePolicies.PatientReaders);
        return app;
    }

    private static async Task Export(HttpContext http, IDocumentStore store, TimeProvider clock, Guid trialId, string model, string file, string? asOf)
    {
        CdiscModel? parsed = model switch { "sdtm" => CdiscModel.Sdtm, "adam" => CdiscModel.Adam, _ => null };
        if (parsed is not { } cdiscModel)
        {
            await PlainText.WriteAsync(http, StatusCodes.Status404NotFound, $"model '{model}' is not one of: sdtm, adam");
            return;
        }
        var dot = file.LastIndexOf('.');
        var dataset = dot > 0 ? CdiscDatasets.Find(cdiscModel, file[..dot]) : null;
        var format = dot > 0 ? CdiscFormats.Parse(file[(dot + 1)..]) : null;
        if (dataset is null || format is null)
        {
            var names = string.Join(", ", CdiscDatasets.All.Where(d => d.Model == cdiscModel).Select(d => d.Name.ToLowerInvariant()));
            await PlainText.WriteAsync(http, StatusCodes.Status404NotFound,
                $"'{file}' is not a dataset file: name one of {names}, then .json, .ndjson or .csv");
            return;
        }
        DateTimeOffset? cutoff = null;
        if (asOf is not null)
        {
            if (!DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                await PlainText.WriteAsync(http, StatusCodes.Status400BadRequest,
                    $"asOf '{asOf}' is not a time: give an ISO 8601 date-time such as 2026-11-29T12:00:00Z");
                return;
            }
            cutoff = at;
        }

        var now = clock.GetUtcNow();
        await using var session = store.QuerySession();
        var source = await CdiscSource.OpenAsync(session, trialId, SiteAccess.ReadableSites(http.User), cutoff, now, http.RequestAborted);
        if (source is null)
        {
            await PlainText.WriteAsync(http, StatusCodes.Status404NotFound, cutoff is null ? $"no trial {trialId}" : $"no trial {trialId} as of {asOf}");
            return;
        }
        // Rows go out as they are written; nothing below may buffer the whole response.
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{dataset.Name.ToLowerInvariant()}.{format.Value.Extension()}\"";
        http.Response.ContentType = format.Value.ContentType();
        await CdiscExport.WriteAsync(session, source, dataset, format.Value, http.Response.Body, now, http.RequestAborted);
    }
}
