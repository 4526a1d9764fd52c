using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using TrialMonitor.Api.Patients.Chart;
using Wolverine;

namespace TrialMonitor.Api.Tests.Support;

/// <summary>A host for the test run, on the real PostgreSQL that ./ops/test started (its test database).</summary>
public class AppFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public IMessageBus Bus => Host.MessageBus();

    public async Task InitializeAsync()
    {
        var connectionString = await ConnectionStringAsync();
        Host = await AlbaHost.For<Program>(builder => builder
            .UseSetting("TRIALMONITOR_DB", connectionString)
            .UseSetting("TrialMonitor:Auth:DevelopmentKey", "true")
            .UseSetting("TrialMonitor:Telemetry:Traces", "true")
            // Few, so the alert tests meet patients whose course is kept between batches and others whose course is refolded.
            .UseSetting("TrialMonitor:Alerts:CoursesHeld", "10")
            .ConfigureServices(services =>
            {
                if (CapturesTelemetry) TelemetryCapture.AddTo(services);
            }));
        // Requests without an Authorization header go as everyone (TestTokens.Everyone); a test of refusals
        // sends its own token, or "Authorization: Anonymous" for none at all.
        var everyone = "Bearer " + this.Everyone();
        Host.BeforeEach(http =>
        {
            if (!http.Request.Headers.ContainsKey("Authorization")) http.Request.Headers.Authorization = everyone;
        });
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>
    /// Whether the host exports into <see cref="TelemetryCapture"/>: the shared and the telemetry collections' hosts, which
    /// never run at once (a host exporting there beside another would report every span of the process twice).
    /// </summary>
    protected virtual bool CapturesTelemetry => true;

    protected virtual Task<string> ConnectionStringAsync() => Task.FromResult(Environment.GetEnvironmentVariable("TRIALMONITOR_DB")
        ?? throw new InvalidOperationException("TRIALMONITOR_DB is not set: run the tests with ./ops/test"));
}

/// <summary>
/// A second host on a database of its own holding the paper's demo trial (a copy of <see cref="DemoDatabase"/>), for
/// every test class that reads it (nothing resets it), beside the shared host whose tests reset theirs before each test.
/// </summary>
public sealed class DemoAppFixture : AppFixture
{
    protected override Task<string> ConnectionStringAsync() => DemoDatabase.CopyAsync("demo");

    protected override bool CapturesTelemetry => false;
}

[CollectionDefinition(Name)]
public sealed class DemoHost : ICollectionFixture<DemoAppFixture>
{
    public const string Name = "demo";
}

/// <summary>Tests that start API processes on databases of their own: one at a time, beside the in-process hosts.</summary>
[CollectionDefinition(Name)]
public sealed class SpawnedProcesses
{
    public const string Name = "processes";
}

[CollectionDefinition(Name)]
public sealed class SharedHost : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

/// <summary>
/// A host of its own for the telemetry tests, run alone after every other collection: the process's meters and activity
/// sources are static, so another host's work at the same time (the demo load, the demo host's tests) would count in theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneHost : ICollectionFixture<AppFixture>
{
    public const string Name = "alone";
}

/// <summary>Base of integration tests: a clean database before each test.</summary>
[Collection(SharedHost.Name)]
public abstract class IntegrationTest(AppFixture app) : IAsyncLifetime
{
    protected AppFixture App { get; } = app;

    protected IMessageBus Bus => App.Bus;

    public async Task InitializeAsync()
    {
        // Pauses the async daemon around the reset; deleting under a running daemon breaks its progress.
        await App.Host.ResetAllMartenDataAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    protected async Task<T?> Load<T>(Guid id) where T : notnull
    {
        await using var session = App.Store.QuerySession();
        return await session.LoadAsync<T>(id);
    }

    /// <summary>The stored chart with its entries in force.</summary>
    protected async Task<PatientChart?> LoadChart(Guid id)
    {
        await using var session = App.Store.QuerySession();
        var chart = await session.LoadAsync<PatientChart>(id);
        if (chart is not null) await ChartEntries.LoadAsync(session, [chart], CancellationToken.None);
        return chart;
    }

    protected async Task<int> EventCount(Guid streamId)
    {
        await using var session = App.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(streamId)).Count;
    }
}
