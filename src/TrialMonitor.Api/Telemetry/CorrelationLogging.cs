using System.Diagnostics;
using TrialMonitor.Api.Auth;

namespace TrialMonitor.Api.Telemetry;

/// <summary>
/// Gives every request a correlation id before anything logs (the client's X-Correlation-Id, else a new
/// one that the GraphQL transport then echoes), puts it in the log scope and on the request's trace.
/// </summary>
internal sealed class CorrelationLogging(ILogger<CorrelationLogging> logger) : IStartupFilter
{
    public const string TagName = "trialmonitor.correlation_id";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, proceed) =>
        {
            var correlation = http.Request.Headers[RequestOrigin.CorrelationHeader].FirstOrDefault();
            if (!RequestOrigin.IsCorrelationId(correlation))
            {
                correlation = Guid.NewGuid().ToString();
                http.Request.Headers[RequestOrigin.CorrelationHeader] = correlation;
            }
            Activity.Current?.SetTag(TagName, correlation);
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlation! }))
            {
                await proceed(http);
            }
        });
        next(app);
    };
}
