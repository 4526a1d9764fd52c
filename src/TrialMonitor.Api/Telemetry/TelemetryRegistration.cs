using JasperFx.OpenTelemetry;
using Marten;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TrialMonitor.Api.GraphQL.Transport;

namespace TrialMonitor.Api.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>
    /// Traces (requests, GraphQL operations, Wolverine handlers, Marten, Npgsql) and metrics (ASP.NET Core and
    /// <see cref="TrialMonitorMetrics"/>), exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (with the
    /// other standard OTEL_* variables); JSON console logs with the correlation id when TrialMonitor:Logging:Json is true.
    /// Traces are recorded only when something takes them (OTLP, or TrialMonitor:Telemetry:Traces for an exporter
    /// added in process): recorded for nobody, the spans of one write cost more than a millisecond.
    /// </summary>
    public static WebApplicationBuilder AddTrialMonitorTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var traces = otlp || builder.Configuration.GetValue<bool>("TrialMonitor:Telemetry:Traces");
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("trialmonitor-api"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(TrialMonitorMetrics.MeterName, "Wolverine*", "Marten*"));
        if (traces)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddSource(GraphQLTransportTelemetry.SourceName, "Wolverine", "Marten")
                .AddNpgsql());
        }
        if (otlp) telemetry.UseOtlpExporter();

        builder.Services.ConfigureMarten(options =>
        {
            if (traces) options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
            options.Listeners.Add(new EntriesAppendedCounter());
            options.Projections.AsyncListeners.Add(new AlertsRaisedCounter());
        });
        builder.Services.AddHostedService<DaemonLagSampler>();
        builder.Services.AddTransient<IStartupFilter, CorrelationLogging>();

        if (builder.Configuration.GetValue<bool>("TrialMonitor:Logging:Json"))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        return builder;
    }
}
