using Marten;
using Microsoft.AspNetCore.Http.Features;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Cdisc;

/// <summary>
/// GET /cdisc/trials/{trialId}/{sdtm|adam}/{name}.{json|ndjson|csv}[?asOf=TIME]: one dataset of a trial, streamed. The roles
/// of the cohort views; a coordinator's export holds their sites' patients. Bad input is refused before anything is read: a
/// malformed id, a query parameter other than asOf, an as-of time that is not ISO 8601 or not yet past 400; an unknown
/// model, dataset, format or trial 404; each naming the value and what is expected.
/// </summary>
public static class CdiscEndpoints
{
    private const string Urls = "GET /cdisc/trials/{trialId}/{sdtm|adam}/{name}.{json|ndjson|csv}[?asOf=TIME]";

    public static IEndpointRouteBuilder MapCdiscExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/cdisc/trials/{trialId}/{model}/{file}",
            (HttpContext http, string trialId, string model, string file, IDocumentStore store, TimeProvider clock) =>
                Export(http, store, clock, trialId, model, file))
            .RequireAuthorization(RolePolicies.PatientReaders);
        app.MapUnknownExportPaths("/cdisc", "CDISC export", Urls);
        return app;
    }

    private static async Task Export(HttpContext http, IDocumentStore store, TimeProvider clock, string id, string model, string file)
    {
        if (GivenId.Problem(id, "trialId", "trial", out var trialId) is { } badId)
        {
            await PlainText.WriteAsync(http, StatusCodes.Status400BadRequest, badId);
            return;
        }
        CdiscModel? parsed = model switch { "sdtm" => CdiscModel.Sdtm, "adam" => CdiscModel.Adam, _ => null };
        if (parsed is not { } cdiscModel)
        {
            await PlainText.WriteAsync(http, StatusCodes.Status404NotFound, $"model {Quoted.Of(model)} is not one of: sdtm, adam");
            return;
        }
        var (name, extension) = ExportRequest.SplitFile(file);
        var dataset = CdiscDatasets.Find(cdiscModel, name);
        var format = CdiscFormats.Parse(extension);
        if (dataset is null || format is null)
        {
            var names = string.Join(", ", CdiscDatasets.All.Where(d => d.Model == cdiscModel).Select(d => d.Name.ToLowerInvariant()));
            await PlainText.WriteAsync(http, StatusCodes.Status404NotFound,
                $"{Quoted.Of(file)} is not a dataset file: name one of {names}, then .json, .ndjson or .csv");
            return;
        }
        var now = clock.GetUtcNow();
        DateTimeOffset? cutoff = null;
        var asOf = http.Request.Query["asOf"];
        var problem = ExportRequest.UnknownParameter(http, "asOf");
        if (problem is null && asOf.Count > 1) problem = $"asOf given {asOf.Count} times: give one time";
        else if (problem is null && asOf.Count == 1)
        {
            problem = AsOfTime.Problem(asOf.ToString(), "asOf", now, out var at);
            cutoff = at;
        }
        if (problem is not null)
        {
            await PlainText.WriteAsync(http, StatusCodes.Status400BadRequest, problem);
            return;
        }

        await using var session = store.QuerySession();
        var source = await CdiscSource.OpenAsync(session, trialId, SiteAccess.ReadableSites(http.User), cutoff, now, http.RequestAborted);
        if (source is null)
        {
            await PlainText.WriteAsync(http, StatusCodes.Status404NotFound, await CdiscSource.NotFoundAsync(session, trialId, cutoff, http.RequestAborted));
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
