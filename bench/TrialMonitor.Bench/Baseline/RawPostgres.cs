using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace TrialMonitor.Bench.Baseline;

/// <summary>One event row as the raw baseline writes it: the same JSON Marten stores.</summary>
public sealed record RawEvent(Guid Id, Guid StreamId, long Version, string Type, string Json);

/// <summary>
/// The same work done with plain Npgsql against PostgreSQL: the limit of the database beneath,
/// measured in the same run. Its tables (schema bench_raw) have the shape of Marten's mt_events
/// and mt_streams: a sequence primary key, unique (stream, version), jsonb data.
/// </summary>
public sealed class RawPostgres(NpgsqlDataSource db)
{
    public const string Schema = "bench_raw";
    public const string Copied = "";
    public const string Inserted = "_inserted";
    public const string SingleRows = "_single";

    public async Task ResetAsync()
    {
        await using (var drop = db.CreateCommand($"drop schema if exists {Schema} cascade; create schema {Schema};"))
            await drop.ExecuteNonQueryAsync();
        // Three sets of tables: COPY, multi-row INSERT and single-row INSERT each write their own.
        foreach (var set in new[] { Copied, Inserted, SingleRows })
        {
            await using var command = db.CreateCommand($"""
                create table {Schema}.events{set} (
                  seq_id bigserial primary key, id uuid not null, stream_id uuid not null, version bigint not null,
                  type varchar not null, data jsonb not null, timestamp timestamptz not null default now(),
                  unique (stream_id, version));
                create table {Schema}.streams{set} (
                  id uuid primary key, type varchar, version bigint not null, timestamp timestamptz not null default now());
                """);
            await command.ExecuteNonQueryAsync();
        }
        await using (var write = db.CreateCommand($"""
            create table {Schema}.charts (id uuid primary key, data jsonb not null);
            create table {Schema}.write_models (id uuid primary key, data jsonb not null);
            create table {Schema}.recorded_entries (id varchar primary key, data jsonb not null);
            create table {Schema}.chain_links (event_id uuid primary key, stream_id uuid not null, version bigint not null, hash varchar not null,
              unique (stream_id, version));
            create table {Schema}.stamps (id uuid primary key, stamp uuid not null);
            """))
            await write.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The rows one TrialMonitor write commits, in one transaction and one round trip: the event (and its
    /// stream's version), the patient's chart as a whole document, the write model, the entry by key, the
    /// chain link and the trial's change stamp. Beside <see cref="InsertOneAsync"/> it tells the work apart
    /// from the framework around it.
    /// </summary>
    public async Task WriteLikeOneEntryAsync(RawEvent e, string chartJson, string writeModelJson, Guid trialId)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        void Add(string sql, params object[] values)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
            batch.BatchCommands.Add(command);
        }
        Add($"insert into {Schema}.events{SingleRows} (id, stream_id, version, type, data) values ($1, $2, $3, $4, $5::jsonb)",
            e.Id, e.StreamId, e.Version, e.Type, e.Json);
        Add($"insert into {Schema}.streams{SingleRows} (id, type, version) values ($1, 'patient', $2) on conflict (id) do update set version = excluded.version",
            e.StreamId, e.Version);
        Add($"insert into {Schema}.charts (id, data) values ($1, $2::jsonb) on conflict (id) do update set data = excluded.data", e.StreamId, chartJson);
        Add($"insert into {Schema}.write_models (id, data) values ($1, $2::jsonb) on conflict (id) do update set data = excluded.data", e.StreamId, writeModelJson);
        Add($"insert into {Schema}.recorded_entries (id, data) values ($1, $2::jsonb) on conflict (id) do update set data = excluded.data",
            $"{e.StreamId:N}/{e.Id}", e.Json);
        Add($"insert into {Schema}.chain_links (event_id, stream_id, version, hash) values ($1, $2, $3, $4)",
            e.Id, e.StreamId, e.Version, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(e.Json))));
        Add($"insert into {Schema}.stamps (id, stamp) values ($1, $2) on conflict (id) do update set stamp = excluded.stamp", trialId, Guid.NewGuid());
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    /// <summary>One single-row INSERT, its own transaction (autocommit).</summary>
    public async Task InsertOneAsync(RawEvent e)
    {
        await using var command = db.CreateCommand(
            $"insert into {Schema}.events{SingleRows} (id, stream_id, version, type, data) values ($1, $2, $3, $4, $5::jsonb)");
        command.Parameters.Add(new() { Value = e.Id });
        command.Parameters.Add(new() { Value = e.StreamId });
        command.Parameters.Add(new() { Value = e.Version });
        command.Parameters.Add(new() { Value = e.Type });
        command.Parameters.Add(new() { Value = e.Json });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Multi-row INSERTs of up to <paramref name="rowsPerStatement"/> rows, in one transaction.</summary>
    public async Task InsertManyAsync(IReadOnlyList<RawEvent> events, IReadOnlyList<(Guid Id, long Version)> streams, int rowsPerStatement = 1000)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var chunk in streams.Chunk(rowsPerStatement))
        {
            var sql = new StringBuilder($"insert into {Schema}.streams{Inserted} (id, type, version) values ");
            await using var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "" : ",").Append($"(${(2 * i) + 1}, 'patient', ${(2 * i) + 2})");
                command.Parameters.Add(new() { Value = chunk[i].Id });
                command.Parameters.Add(new() { Value = chunk[i].Version });
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync();
        }
        foreach (var chunk in events.Chunk(rowsPerStatement))
        {
            var sql = new StringBuilder($"insert into {Schema}.events{Inserted} (id, stream_id, version, type, data) values ");
            await using var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
            for (var i = 0; i < chunk.Length; i++)
            {
                var p = 5 * i;
                sql.Append(i == 0 ? "" : ",").Append($"(${p + 1}, ${p + 2}, ${p + 3}, ${p + 4}, ${p + 5}::jsonb)");
                command.Parameters.Add(new() { Value = chunk[i].Id });
                command.Parameters.Add(new() { Value = chunk[i].StreamId });
                command.Parameters.Add(new() { Value = chunk[i].Version });
                command.Parameters.Add(new() { Value = chunk[i].Type });
                command.Parameters.Add(new() { Value = chunk[i].Json });
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>COPY ... FROM STDIN (FORMAT BINARY) of the same rows, in one transaction.</summary>
    public async Task CopyAsync(IReadOnlyList<RawEvent> events, IReadOnlyList<(Guid Id, long Version)> streams)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var importer = await connection.BeginBinaryImportAsync(
                         $"copy {Schema}.streams (id, type, version) from stdin (format binary)"))
        {
            foreach (var (id, version) in streams)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(id, NpgsqlDbType.Uuid);
                await importer.WriteAsync("patient", NpgsqlDbType.Varchar);
                await importer.WriteAsync(version, NpgsqlDbType.Bigint);
            }
            await importer.CompleteAsync();
        }
        await using (var importer = await connection.BeginBinaryImportAsync(
                         $"copy {Schema}.events (id, stream_id, version, type, data) from stdin (format binary)"))
        {
            foreach (var e in events)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(e.Id, NpgsqlDbType.Uuid);
                await importer.WriteAsync(e.StreamId, NpgsqlDbType.Uuid);
                await importer.WriteAsync(e.Version, NpgsqlDbType.Bigint);
                await importer.WriteAsync(e.Type, NpgsqlDbType.Varchar);
                await importer.WriteAsync(e.Json, NpgsqlDbType.Jsonb);
            }
            await importer.CompleteAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>Reads every stored event of the store (what a rebuild reads), all columns; returns the count.</summary>
    public async Task<long> ReadAllEventsAsync(string martenSchema)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            $"select seq_id, id, stream_id, version, type, data, timestamp from {martenSchema}.mt_events order by seq_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        long count = 0;
        while (await reader.ReadAsync())
        {
            _ = reader.GetString(5);
            count++;
        }
        return count;
    }

    /// <summary>The stored chart documents of a trial (the rows the cohort tables are computed from).</summary>
    public async Task<int> SelectChartsAsync(string martenSchema, Guid trialId, string trialIdExpression)
    {
        await using var command = db.CreateCommand(
            $"select data from {martenSchema}.mt_doc_patientchart where {trialIdExpression} = $1");
        command.Parameters.Add(new() { Value = trialId });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            _ = reader.GetString(0);
            rows++;
        }
        return rows;
    }

    /// <summary>A patient's events up to a time, in stream order (what an as-of replay reads).</summary>
    public async Task<int> SelectStreamAsOfAsync(string martenSchema, Guid streamId, DateTimeOffset asOf)
    {
        await using var command = db.CreateCommand(
            $"select version, type, data, timestamp from {martenSchema}.mt_events where stream_id = $1 and timestamp <= $2 order by version");
        command.Parameters.Add(new() { Value = streamId });
        command.Parameters.Add(new() { Value = asOf.UtcDateTime });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            _ = reader.GetString(2);
            rows++;
        }
        return rows;
    }

    /// <summary>Every event of a trial's patients, stream by stream (what an export reads), data column read; returns the count.</summary>
    public async Task<long> SelectTrialEventsAsync(string martenSchema, Guid trialId, string trialIdExpression)
    {
        await using var command = db.CreateCommand($"""
            select e.stream_id, e.version, e.type, e.data from {martenSchema}.mt_events e
            join {martenSchema}.mt_doc_patientchart c on c.id = e.stream_id
            where {trialIdExpression.Replace("data", "c.data", StringComparison.Ordinal)} = $1 order by e.stream_id, e.version
            """);
        command.Parameters.Add(new() { Value = trialId });
        await using var reader = await command.ExecuteReaderAsync();
        long rows = 0;
        while (await reader.ReadAsync())
        {
            _ = reader.GetString(3);
            rows++;
        }
        return rows;
    }
}
