using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Tests.GraphQL.Transport;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Alerts;

/// <summary>
/// The real API as a child process (`dotnet TrialMonitor.Api.dll --urls http://127.0.0.1:port`) on a
/// database of its own, so a test can kill it, start another, or run two side by side.
/// </summary>
internal sealed class ApiInstance : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpClient http;

    private ApiInstance(Process process, Uri baseUri)
    {
        this.process = process;
        BaseUri = baseUri;
        http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            TestTokens.DevelopmentToken("test-user", Roles.All, TestTokens.AllTestSites));
    }

    public Uri BaseUri { get; }

    public Uri WebSocketUri => new($"ws://{BaseUri.Authority}/graphql");

    /// <summary>Whether this instance has run the alert projection (Marten logs each projection agent it starts).</summary>
    public bool RanTheAlertProjection => Output.Contains("Started projection agent Alerts:All", StringComparison.Ordinal);

    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    /// <summary>Starts the API and returns once it logs that it has started (or fails with its output).</summary>
    /// <param name="settings">More configuration, as environment variables (e.g. TrialMonitor__LoadDemoCohort).</param>
    public static async Task<ApiInstance> StartAsync(string connectionString, string asyncDaemon = "HotCold",
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var baseUri = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TrialMonitor.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUri.ToString().TrimEnd('/'));
        start.Environment["TRIALMONITOR_DB"] = connectionString;
        start.Environment["TrialMonitor__AsyncDaemon"] = asyncDaemon;
        start.Environment["TrialMonitor__Auth__DevelopmentKey"] = "true";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var instance = new ApiInstance(process, baseUri);
        process.OutputDataReceived += (_, line) => instance.Received(line.Data);
        process.ErrorDataReceived += (_, line) => instance.Received(line.Data);
        process.Exited += (_, _) => instance.started.TrySetException(new InvalidOperationException("The API exited:\n" + instance.Output));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await instance.started.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            await instance.DisposeAsync();
            throw new TimeoutException($"The API did not start within {StartTimeout}:\n{instance.Output}");
        }
        return instance;
    }

    /// <summary>SIGKILL: no shutdown, no flushing; whatever was committed is all there is.</summary>
    public async Task KillAsync()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a container runtime stops an instance; returns once the process has exited.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        if (process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        await process.WaitForExitAsync().WaitAsync(timeout);
    }

    /// <summary>A GET without authentication (the health endpoints need none): status and body.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text) : null);
    }

    /// <summary>A GET as the test user: status, Retry-After and the body as text.</summary>
    public async Task<(HttpStatusCode Status, TimeSpan? RetryAfter, string Body)> GetTextAsync(string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, response.Headers.RetryAfter?.Delta, await response.Content.ReadAsStringAsync());
    }

    /// <summary>POSTs a GraphQL operation and returns its data, failing on errors.</summary>
    public async Task<JsonObject> GraphQLAsync(string query, object? variables = null)
    {
        var (_, _, body) = await PostGraphQLAsync(query, variables);
        Assert.True(body["errors"] is null, $"Unexpected errors: {body["errors"]?.ToJsonString()}");
        return body["data"]!.AsObject();
    }

    /// <summary>POSTs a GraphQL operation: the whole answer, status and Retry-After included.</summary>
    public async Task<(HttpStatusCode Status, TimeSpan? RetryAfter, JsonNode Body)> PostGraphQLAsync(string query, object? variables = null)
    {
        using var response = await http.PostAsJsonAsync("/graphql", new { query, variables });
        return (response.StatusCode, response.Headers.RetryAfter?.Delta, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
        http.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
        if (line.Contains("Application started", StringComparison.Ordinal)) started.TrySetResult();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A fresh database next to the test database (its name + suffix), dropped and created again: empty, or a copy of
    /// <paramref name="template"/> (a database of the same server nobody is connected to).
    /// </summary>
    public static async Task<string> FreshDatabaseAsync(string suffix, string? template = null)
    {
        var test = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("TRIALMONITOR_DB")
            ?? throw new InvalidOperationException("TRIALMONITOR_DB is not set: run the tests with ./ops/test"));
        var database = $"{test.Database}_{suffix}";
        var admin = new NpgsqlConnectionStringBuilder(test.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"drop database if exists \"{database}\" with (force)", connection))
            await drop.ExecuteNonQueryAsync();
        var copy = template is null ? "" : $" template \"{template}\"";
        await using (var create = new NpgsqlCommand($"create database \"{database}\"{copy}", connection))
            await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(test.ConnectionString) { Database = database }.ConnectionString;
    }
}

