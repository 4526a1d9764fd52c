using System.Diagnostics;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Bench.Hosting;
using TrialMonitor.Bench.Measuring;
using static TrialMonitor.Bench.Report;

namespace TrialMonitor.Bench.Scenarios;

/// <summary>
/// Where a GraphQL mutation over HTTP spends what the same command sent in-process does not. One patient, its
/// chart kept by the process that writes (<see cref="Api.Patients.Chart.RecentCharts"/>, so every write does the same work), gets
/// blood counts in turns: the command on the bus; the mutation through ASP.NET Core and GraphQL in memory (the
/// test server, no socket); and later the mutation over a loopback socket to the API process. <c>{ __typename }</c>
/// in memory and over the socket gives the transport alone. Turns interleave, so load on the machine falls on each alike.
/// </summary>
public static class HttpGap
{
    /// <summary>Untimed writes first: code generation, JIT and the connection pool warmed on this path.</summary>
    private const int Warm = 20;
    private const int Turns = 300;
    private const string Typename = "{ __typename }";

    /// <summary>The in-process side of the comparison, p50 in ms.</summary>
    public sealed record InProcess(Latencies Command, Latencies Mutation, Latencies Typename);

    public static async Task<InProcess> InProcessAsync(InProcessHost host, Guid trialId, string site)
    {
        ArgumentNullException.ThrowIfNull(host);
        BenchContext.Progress($"HTTP gap in-process: {Turns} turns of a command, a mutation and {Typename} in memory");
        using var http = host.InMemoryClient();
        var patient = await WriteGrowth.EnrolOverHttpAsync(http, trialId, site, "GAP-IN");
        var bus = host.NewBus();
        for (var i = 0; i < Warm; i++) await PostCountAsync(http, patient, $"WARM-{i}");
        var (command, mutation, typename) = (new List<double>(), new List<double>(), new List<double>());
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Turns; i++)
        {
            command.Add(await TimeAsync(async () =>
            {
                var result = await bus.RecordAsync(new RecordEntry(new BloodCountRecorded(patient, $"BUS-{i}", Appends.Count)), InProcessHost.Writer, CancellationToken.None);
                if (result.AlreadyRecorded) throw new InvalidOperationException("a gap entry was a repeat");
            }));
            mutation.Add(await TimeAsync(() => PostCountAsync(http, patient, $"MEM-{i}")));
            typename.Add(await TimeAsync(() => Appends.PostAsync(http, Typename, new { })));
        }
        return new InProcess(new Latencies(command, watch.Elapsed), new Latencies(mutation, watch.Elapsed), new Latencies(typename, watch.Elapsed));
    }

    public static async Task OverSocketAsync(BenchContext ctx, ApiProcess api, Guid trialId, string site, InProcess inProcess)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(inProcess);
        await api.ProjectionsCaughtUpAsync(TimeSpan.FromMinutes(30));
        BenchContext.Progress($"HTTP gap over a socket: {Turns} turns of a mutation and {Typename}");
        using var http = api.Client();
        var patient = await WriteGrowth.EnrolOverHttpAsync(http, trialId, site, "GAP-SOCK");
        for (var i = 0; i < Warm; i++) await PostCountAsync(http, patient, $"WARM-{i}");
        var (mutation, typename) = (new List<double>(), new List<double>());
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Turns; i++)
        {
            mutation.Add(await TimeAsync(() => PostCountAsync(http, patient, $"SOCK-{i}")));
            typename.Add(await TimeAsync(() => Appends.PostAsync(http, Typename, new { })));
        }
        var socket = new Latencies(mutation, watch.Elapsed);
        var socketTypename = new Latencies(typename, watch.Elapsed);
        var gap = socket.P50 - inProcess.Command.P50;
        ctx.Report.Add(new Figure("HTTP gap", $"one kept patient, {Turns} blood counts each way: GraphQL mutation over a socket vs the command in-process, p50",
            $"{Ms(socket.P50)} vs {Ms(inProcess.Command.P50)}", "", $"+{Ms(gap)}", "within 1.5 ms", Met(gap <= 1.5), "",
            $"the mutation in memory (ASP.NET Core and GraphQL, no socket) {Ms(inProcess.Mutation.P50)}; " +
            $"{Typename} in memory {Ms(inProcess.Typename.P50)}, over the socket {Ms(socketTypename.P50)}; p99 command {Ms(inProcess.Command.P99)}, " +
            $"in memory {Ms(inProcess.Mutation.P99)}, socket {Ms(socket.P99)}"));
    }

    private static Task PostCountAsync(HttpClient http, Guid patient, string entryKey) =>
        Appends.PostAsync(http, Appends.Mutation, new { patientId = patient, entryKey, count = Appends.CountInput(Appends.Count.CollectedOn) });

    private static async Task<double> TimeAsync(Func<Task> work) => (await Latencies.TimeAsync(work)).TotalMilliseconds;
}
