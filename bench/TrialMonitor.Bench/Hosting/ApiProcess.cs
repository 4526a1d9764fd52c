using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Bench.Hosting;

/// <summary>
/// The API as it runs in production: its Release build started as a child process (Kestrel,
/// Program.cs as is), on a free loopback port, logging to a file.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string connectionString;

    private ApiProcess(Process process, Uri baseAddress, string connectionString)
    {
        this.process = process;
        BaseAddress = baseAddress;
        this.connectionString = connectionString;
    }

    public Uri BaseAddress { get; }

    public int Pid => process.Id;

    /// <summary>
    /// An HTTP client for the API, with a bearer token from the environment: the bench's coordinator
    /// (TRIALMONITOR_BENCH_TOKEN) unless another variable is named, e.g. TRIALMONITOR_BENCH_ADMIN_TOKEN to register trials.
    /// </summary>
    public HttpClient Client(TimeSpan? timeout = null, string tokenVariable = "TRIALMONITOR_BENCH_TOKEN")
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromMinutes(10) };
        if (Environment.GetEnvironmentVariable(tokenVariable) is { Length: > 0 } token)
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>
    /// Waits until the API's async daemon has processed every event stored now (its shards' progress past the
    /// newest event), so a measurement does not share the machine with the backlog of the one before.
    /// </summary>
    public async Task ProjectionsCaughtUpAsync(TimeSpan timeout)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var newest = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {EventStore.Schema}.mt_events", connection);
        var target = (long)(await newest.ExecuteScalarAsync())!;
        await using var behind = new NpgsqlCommand(
            // Shards are named projection:shard; the HighWater… rows are the daemon's own bookkeeping.
            $"select count(*) from {EventStore.Schema}.mt_event_progression where name like '%:%' and last_seq_id < @target", connection);
        behind.Parameters.AddWithValue("target", target);
        var waited = Stopwatch.StartNew();
        while ((long)(await behind.ExecuteScalarAsync())! > 0)
        {
            if (waited.Elapsed > timeout) throw new TimeoutException($"the API's async daemon did not reach event {target} within {timeout}");
            await Task.Delay(100);
        }
    }

    public static async Task<ApiProcess> StartAsync(string repositoryRoot, string connectionString, string logFile)
    {
        var apiDirectory = Path.Combine(repositoryRoot, "src", "TrialMonitor.Api");
        var dll = Path.Combine(apiDirectory, "bin", "Release", "net10.0", "TrialMonitor.Api.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: build the API in Release first (./ops/bench does)");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = apiDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["TRIALMONITOR_DB"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Tokens from ./ops/token are signed with the development key unless a signing key is set.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TrialMonitor__Auth__SigningKey")))
            start.Environment["TrialMonitor__Auth__DevelopmentKey"] = "true";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the API");
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}/"), connectionString);
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the API exited with {process.ExitCode}; see {logFile}");
            try
            {
                if ((await http.GetAsync(new Uri("health", UriKind.Relative))).IsSuccessStatusCode) return api;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(200);
        }
        await api.DisposeAsync();
        throw new TimeoutException($"the API did not answer /health within 90 s; see {logFile}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
