using System.Collections.Concurrent;
using System.Security.Claims;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrialMonitor.Api.GraphQL.Errors;
using TrialMonitor.Api.GraphQL.Transport;

namespace TrialMonitor.Api.Tests.GraphQL.Transport;

/// <summary>
/// Kestrel on a real loopback port with only the transport and the test schema. "/graphql" has the
/// default limits and "/graphql-tight" small ones for the tests of limits, both with a connection_init
/// wait long enough that no stall of a busy machine closes a socket 4408 before its client's
/// connection_init arrives; "/graphql-init-timeout" has the short wait that the tests of that wait use.
/// </summary>
public sealed class TransportHost : IAsyncLifetime
{
    public static readonly TimeSpan GenerousInitTimeout = TimeSpan.FromMinutes(2);
    // Short enough to wait for, long enough that a busy 2-core machine connects and sends connection_init within it.
    public static readonly TimeSpan ShortInitTimeout = TimeSpan.FromSeconds(5);
    public const int TightMaxOperations = 2;
    public const int TightMaxRequestBytes = 2 * 1024;

    private WebApplication app = null!;

    public Uri HttpUri { get; private set; } = null!;
    public Uri TightHttpUri { get; private set; } = null!;
    public Uri WebSocketUri { get; private set; } = null!;
    public Uri TightWebSocketUri { get; private set; } = null!;
    public Uri InitTimeoutWebSocketUri { get; private set; } = null!;
    public HttpClient Http { get; } = new();
    public TestEvents Events => app.Services.GetRequiredService<TestEvents>();
    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(Logs);
        builder.Services.AddSingleton<TestEvents>();
        builder.Services.AddGraphQL(graphQL => graphQL.AddSchema<TestSchema>());
        foreach (var type in new[] { typeof(TestQuery), typeof(TestMutation), typeof(TestSubscription), typeof(NodeType) })
        {
            builder.Services.AddTransient(type);
        }
        builder.Services.AddSingleton<IGraphQLErrorMapper, InvalidInputErrorMapper>();
        builder.Services.AddGraphQLTransport(options =>
        {
            options.ConnectionInitWaitTimeout = GenerousInitTimeout;
            options.AuthorizeCaller = caller => ValueTask.FromResult(
                caller.HttpContext.Request.Headers["X-Deny"] != "yes"
                && !(caller.ConnectionInitPayload?.TryGetProperty("deny", out var deny) == true && deny.GetBoolean()));
            options.BuildUserContext = caller => ValueTask.FromResult<IDictionary<string, object?>>(
                new Dictionary<string, object?> { ["greeting"] = $"hello from {caller.HttpContext.Request.Path}" });
        });

        app = builder.Build();
        app.Use((http, next) =>
        {
            if (http.Request.Headers["X-Test-User"] is [{ } name])
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "test"));
            }
            return next(http);
        });
        app.MapGraphQLTransport();
        app.MapGraphQLTransport("/graphql-tight", options =>
        {
            options.MaxOperationsPerConnection = TightMaxOperations;
            options.MaxRequestBytes = TightMaxRequestBytes;
        });
        app.MapGraphQLTransport("/graphql-init-timeout", options => options.ConnectionInitWaitTimeout = ShortInitTimeout);
        await app.StartAsync();

        var root = new Uri(app.Urls.Single());
        HttpUri = new Uri(root, "/graphql");
        TightHttpUri = new Uri(root, "/graphql-tight");
        WebSocketUri = new UriBuilder(HttpUri) { Scheme = "ws" }.Uri;
        TightWebSocketUri = new UriBuilder(TightHttpUri) { Scheme = "ws" }.Uri;
        InitTimeoutWebSocketUri = new UriBuilder(new Uri(root, "/graphql-init-timeout")) { Scheme = "ws" }.Uri;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await app.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedTransportHost : ICollectionFixture<TransportHost>
{
    public const string Name = "graphql-transport";
}

/// <summary>Everything logged by the test host, so tests can see that failures were logged, not shown.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Message, Exception? Exception)> entries = new();

    public IReadOnlyCollection<(string Message, Exception? Exception)> Entries => entries;

    public ILogger CreateLogger(string categoryName) => new Logger(entries);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(string, Exception?)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) entries.Enqueue((formatter(state, exception), exception));
        }
    }
}
