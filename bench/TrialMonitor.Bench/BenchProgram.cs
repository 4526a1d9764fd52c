using Marten.Events;
using Npgsql;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Bench.Baseline;
using TrialMonitor.Bench.Generation;
using TrialMonitor.Bench.Hosting;
using TrialMonitor.Bench.Scenarios;
using static TrialMonitor.Bench.Report;

namespace TrialMonitor.Bench;

/// <summary>
/// ./ops/bench: TrialMonitor measured against raw PostgreSQL in the same run, on a database of its
/// own (which it empties first). Options: --quick, --seed N, --output FILE (default ops/benchmarks.md),
/// --sizes 1000,10000 (growth trials; the cohort queries use the 10 000 one, else the largest), --rebuild-events N,
/// --rebuild (stop after the bulk ingest and rebuild figures), --writes (the write figures alone), --odm [--items N] (the ODM import figure alone),
/// --cohort (the cohort query figures alone).
/// </summary>
public static class BenchProgram
{
    /// <summary>The runs of a few figures, printed rather than written over the report file.</summary>
    private static readonly string[] PrintedOnly = ["--cdisc", "--writes", "--rebuild", "--odm", "--cohort"];

    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--alerts"))
        {
            // ./ops/bench-alerts: the alert-latency scenario alone.
            var benchDb = Environment.GetEnvironmentVariable("TRIALMONITOR_BENCH_DB")
                ?? throw new InvalidOperationException("TRIALMONITOR_BENCH_DB is not set: run ./ops/bench-alerts");
            var repo = Option(args, "--repo") ?? FindRepositoryRoot();
            var logDirectory = Path.Combine(repo, ".data", "bench");
            Directory.CreateDirectory(logDirectory);
            return await AlertLatency.StandaloneAsync(repo, benchDb, int.Parse(Option(args, "--rate") ?? "20", System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(Option(args, "--seconds") ?? "30", System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(Option(args, "--patients") ?? "20", System.Globalization.CultureInfo.InvariantCulture), logDirectory);
        }

        var quick = args.Contains("--quick");
        var seed = int.Parse(Option(args, "--seed") ?? "2003", System.Globalization.CultureInfo.InvariantCulture);
        var root = Option(args, "--repo") ?? FindRepositoryRoot();
        var output = Option(args, "--output") ?? Path.Combine(root, "ops", "benchmarks.md");
        var connectionString = Environment.GetEnvironmentVariable("TRIALMONITOR_BENCH_DB")
            ?? throw new InvalidOperationException("TRIALMONITOR_BENCH_DB is not set: run ./ops/bench");
        var logs = Path.Combine(root, ".data", "bench");
        Directory.CreateDirectory(logs);

        await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 200 }.ConnectionString);
        var ctx = new BenchContext
        {
            Quick = quick, Seed = seed, RepositoryRoot = root, ConnectionString = connectionString, Db = db,
            Raw = new RawPostgres(db), Report = new Report(), LogDirectory = logs,
        };
        await Machine.DescribeAsync(ctx.Report, db, "start");
        BenchContext.Progress($"{(quick ? "quick" : "full")} run, seed {seed}, database {new NpgsqlConnectionStringBuilder(connectionString).Database}; {Machine.LoadAverage()}");

        // The report is rewritten after every figure, so a run that fails part-way still leaves what it measured.
        var analysis = Path.Combine(root, "bench", "TrialMonitor.Bench", "Analysis.md");
        var analysisText = File.Exists(analysis) ? await File.ReadAllTextAsync(analysis) : "";
        var complete = false;
        if (!PrintedOnly.Any(args.Contains) || Option(args, "--output") is not null)
            ctx.Report.Written += () => File.WriteAllText(output, ctx.Report.Markdown(
            (quick ? "quick mode" : "full mode") + (complete ? "" : ", **incomplete: the run stopped or is still running after the last figure**"),
            quick ? "./ops/bench --quick" : "./ops/bench", analysisText));

