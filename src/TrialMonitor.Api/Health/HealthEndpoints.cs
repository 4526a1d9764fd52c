namespace TrialMonitor.Api.Health;

/// <summary>
/// /health/live: the process answers (restart it when not). /health/ready: it can serve (send it
/// traffic only when 200; 503 with the failing checks otherwise). /health stays as liveness.
/// </summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services) =>
        services.AddSingleton<Readiness>();

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/health", () => "ok");
        app.MapGet("/health/live", () => Results.Json(new { status = "live" }));
        app.MapGet("/health/ready", async (Readiness readiness, CancellationToken cancellation) =>
        {
            var report = await readiness.CheckAsync(cancellation);
            return Results.Json(
                new { status = report.Ready ? "ready" : "not ready", checks = report },
                statusCode: report.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
