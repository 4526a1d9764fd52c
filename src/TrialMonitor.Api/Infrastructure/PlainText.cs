namespace TrialMonitor.Api.Infrastructure;

/// <summary>How the REST endpoints answer a refusal or a miss: a status and one line a person can read.</summary>
public static class PlainText
{
    public static async Task WriteAsync(HttpContext http, int status, string message)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message, http.RequestAborted);
    }
}
