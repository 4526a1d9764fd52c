using Marten;
using Npgsql;
using TrialMonitor.Bench.Baseline;

namespace TrialMonitor.Bench;

/// <summary>What every scenario shares: the options of this run, the database, the raw baseline and the report.</summary>
public sealed class BenchContext
{
    public required bool Quick { get; init; }
    public required int Seed { get; init; }
    public required string RepositoryRoot { get; init; }
    public required string ConnectionString { get; init; }
    public required NpgsqlDataSource Db { get; init; }
    public required RawPostgres Raw { get; init; }
    public required Report Report { get; init; }
    public required string LogDirectory { get; init; }

    /// <summary>How long each concurrent-load measurement runs.</summary>
    public TimeSpan RunFor => Quick ? TimeSpan.FromSeconds(4) : TimeSpan.FromSeconds(15);

    /// <summary>Marten's JSON for an event or document, exactly as it stores it.</summary>
    public static string Json(IDocumentStore store, object value) => store.Options.Serializer().ToJson(value);

    public static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
