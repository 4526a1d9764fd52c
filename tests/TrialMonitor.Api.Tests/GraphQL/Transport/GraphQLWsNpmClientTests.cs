using System.Diagnostics;
using System.Text.Json;

namespace TrialMonitor.Api.Tests.GraphQL.Transport;

/// <summary>The real graphql-ws client (npm) against the transport: the interoperability the console relies on.</summary>
[Collection(SharedTransportHost.Name)]
public sealed class GraphQLWsNpmClientTests(TransportHost host)
{
    private static readonly string ClientFolder = Path.Combine(RepositoryRoot(), "tests", "graphql-ws-client");

    [Fact]
    public async Task Graphql_ws_client_runs_a_subscription_and_a_query_over_one_socket()
    {
        const string name = nameof(Graphql_ws_client_runs_a_subscription_and_a_query_over_one_socket);
        var topic = host.Events.Topic(name);
        await EnsureNodeModulesAsync();

        using var node = Start("node", Path.Combine(ClientFolder, "subscribe-and-query.mjs"), host.WebSocketUri.ToString(), name);
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await topic.WhenSubscribers(1);
        topic.Publish("one");
        topic.Publish("two");
        topic.Complete();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {await errors}");
        using var json = JsonDocument.Parse(await output);
        var result = json.RootElement;
        Assert.Equal("Hello, node", result.GetProperty("query").GetProperty("data").GetProperty("hello").GetString());
        var events = result.GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("data").GetProperty("ticks").GetString() ?? "").ToList();
        Assert.Equal(["one", "two"], events);
    }

    /// <summary>./ops/test installs the client; a plain dotnet test installs it here, once.</summary>
    private static async Task EnsureNodeModulesAsync()
    {
        await InstallOnce.Value;
    }

    private static readonly Lazy<Task> InstallOnce = new(async () =>
    {
        if (Directory.Exists(Path.Combine(ClientFolder, "node_modules", "graphql-ws"))) return;
        using var npm = Start("npm", "ci", "--no-audit", "--no-fund", "--prefix", ClientFolder);
        var errors = npm.StandardError.ReadToEndAsync();
        await npm.StandardOutput.ReadToEndAsync();
        await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        if (npm.ExitCode != 0) throw new InvalidOperationException($"npm ci failed: {await errors}");
    });

    private static Process Start(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TrialMonitor.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException("TrialMonitor.sln not found above " + AppContext.BaseDirectory);
    }
}
