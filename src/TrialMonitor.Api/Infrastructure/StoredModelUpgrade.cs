using Marten;
using Npgsql;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Chart;

namespace TrialMonitor.Api.Infrastructure;

/// <summary>
/// Inline projections added after a database already held events (the patient's write model and the
/// chart's entries by key came with one) have nothing stored for the earlier streams, so commands would
/// find no patient and charts no entries. At start-up, before the API serves, they are built once from the
/// events when any patient stream lacks its write model; an advisory lock keeps instances starting
/// together from doing it twice.
/// </summary>
public sealed partial class StoredModelUpgrade(IDocumentStore store, IConfiguration configuration, ILogger<StoredModelUpgrade> logger) : IHostedService
{
    private const long LockKey = 0x74_6d_75_70_67_72_64; // "tmupgrd"

    private static readonly string[] Projections = [PatientWriteModel.Name, PatientChartProjection.Name];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(EventStore.ConnectionString(configuration));
        await connection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"select pg_advisory_lock({LockKey})", connection)) await take.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            var streams = !await ExistsAsync(connection, "mt_streams", cancellationToken) ? 0
                : await CountAsync(connection, await ExistsAsync(connection, "mt_doc_patient", cancellationToken)
                    ? $"""
                       select count(*) from {EventStore.Schema}.mt_streams s
                       where s.type = 'patient' and not exists (select 1 from {EventStore.Schema}.mt_doc_patient p where p.id = s.id)
                       """
                    : $"select count(*) from {EventStore.Schema}.mt_streams where type = 'patient'", cancellationToken);
            if (streams == 0) return;
            LogBuilding(streams);
            using var daemon = await store.BuildProjectionDaemonAsync();
            foreach (var projection in Projections) await daemon.RebuildProjectionAsync(projection, cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"select pg_advisory_unlock({LockKey})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string table, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand($"select to_regclass('{EventStore.Schema}.{table}') is not null", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellation))!;
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(cancellation))!;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Streams} patient streams were recorded before the stored write model: building it from their events")]
    private partial void LogBuilding(long streams);
}