        await ResetAsync(ctx);
        if (args.Contains("--writes")) return await WritesAloneAsync(ctx);
        if (args.Contains("--odm"))
        {
            // ./ops/bench --odm [--items N]: the ODM import figure alone, printed.
            await using var odmHost = await InProcessHost.StartAsync(ctx.RepositoryRoot, ctx.ConnectionString);
            await OdmImport.RunAsync(ctx, odmHost, long.Parse(Option(args, "--items") ?? "1000000", System.Globalization.CultureInfo.InvariantCulture));
            ctx.Report.Print();
            return 0;
        }
        if (args.Contains("--cohort")) return await CohortAloneAsync(ctx, Option(args, "--sizes") is { } size ? int.Parse(size, System.Globalization.CultureInfo.InvariantCulture) : 10_000);
        if (args.Contains("--cdisc")) return await CdiscAloneAsync(ctx, Option(args, "--sizes") is { } only ? int.Parse(only, System.Globalization.CultureInfo.InvariantCulture) : 10_000);
        var sizes = Option(args, "--sizes")?.Split(',').Select(int.Parse).ToArray() ?? (quick ? [1_000, 10_000] : [1_000, 10_000, 100_000]);
        var rebuildEvents = Option(args, "--rebuild-events") is { } r ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture)
            : quick ? 100_000 : 1_000_000;
        var growth = new List<IngestResult>();
        HttpGap.InProcess gap;

        await using (var host = await InProcessHost.StartAsync(root, connectionString))
        {
            // Bulk ingest of one trial sized for the rebuild, then the rebuild over everything stored.
            var perPatient = ScaleCohort.Patients(seed, 1, "R", 500).Average(p => p.Commands.Count);
            var ingest = await Ingest.TrialAsync(ctx, host, 1, "R", (int)Math.Ceiling(rebuildEvents / perPatient));
            ctx.Report.Add(new Figure("bulk ingest", $"generated trial, {N(ingest.Patients)} patients, {N(ingest.Events)} events (StartStream batches, inline charts)",
                $"{N(ingest.EventsPerSecond)} events/s", $"{N(ingest.CopyEventsPerSecond)} events/s (COPY binary)",
                Percent(ingest.EventsPerSecond / ingest.CopyEventsPerSecond), "≥ 50 % of COPY",
                Met(ingest.EventsPerSecond >= 0.5 * ingest.CopyEventsPerSecond), MiB(ingest.PeakMiB),
                $"raw multi-row INSERT {N(ingest.InsertEventsPerSecond)} events/s ({Percent(ingest.EventsPerSecond / ingest.InsertEventsPerSecond)}); bench process memory includes the generated chunk"));
            await Rebuild.RunAsync(ctx, host);
            if (args.Contains("--rebuild"))
            {
                // ./ops/bench --rebuild: the bulk ingest and rebuild figures alone, printed.
                ctx.Report.Print();
                return 0;
            }

            // Growth: trials of 1k, 10k (and 100k) patients, ingest and cohort query at each size.
            for (var i = 0; i < sizes.Length; i++)
            {
                var code = $"G{sizes[i] / 1000}K";
                var result = await Ingest.TrialAsync(ctx, host, 2 + i, code, sizes[i]);
                growth.Add(result);
                var caughtUp = await Measuring.Latencies.TimeAsync(() => host.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(60)));
                ctx.Report.Notes.Add($"After ingesting {code} the async daemon (alerts) needed {caughtUp.TotalSeconds:0.0} s more to catch up.");
                var (cached, afterChange, full, raw) = await CohortQueries.SingleClientAsync(ctx, host, result.TrialId, result.WritablePatientIds, quick ? 3 : 5);
                ctx.Report.Growth.Add(new GrowthPoint(result.Patients, result.Events, result.EventsPerSecond, result.CopyEventsPerSecond,
                    cached, afterChange, full, raw, await ChartKiBAsync(ctx, result.TrialId)));
            }
            if (quick) ctx.Report.Notes.Add("Quick run: growth stops at 10 000 patients (the full run adds 100 000).");

            gap = await WritesInProcessAsync(ctx, host, growth[0]);
            var tenThousand = growth.FirstOrDefault(g => g.Patients == 10_000) ?? growth[^1];
            await CohortQueries.RunAsync(ctx, host, tenThousand.TrialId, tenThousand.Patients, tenThousand.WritablePatientIds);
            await Replay.RunAsync(ctx, host, 2);
            await CdiscExports.RunAsync(ctx, host, tenThousand.TrialId, tenThousand.Patients);
        }

        // No host is up here, so no async daemon reacts to these appends.
        await AppendLayers.RunAsync(ctx, growth[0].PatientIds);

        await using (var api = await ApiProcess.StartAsync(root, connectionString, Path.Combine(logs, "api.log")))
        {
            await WritesOverHttpAsync(ctx, api, growth[0], gap);
            var tenThousand = growth.FirstOrDefault(g => g.Patients == 10_000) ?? growth[^1];
            await CohortQueries.OverHttpAsync(ctx, api, tenThousand.TrialId, tenThousand.Patients);
            await AlertLatency.ReportAsync(ctx, api);
        }

        complete = true;
        await Machine.DescribeAsync(ctx.Report, db, "end");
        ctx.Report.Print();
        ctx.Report.Write();
        BenchContext.Progress($"written {output}");
        return 0;
    }

    /// <summary>
    /// ./ops/bench --cdisc [--sizes N]: a generated trial of N patients (10 000) ingested, then the CDISC export
    /// figure alone, printed (the full report file is left as it is unless --output names one).
    /// </summary>
    private static async Task<int> CdiscAloneAsync(BenchContext ctx, int patients)
    {
        await using var host = await InProcessHost.StartAsync(ctx.RepositoryRoot, ctx.ConnectionString);
        var trial = await Ingest.TrialAsync(ctx, host, 2, $"C{patients / 1000}K", patients);
        BenchContext.Progress($"ingested {N(trial.Patients)} patients, {N(trial.Events)} events; exporting");
        await CdiscExports.RunAsync(ctx, host, trial.TrialId, trial.Patients);
        await Machine.DescribeAsync(ctx.Report, ctx.Db, "end");
        ctx.Report.Print();
        return 0;
    }

    /// <summary>
    /// ./ops/bench --cohort [--sizes N]: a generated trial of N patients (10 000) ingested, then the cohort query figures alone:
    /// in-process (one read, 32 readers, after a change, a process's first read) and over HTTP against a freshly started API
    /// process (its first read, then 1 and 32 clients); printed (the report file only with --output).
    /// </summary>
    private static async Task<int> CohortAloneAsync(BenchContext ctx, int patients)
    {
        IngestResult trial;
        await using (var host = await InProcessHost.StartAsync(ctx.RepositoryRoot, ctx.ConnectionString))
        {
            trial = await Ingest.TrialAsync(ctx, host, 2, $"Q{patients / 1000}K", patients);
            await host.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(30));
            await CohortQueries.RunAsync(ctx, host, trial.TrialId, trial.Patients, trial.WritablePatientIds);
        }
        await using (var api = await ApiProcess.StartAsync(ctx.RepositoryRoot, ctx.ConnectionString, Path.Combine(ctx.LogDirectory, "api.log")))
        {
            await api.ProjectionsCaughtUpAsync(TimeSpan.FromMinutes(30));
            await CohortQueries.OverHttpAsync(ctx, api, trial.TrialId, trial.Patients);
        }
        await Machine.DescribeAsync(ctx.Report, ctx.Db, "end");
        ctx.Report.Print();
        return 0;
    }

    /// <summary>
    /// ./ops/bench --writes: the write figures alone (appends at 1, 4, 16 writers, write growth, the cost by layer), in-process
    /// and over HTTP, on a generated trial of 1 000 patients; printed (the report file only with --output).
    /// </summary>
    private static async Task<int> WritesAloneAsync(BenchContext ctx)
    {
        IngestResult trial;
        HttpGap.InProcess gap;
        await using (var host = await InProcessHost.StartAsync(ctx.RepositoryRoot, ctx.ConnectionString))
        {
            trial = await Ingest.TrialAsync(ctx, host, 2, "W1K", 1_000);
            gap = await WritesInProcessAsync(ctx, host, trial);
        }
        await AppendLayers.RunAsync(ctx, trial.PatientIds);
        await using (var api = await ApiProcess.StartAsync(ctx.RepositoryRoot, ctx.ConnectionString, Path.Combine(ctx.LogDirectory, "api.log")))
        {
            await WritesOverHttpAsync(ctx, api, trial, gap);
        }
        await Machine.DescribeAsync(ctx.Report, ctx.Db, "end");
        ctx.Report.Print();
        return 0;
    }

    /// <summary>Single writes in-process: appends at 1, 4 and 16 writers, one patient's growth, the in-process side of the HTTP gap.</summary>
    private static async Task<HttpGap.InProcess> WritesInProcessAsync(BenchContext ctx, InProcessHost host, IngestResult trial)
    {
        await Appends.InProcessAsync(ctx, host, trial.WritablePatientIds, "INPROC");
        await WriteGrowth.InProcessAsync(ctx, host, trial.TrialId, ScaleCohort.Sites[0]);
        await host.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(30));
        return await HttpGap.InProcessAsync(host, trial.TrialId, ScaleCohort.Sites[0]);
    }

    /// <summary>The same writes as GraphQL mutations to the API process, and the HTTP gap.</summary>
    private static async Task WritesOverHttpAsync(BenchContext ctx, ApiProcess api, IngestResult trial, HttpGap.InProcess gap)
    {
        await Appends.OverHttpAsync(ctx, api, await StoreForJsonAsync(ctx.ConnectionString), trial.WritablePatientIds, "HTTP");
        await WriteGrowth.OverHttpAsync(ctx, api, trial.TrialId, ScaleCohort.Sites[0]);
        await HttpGap.OverSocketAsync(ctx, api, trial.TrialId, ScaleCohort.Sites[0], gap);
    }

    /// <summary>Empties the bench database: the event store's schema and the raw baseline's tables.</summary>
    private static async Task ResetAsync(BenchContext ctx)
    {
        await using (var drop = ctx.Db.CreateCommand($"drop schema if exists {EventStore.Schema} cascade; drop schema if exists wolverine cascade"))
            await drop.ExecuteNonQueryAsync();
        await ctx.Raw.ResetAsync();
    }

    private static async Task<double> ChartKiBAsync(BenchContext ctx, Guid trialId)
    {
        await using var command = ctx.Db.CreateCommand(
            $"select avg(pg_column_size(data)) from {EventStore.Schema}.mt_doc_patientchart where {CohortQueries.TrialIdExpression} = $1");
        command.Parameters.Add(new() { Value = trialId });
        return Convert.ToDouble(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>A store with the API's serializer, only to produce the raw baseline's JSON and read stored documents (no host, no daemon, no DDL).</summary>
    private static Task<Marten.IDocumentStore> StoreForJsonAsync(string connectionString) =>
        Task.FromResult<Marten.IDocumentStore>(Marten.DocumentStore.For(opts =>
        {
            opts.Connection(connectionString);
            opts.DatabaseSchemaName = EventStore.Schema;
            opts.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
            opts.UseTrialMonitorJson();
        }));

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TrialMonitor.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
