using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrialMonitor.Bench.Hosting;
using TrialMonitor.Bench.Measuring;
using static TrialMonitor.Bench.Report;

namespace TrialMonitor.Bench.Scenarios;

/// <summary>
/// Alert latency from commit to subscriber: the API as a process, one monitor subscribed to
/// `alerts` over graphql-transport-ws, and grade 3 toxicities reported over HTTP at a fixed rate,
/// each raising one alert. Latency runs from the mutation's response (the commit is done) to the
/// socket message carrying that alert, both read on this machine's monotonic clock.
/// </summary>
public static class AlertLatency
{
    public sealed record Result(int Rate, TimeSpan Duration, int Patients, int Sent, int Received, int Duplicates, Latencies Latency, double MutationP50Ms);

    /// <summary>The row in ./ops/bench's report: 20 qualifying mutations/s (10 s quick, 30 s full).</summary>
    public static async Task ReportAsync(BenchContext ctx, ApiProcess api)
    {
        var result = await RunAsync(api, rate: 20, duration: ctx.Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30), patients: 20);
        ctx.Report.Add(Figure(result));
    }

    public static Figure Figure(Result r) => new("alert latency",
        $"commit → subscriber over graphql-ws, {r.Rate} qualifying mutations/s for {r.Duration.TotalSeconds:0} s ({r.Sent} alerts, {r.Patients} patients)",
        $"p50 {Ms(r.Latency.P50)}, p99 {Ms(r.Latency.P99)}, max {Ms(r.Latency.Percentile(100))}", "", "", "p99 < 100 ms",
        r.Received == r.Sent && r.Duplicates == 0 ? Met(r.Latency.P99 < 100) : "**lost or repeated alerts**", "",
        $"received {r.Received}/{r.Sent}, {r.Duplicates} repeated; mutation round trip p50 {Ms(r.MutationP50Ms)}");

    public static async Task<Result> RunAsync(ApiProcess api, int rate, TimeSpan duration, int patients)
    {
        using var http = api.Client(TimeSpan.FromSeconds(30));
        using var admin = api.Client(TimeSpan.FromSeconds(30), "TRIALMONITOR_BENCH_ADMIN_TOKEN");
        var trial = Guid.NewGuid();
        await GraphQLAsync(admin, $$"""
            mutation { registerTrial(trialId: "{{trial}}", code: "BENCH-ALERTS", title: "Alert latency", sites: ["MDACC"],
              settings: { criteriaSet: "MDACC-2003" }) { id } }
            """);
        var patientIds = new List<Guid>();
        for (var i = 0; i < patients; i++)
        {
            var patient = Guid.NewGuid();
            patientIds.Add(patient);
            await GraphQLAsync(http, $$"""
                mutation { enrolPatient(patientId: "{{patient}}", trialId: "{{trial}}", enrolledOn: "2000-03-01",
                  baseline: { subjectId: "A{{i:000}}", site: "MDACC", ageAtEnrolment: 58, sex: FEMALE, diagnosedOn: "1997-06-01", ecog: 0,
                              spleenCmBelowCostalMargin: 0, hepatomegaly: false, clonalEvolution: false, diseaseGroupAtStandardDose: CYTOGENETIC_RESISTANCE })
                  { version } }
                """);
        }

        var committed = new ConcurrentDictionary<string, long>();
        var received = new ConcurrentDictionary<string, long>();
        var duplicates = 0;
        using var socket = await ConnectAsync(api, trial);
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            await foreach (var key in AlertsAsync(socket, stop.Token))
            {
                if (!received.TryAdd(key, Stopwatch.GetTimestamp())) Interlocked.Increment(ref duplicates);
            }
        });

        // Warm-up, not counted: the first mutations of a process compile its handlers.
        for (var i = 0; i < 10; i++) await ToxicityAsync(http, patientIds[i % patients], $"WARM-{i}");

        var mutationMs = new ConcurrentBag<double>();
        var total = (int)(rate * duration.TotalSeconds);
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>();
        for (var n = 0; n < total; n++)
        {
            // Open loop: each mutation leaves at its scheduled time, whether or not earlier ones have answered.
            var due = TimeSpan.FromSeconds((double)n / rate);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var key = $"TOX-{n:00000}";
            var patient = patientIds[n % patients];
            sends.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                await ToxicityAsync(http, patient, key);
                var done = Stopwatch.GetTimestamp();
                committed[key] = done;
                mutationMs.Add(Stopwatch.GetElapsedTime(started, done).TotalMilliseconds);
            }));
        }
        await Task.WhenAll(sends);
        var elapsed = clock.Elapsed;

        // Every alert should arrive; give the stragglers a bounded while.
        var waited = Stopwatch.StartNew();
        while (committed.Keys.Any(k => !received.ContainsKey(k)) && waited.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
        await stop.CancelAsync();
        await reader.ContinueWith(_ => { }, TaskScheduler.Default);

        var latencies = committed
            .Where(c => received.ContainsKey(c.Key))
            .Select(c => Stopwatch.GetElapsedTime(c.Value, received[c.Key]).TotalMilliseconds)
            .ToList();
        return new Result(rate, duration, patients, total, latencies.Count, duplicates, new Latencies(latencies, elapsed),
            new Latencies([.. mutationMs], elapsed).P50);
    }

    private static Task ToxicityAsync(HttpClient http, Guid patient, string key) => GraphQLAsync(http, $$"""
        mutation { reportToxicity(patientId: "{{patient}}", entryKey: "{{key}}",
          toxicity: { onsetOn: "2000-05-01", term: "Nausea", grade: 3 }) { version } }
        """);

    private static async Task GraphQLAsync(HttpClient http, string query)
    {
        using var response = await http.PostAsJsonAsync("graphql", new { query });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        if (!response.IsSuccessStatusCode || body?["errors"] is not null)
            throw new InvalidOperationException($"GraphQL {(int)response.StatusCode}: {body?.ToJsonString()}");
    }

    /// <summary>graphql-transport-ws: connection_init (with the monitor's token when there is one), then subscribe.</summary>
    private static async Task<ClientWebSocket> ConnectAsync(ApiProcess api, Guid trial)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        var token = Environment.GetEnvironmentVariable("TRIALMONITOR_BENCH_MONITOR_TOKEN") is { Length: > 0 } monitor ? monitor
            : Environment.GetEnvironmentVariable("TRIALMONITOR_BENCH_TOKEN");
        if (!string.IsNullOrEmpty(token)) socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        await socket.ConnectAsync(new Uri($"ws://{api.BaseAddress.Authority}/graphql"), CancellationToken.None);
        await SendAsync(socket, string.IsNullOrEmpty(token)
            ? new { type = "connection_init" }
            : new { type = "connection_init", payload = (object)new { Authorization = "Bearer " + token } });
        using (var ack = await ReceiveAsync(socket, CancellationToken.None))
        {
            if (ack?.RootElement.GetProperty("type").GetString() != "connection_ack")
                throw new InvalidOperationException($"no connection_ack: {ack?.RootElement}");
        }
        await SendAsync(socket, new
        {
            id = "alerts",
            type = "subscribe",
            payload = new { query = $$"""subscription { alerts(filter: { trialId: "{{trial}}" }) { cursor cause { entryKey } } }""" },
        });
        return socket;
    }

    private static async IAsyncEnumerable<string> AlertsAsync(ClientWebSocket socket, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            JsonDocument? message;
            try
            {
                message = await ReceiveAsync(socket, ct);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            if (message is null) yield break;
            using (message)
            {
                var root = message.RootElement;
                var type = root.GetProperty("type").GetString();
                if (type == "ping") await SendAsync(socket, new { type = "pong" });
                if (type == "error") throw new InvalidOperationException($"subscription error: {root}");
                if (type != "next") continue;
                var key = root.GetProperty("payload").GetProperty("data").GetProperty("alerts").GetProperty("cause").GetProperty("entryKey").GetString();
                if (key is not null) yield return key;
            }
        }
    }

    private static Task SendAsync(ClientWebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonDocument?> ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var part = await socket.ReceiveAsync(buffer, ct);
            if (part.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, part.Count);
            if (part.EndOfMessage) return JsonDocument.Parse(message.ToArray());
        }
    }

    /// <summary>./ops/bench-alerts: this scenario alone, on its own (emptied) database.</summary>
    public static async Task<int> StandaloneAsync(string root, string connectionString, int rate, int seconds, int patients, string logDirectory)
    {
        await using (var db = Npgsql.NpgsqlDataSource.Create(connectionString))
        await using (var drop = db.CreateCommand($"drop schema if exists {Api.Infrastructure.EventStore.Schema} cascade; drop schema if exists wolverine cascade"))
            await drop.ExecuteNonQueryAsync();
        await using var api = await ApiProcess.StartAsync(root, connectionString, Path.Combine(logDirectory, "api-alerts.log"));
        BenchContext.Progress($"alert latency: {rate} qualifying mutations/s for {seconds} s over {patients} patients, API pid {api.Pid}");
        var result = await RunAsync(api, rate, TimeSpan.FromSeconds(seconds), patients);
        var figure = Figure(result);
        Console.WriteLine($"""
            alert latency, commit (mutation response) -> subscriber (graphql-transport-ws message); API process and PostgreSQL on this machine ({Environment.ProcessorCount} cores)
              load      {result.Rate} grade-3 toxicity mutations/s, open loop, for {result.Duration.TotalSeconds:0} s over {result.Patients} patients; one subscriber
              alerts    {result.Received}/{result.Sent} received, {result.Duplicates} repeated
              latency   p50 {Ms(result.Latency.P50)}   p99 {Ms(result.Latency.P99)}   max {Ms(result.Latency.Percentile(100))}
              mutation  round trip p50 {Ms(result.MutationP50Ms)}
              verdict   {figure.Verdict} (target p99 < 100 ms)
            """);
        return result.Received == result.Sent && result.Duplicates == 0 ? 0 : 1;
    }
}
