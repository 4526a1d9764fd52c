using System.Diagnostics;
using System.Runtime.InteropServices;
using Npgsql;

namespace TrialMonitor.Bench;

/// <summary>What the figures were measured on, and how loaded the machine was.</summary>
public static class Machine
{
    public static async Task DescribeAsync(Report report, NpgsqlDataSource db, string when)
    {
        if (when == "start")
        {
            var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
            var memKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            report.Machine.Add(("CPU", $"{cpu ?? "unknown"}, {Environment.ProcessorCount} cores visible"));
            report.Machine.Add(("RAM", $"{long.Parse(memKb, System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024.0:0.0} GiB"));
            report.Machine.Add(("revision", Environment.GetEnvironmentVariable("TRIALMONITOR_BENCH_REVISION") ?? "unknown"));
            report.Machine.Add(("OS", $"{RuntimeInformation.OSDescription}; .NET {Environment.Version}"));
            await using var version = db.CreateCommand("select version()");
            report.Machine.Add(("PostgreSQL", (string)(await version.ExecuteScalarAsync())!));
            var settings = new List<string>();
            await using var command = db.CreateCommand("""
                select name, setting, unit from pg_settings
                where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_level', 'shared_buffers', 'work_mem',
                               'max_connections', 'checkpoint_timeout', 'max_wal_size', 'effective_cache_size')
                order by name
                """);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                settings.Add($"{reader.GetString(0)}={reader.GetString(1)}{(reader.IsDBNull(2) ? "" : " " + reader.GetString(2))}");
            report.Machine.Add(("PostgreSQL settings", string.Join(", ", settings) + " (same server, loopback TCP)"));
        }
        report.Machine.Add(($"load at {when}", $"{LoadAverage()}; {OtherProcesses()}"));
    }

    public static string LoadAverage() =>
        "load average " + string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + " (1/5/15 min)";

    /// <summary>Other engineers' builds and tests share the machine: count what runs besides us.</summary>
    private static string OtherProcesses()
    {
        var names = Process.GetProcesses().Select(p => { try { return p.ProcessName; } catch (InvalidOperationException) { return ""; } }).ToList();
        var dotnet = names.Count(n => n is "dotnet" or "testhost" or "VBCSCompiler") - 1;
        var postgres = names.Count(n => n == "postgres");
        var node = names.Count(n => n is "node" or "chromium" or "chrome");
        return $"{dotnet} other dotnet/testhost processes, {postgres} postgres processes, {node} node/chromium processes";
    }
}
