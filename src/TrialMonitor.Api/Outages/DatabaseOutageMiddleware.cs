namespace TrialMonitor.Api.Outages;

/// <summary>
/// Answers a request that failed because the database is unavailable with 503 and Retry-After instead of a
/// bare 500, for every endpoint (GraphQL answers its own UNAVAILABLE error inside the response).
/// </summary>
internal sealed partial class DatabaseOutageMiddleware(RequestDelegate next, ILogger<DatabaseOutageMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception e) when (DatabaseOutage.Is(e) && !http.Response.HasStarted)
        {
            LogOutage(e, http.Request.Path);
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(DatabaseOutage.Message, http.RequestAborted);
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Path} answered 503: the database is unavailable")]
    private partial void LogOutage(Exception exception, string path);
}

public static class DatabaseOutageRegistration
{
    public static IApplicationBuilder UseDatabaseOutageAnswers(this IApplicationBuilder app) =>
        app.UseMiddleware<DatabaseOutageMiddleware>();
}
