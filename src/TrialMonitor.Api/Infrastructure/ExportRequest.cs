namespace TrialMonitor.Api.Infrastructure;

/// <summary>
/// What the export doors (CDISC, ODM, audit trail) check of a request before they read anything, each problem one line
/// naming the parameter, the value and what is expected: the id in the path is a GUID, the file is one they write, and
/// every query parameter is one they read (a misspelt <c>asOf</c> would otherwise export today's data without a word).
/// </summary>
public static class ExportRequest
{
    /// <summary>Where the trials' ids are found, for a refusal naming an unknown one.</summary>
    public const string TrialIdsHint = "the trials' ids: GraphQL { trials { id code } }";

    /// <summary>A path's last segment split at its last dot, "3f2c….csv" into ("3f2c…", "csv"); no dot gives no extension.</summary>
    public static (string Stem, string Extension) SplitFile(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var dot = file.LastIndexOf('.');
        return dot < 0 ? (file, "") : (file[..dot], file[(dot + 1)..]);
    }

    /// <returns>Null when the request has no query parameter but <paramref name="known"/> (any case), else the problem naming the first.</returns>
    public static string? UnknownParameter(HttpContext http, params IReadOnlyList<string> known)
    {
        ArgumentNullException.ThrowIfNull(http);
        var unknown = http.Request.Query.Keys.FirstOrDefault(key => !known.Contains(key, StringComparer.OrdinalIgnoreCase));
        if (unknown is null) return null;
        return $"unknown query parameter {Quoted.Of(unknown)}: this export takes " + (known.Count == 0 ? "none" : string.Join(", ", known));
    }

    /// <summary>
    /// Answers every other request under <paramref name="prefix"/> 404 naming the door's URLs, where routing alone would
    /// answer an empty 404 (a malformed path, a missing file name). Any signed-in user: the door's own endpoints check the roles.
    /// </summary>
    public static IEndpointRouteBuilder MapUnknownExportPaths(this IEndpointRouteBuilder app, string prefix, string door, string urls)
    {
        app.Map(prefix + "/{**path}", (HttpContext http) => PlainText.WriteAsync(http, StatusCodes.Status404NotFound,
                $"no {door} at {http.Request.Method} {Quoted.Of(http.Request.Path.Value ?? "")}: {urls}"))
            .RequireAuthorization();
        return app;
    }
}
