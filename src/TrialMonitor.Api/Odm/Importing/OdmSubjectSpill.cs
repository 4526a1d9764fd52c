using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Marten;
using Npgsql;
using NpgsqlTypes;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Odm.Reading;
using TrialMonitor.Api.Patients;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// The subjects of a Transactional import that its importer no longer holds in memory, in two temporary tables of one
/// PostgreSQL session (the import's own: nobody else sees them, and they go with the session): per subject its
/// enrolment items, patient id, first enrolment group, refusal and, in a dry run, the write model and entries it decided
/// on; per item group its merged item values (ODM text, as the file gave them) and what it still waits for.
/// </summary>
public sealed class OdmSubjectSpill : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly ISerializer json;
    private readonly string subjects;
    private readonly string groups;

    private OdmSubjectSpill(NpgsqlConnection connection, ISerializer json)
    {
        this.connection = connection;
        this.json = json;
        var name = $"odm_import_{Guid.NewGuid():N}";
        (subjects, groups) = (name + "_subjects", name + "_groups");
    }

    public static async Task<OdmSubjectSpill> OpenAsync(IDocumentStore store, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(store);
        var connection = store.Storage.Database.CreateConnection();
        var spill = new OdmSubjectSpill(connection, store.Options.Serializer());
        try
        {
            await connection.OpenAsync(cancellation);
            await using var create = new NpgsqlCommand(
                $"create temporary table {spill.subjects} (subject_key text primary key, first_seen bigint not null, state jsonb not null);" +
                $"create temporary table {spill.groups} (subject_key text not null, path text not null, item_values jsonb not null, waiting jsonb, " +
                "primary key (subject_key, path));", connection);
            await create.ExecuteNonQueryAsync(cancellation);
        }
        catch
        {
            await spill.DisposeAsync();
            throw;
        }
        return spill;
    }

    /// <summary>Writes the subject and the groups it changed since it was last written, in one round trip.</summary>
    public async Task SaveAsync(OdmSubjectImport subject, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(subject);
        await using var batch = new NpgsqlBatch(connection);
        var state = new NpgsqlBatchCommand(
            $"insert into {subjects} (subject_key, first_seen, state) values ($1, $2, $3) on conflict (subject_key) do update set state = excluded.state");
        state.Parameters.Add(new NpgsqlParameter { Value = subject.SubjectKey });
        state.Parameters.Add(new NpgsqlParameter { Value = subject.FileOrder });
        state.Parameters.Add(new NpgsqlParameter { Value = json.ToJson(SpilledSubject.Of(subject)), NpgsqlDbType = NpgsqlDbType.Jsonb });
        batch.BatchCommands.Add(state);
        if (subject.Changed.Count > 0)
        {
            var paths = subject.Changed.ToArray();
            var values = new List<string>(paths.Length);
            var waiting = new List<string?>(paths.Length);
            foreach (var path in paths)
            {
                values.Add(json.ToJson(subject.Merged[path]));
                waiting.Add(subject.Waiting.TryGetValue(path, out var wait) ? json.ToJson(wait) : null);
            }
            var changed = new NpgsqlBatchCommand(
                $"insert into {groups} (subject_key, path, item_values, waiting) select $1, p, v::jsonb, w::jsonb from unnest($2::text[], $3::text[], $4::text[]) as t(p, v, w) " +
                "on conflict (subject_key, path) do update set item_values = excluded.item_values, waiting = excluded.waiting");
            changed.Parameters.Add(new NpgsqlParameter { Value = subject.SubjectKey });
            changed.Parameters.Add(new NpgsqlParameter { Value = paths, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            changed.Parameters.Add(new NpgsqlParameter { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            changed.Parameters.Add(new NpgsqlParameter { Value = waiting.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            batch.BatchCommands.Add(changed);
        }
        await batch.ExecuteNonQueryAsync(cancellation);
        subject.Spilled();
    }

    /// <summary>The subject as last written, with every item group's merged values; null when it was never written.</summary>
    public async Task<OdmSubjectImport?> LoadAsync(string subjectKey, CancellationToken cancellation)
    {
        OdmSubjectImport? subject = null;
        await using var command = new NpgsqlCommand(
            $"select s.first_seen, s.state, g.path, g.item_values, g.waiting from {subjects} s left join {groups} g on g.subject_key = s.subject_key " +
            "where s.subject_key = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = subjectKey });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            subject ??= json.FromJson<SpilledSubject>(reader, 1).ToSubject(subjectKey, reader.GetInt64(0));
            if (await reader.IsDBNullAsync(2, cancellation)) continue;
            var path = reader.GetString(2);
            subject.Merged[path] = json.FromJson<Dictionary<string, string?>>(reader, 3);
            if (!await reader.IsDBNullAsync(4, cancellation)) subject.Waiting[path] = json.FromJson<OdmWaitingGroup>(reader, 4);
        }
        return subject;
    }

    /// <summary>
    /// Every subject written here, in file order, with the groups still waiting for a field (not their merged values:
    /// what the end of the file reports), one subject at a time.
    /// </summary>
    public async IAsyncEnumerable<OdmSubjectImport> UnfinishedAsync([EnumeratorCancellation] CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select s.subject_key, s.first_seen, s.state, g.waiting from {subjects} s left join {groups} g on g.subject_key = s.subject_key and g.waiting is not null " +
            "order by s.first_seen", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        OdmSubjectImport? subject = null;
        while (await reader.ReadAsync(cancellation))
        {
            var key = reader.GetString(0);
            if (subject?.SubjectKey != key)
            {
                if (subject is not null) yield return subject;
                subject = json.FromJson<SpilledSubject>(reader, 2).ToSubject(key, reader.GetInt64(1));
            }
            if (await reader.IsDBNullAsync(3, cancellation)) continue;
            var waiting = json.FromJson<OdmWaitingGroup>(reader, 3);
            subject.Waiting[waiting.Group.Path] = waiting;
        }
        if (subject is not null) yield return subject;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var drop = new NpgsqlCommand($"drop table if exists {groups}, {subjects}", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>What a subject is besides its item groups, as stored (a dry run's write model and entries included).</summary>
    private sealed record SpilledSubject(
        Dictionary<string, string?> EnrolmentItems,
        Guid? PatientId,
        OdmItemGroup? FirstSeen,
        string? Refusal,
        Patient? Patient,
        IReadOnlyList<RecordedEntry>? Recorded)
    {
        public static SpilledSubject Of(OdmSubjectImport subject) =>
            new(subject.EnrolmentItems, subject.PatientId, subject.FirstSeen, subject.Refusal, subject.Patient?.Patient,
                subject.Patient?.Recorded.Values.ToList());

        public OdmSubjectImport ToSubject(string subjectKey, long firstSeen) =>
            new(subjectKey, firstSeen)
            {
                EnrolmentItems = new Dictionary<string, string?>(EnrolmentItems, StringComparer.Ordinal),
                PatientId = PatientId,
                FirstSeen = FirstSeen,
                Refusal = Refusal,
                Patient = Patient is null ? null : new ImportedPatient(Patient, (Recorded ?? []).ToImmutableDictionary(e => e.Entry.EntryKey)),
            };
    }
}
