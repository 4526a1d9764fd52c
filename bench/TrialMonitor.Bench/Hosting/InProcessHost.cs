using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrialMonitor.Api.Door;
using Wolverine;

namespace TrialMonitor.Bench.Hosting;

/// <summary>
/// The API's own host (Program.cs as is, on an in-memory server) in this process: the in-process
/// write path, bulk ingest, rebuild, cohort tables and replay run against its services.
/// </summary>
public sealed class InProcessHost : IAsyncDisposable
{
    private readonly IAlbaHost host;

    private InProcessHost(IAlbaHost host) => this.host = host;

    public IDocumentStore Store => host.Services.GetRequiredService<IDocumentStore>();

    public IServiceProvider Services => host.Services;

    /// <summary>What the bench's commands are sent as: the server's own writer, at every site.</summary>
    public static DeliveryOptions Writer => WriteActor.Internal("bench", EventMetadata.Sources.System, WriteScope.AllSites);

    /// <summary>A message bus for one concurrent writer (a bus is a per-scope context).</summary>
    public IMessageBus NewBus() => host.MessageBus();

    /// <summary>An HTTP client of the API in memory (the test server: the whole ASP.NET Core pipeline, no socket), with the bench's token.</summary>
    public HttpClient InMemoryClient()
    {
        var http = host.Server.CreateClient();
        if (Environment.GetEnvironmentVariable("TRIALMONITOR_BENCH_TOKEN") is { Length: > 0 } token)
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static async Task<InProcessHost> StartAsync(string repositoryRoot, string connectionString)
    {
        // The test server looks for the API's content root beside a solution file next to the bench binary.
        var contentRoot = Path.Combine(repositoryRoot, "src", "TrialMonitor.Api");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TRIALMONITOR_API", contentRoot);
        // Wolverine would take this executable for the application and find no handlers in it.
        WolverineOptions.RememberedApplicationAssembly = typeof(Program).Assembly;
        JasperFx.JasperFxOptions.RememberedApplicationAssembly = typeof(Program).Assembly;
        var host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseContentRoot(contentRoot);
            builder.UseSetting("TRIALMONITOR_DB", connectionString);
            builder.UseSetting("TrialMonitor:Auth:DevelopmentKey", "true");
            builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        });
        return new InProcessHost(host);
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();
}
