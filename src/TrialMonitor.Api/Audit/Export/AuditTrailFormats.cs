using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Audit.Export;

/// <summary>
/// Writes an audit trail as CSV or as a JSON array while it is read. Output is flushed to the client
/// whenever the source has to wait (the next patient stream is being read) and every few hundred
/// rows, so the first rows of a large trial arrive long before the last are read.
/// </summary>
public static class AuditTrailFormats
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string JsonContentType = "application/json; charset=utf-8";

    private const int RowsPerFlush = 256;

    public static readonly IReadOnlyList<string> CsvColumns =
    [
        "recorded_at", "user", "role", "source", "reason", "correlation_id",
        "trial_id", "patient_id", "subject_id", "site", "version", "sequence", "event_id", "event_type", "entry_key",
        "changed", "derived_before", "derived_after", "data",
    ];

    public static async Task WriteCsvAsync(IAsyncEnumerable<AuditTrailRow> rows, Stream body, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(body);
        var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteLineAsync(string.Join(',', CsvColumns).AsMemory(), cancellation);
            await EachRowAsync(rows, async row =>
            {
                var e = row.Event;
                string?[] fields =
                [
                    Timestamp(e.RecordedAt), e.User, e.Role, e.Source, e.Reason, e.CorrelationId,
                    row.TrialId.ToString("D"), row.PatientId?.ToString("D"), row.SubjectId, row.Site,
                    e.Version.ToString(CultureInfo.InvariantCulture), e.Sequence.ToString(CultureInfo.InvariantCulture),
                    e.EventId.ToString("D"), e.Type, row.EntryKey,
                    string.Join(' ', row.Changes.Select(c => c.Field)),
                    string.Join("; ", row.Changes.Select(c => $"{c.Field}: {c.Before ?? "-"}")),
                    string.Join("; ", row.Changes.Select(c => $"{c.Field}: {c.After ?? "-"}")),
                    e.DataJson,
                ];
                await writer.WriteLineAsync(CsvField.Line(fields).AsMemory(), cancellation);
            }, () => FlushAsync(writer, body, cancellation), cancellation);
            await FlushAsync(writer, body, cancellation);
        }
    }

    public static async Task WriteJsonAsync(IAsyncEnumerable<AuditTrailRow> rows, Stream body, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(body);
        var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartArray();
            await EachRowAsync(rows, row =>
            {
                var e = row.Event;
                writer.WriteStartObject();
                writer.WriteString("recordedAt", Timestamp(e.RecordedAt));
                writer.WriteString("user", e.User);
                writer.WriteString("role", e.Role);
                writer.WriteString("source", e.Source);
                writer.WriteString("reason", e.Reason);
                writer.WriteString("correlationId", e.CorrelationId);
                writer.WriteString("trialId", row.TrialId);
                if (row.PatientId is { } patientId) writer.WriteString("patientId", patientId);
                else writer.WriteNull("patientId");
                writer.WriteString("subjectId", row.SubjectId);
                writer.WriteString("site", row.Site);
                writer.WriteNumber("version", e.Version);
                writer.WriteNumber("sequence", e.Sequence);
                writer.WriteString("eventId", e.EventId);
                writer.WriteString("eventType", e.Type);
                writer.WriteString("entryKey", row.EntryKey);
                writer.WriteStartArray("changes");
                foreach (var change in row.Changes)
                {
                    writer.WriteStartObject();
                    writer.WriteString("field", change.Field);
                    writer.WriteString("before", change.Before);
                    writer.WriteString("after", change.After);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WritePropertyName("data");
                writer.WriteRawValue(e.DataJson);
                writer.WriteEndObject();
                return Task.CompletedTask;
            }, async () =>
            {
                await writer.FlushAsync(cancellation);
                await body.FlushAsync(cancellation);
            }, cancellation);
            writer.WriteEndArray();
            await writer.FlushAsync(cancellation);
            await body.FlushAsync(cancellation);
        }
    }

    /// <summary>Writes each row; flushes before waiting on the source, and every <see cref="RowsPerFlush"/> rows.</summary>
    private static async Task EachRowAsync(IAsyncEnumerable<AuditTrailRow> rows, Func<AuditTrailRow, Task> write, Func<Task> flush,
        CancellationToken cancellation)
    {
        var enumerator = rows.GetAsyncEnumerator(cancellation);
        await using (enumerator.ConfigureAwait(false))
        {
            var sinceFlush = 0;
            while (true)
            {
                var next = enumerator.MoveNextAsync();
                if (!next.IsCompleted && sinceFlush > 0)
                {
                    await flush();
                    sinceFlush = 0;
                }
                if (!await next) break;
                await write(enumerator.Current);
                if (++sinceFlush >= RowsPerFlush)
                {
                    await flush();
                    sinceFlush = 0;
                }
            }
        }
    }

    private static async Task FlushAsync(StreamWriter writer, Stream body, CancellationToken cancellation)
    {
        await writer.FlushAsync(cancellation);
        await body.FlushAsync(cancellation);
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