/// <summary>The GraphQL operations the over-the-wire alert tests send, with literal values.</summary>
internal static class WireOperations
{
    public static async Task<(Guid Trial, Guid Patient)> TrialWithPatientAsync(this ApiInstance api)
    {
        var trial = Guid.NewGuid();
        var patient = Guid.NewGuid();
        await api.GraphQLAsync($$"""
            mutation { registerTrial(trialId: "{{trial}}", code: "CML-110", title: "Imatinib dose escalation", sites: ["MDACC"],
              settings: { criteriaSet: "MDACC-2003" }) { id } }
            """);
        await api.GraphQLAsync($$"""
            mutation { enrolPatient(patientId: "{{patient}}", trialId: "{{trial}}", enrolledOn: "2000-03-01",
              baseline: { subjectId: "001", site: "MDACC", ageAtEnrolment: 58, sex: FEMALE, diagnosedOn: "1997-06-01", ecog: 0,
                          spleenCmBelowCostalMargin: 0, hepatomegaly: false, clonalEvolution: false, diseaseGroupAtStandardDose: CYTOGENETIC_RESISTANCE })
              { version } }
            """);
        return (trial, patient);
    }

    /// <summary>A grade 3 toxicity: one alert. Returns once the mutation's response is in, i.e. after the commit.</summary>
    public static Task<JsonObject> ToxicityAsync(this ApiInstance api, Guid patient, string entryKey, int grade = 3) =>
        api.GraphQLAsync($$"""
            mutation { reportToxicity(patientId: "{{patient}}", entryKey: "{{entryKey}}",
              toxicity: { onsetOn: "2000-05-01", term: "Nausea", grade: {{grade}} }) { version } }
            """);

    public static string AlertsSubscription(string? after = null) =>
        "subscription { alerts" + (after is null ? "" : $"(after: \"{after}\")") + " { id cursor kind cause { entryKey } } }";

    /// <summary>The next alert pushed on the socket for the operation.</summary>
    public static async Task<JsonElement> NextAlertAsync(this WsTestClient client, string id)
    {
        // Alerts are raised by the async daemon: as patient as the daemon tests, not the socket's 10 s.
        var message = await client.ReceiveAsync(AlertScenario.DaemonTimeout);
        Assert.True(message.GetProperty("type").GetString() == "next" && message.GetProperty("id").GetString() == id,
            $"Expected a next message for {id}, got {message}");
        var payload = message.GetProperty("payload");
        Assert.False(payload.TryGetProperty("errors", out var errors), $"Unexpected errors: {errors}");
        return payload.GetProperty("data").GetProperty("alerts").Clone();
    }

    public static string? EntryKey(this JsonElement alert) => alert.GetProperty("cause").GetProperty("entryKey").GetString();
}

/// <summary>Waits, without polling, until the database holds a number of alerts: LISTENs on the alert channel, then checks on each notification.</summary>
internal static class AlertDatabase
{
    public static async Task WaitForAlertsAsync(string connectionString, int count, TimeSpan timeout)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using (var listen = new NpgsqlCommand($"LISTEN {Api.Alerts.AlertProjection.Channel}", connection))
            await listen.ExecuteNonQueryAsync();
        using var deadline = new CancellationTokenSource(timeout);
        while (await CountAsync(connection) < count)
        {
            try
            {
                await connection.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Fewer than {count} alerts after {timeout} (found {await CountAsync(connection)})");
            }
        }
    }

    public static async Task<long> CountAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "select count(*) from pg_tables where schemaname = 'trialmonitor' and tablename = 'mt_doc_alert'", connection);
        if ((long)(await command.ExecuteScalarAsync())! == 0) return 0;
        await using var alerts = new NpgsqlCommand("select count(*) from trialmonitor.mt_doc_alert", connection);
        return (long)(await alerts.ExecuteScalarAsync())!;
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
