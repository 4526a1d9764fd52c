using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrialMonitor.Api.Cdisc.DatasetJson;

/// <summary>
/// The rows of one dataset, serialized as they are made into a temporary file, one JSON array per
/// line. Dataset-JSON puts <c>records</c> in the metadata before the rows (NDJSON: on the first
/// line), and the count is known only at the end; spooling to disk keeps memory flat whatever the
/// trial's size. The file is deleted when the spool is disposed.
/// </summary>
public sealed class RowSpool : IAsyncDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FileStream file = new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None,
        64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    private readonly Utf8JsonWriter writer;

    public RowSpool(DatasetHeader header)
    {
        Header = header;
        writer = new Utf8JsonWriter(file, Options);
    }

    public DatasetHeader Header { get; }

    public long Count { get; private set; }

    /// <summary>When the newest data in the rows were recorded (dbLastModifiedDateTime), once known.</summary>
    public DateTimeOffset? LastRecordedAt { get; set; }

    public async Task AddAsync(object?[] row, CancellationToken cancellation = default)
    {
        DatasetCells.EnsureShape(Header, row);
        writer.WriteStartArray();
        foreach (var cell in row) DatasetCells.Write(writer, cell);
        writer.WriteEndArray();
        await writer.FlushAsync(cancellation);
        writer.Reset();
        file.WriteByte((byte)'\n');
        Count++;
    }

    /// <summary>Each spooled row as its JSON text, in the order added.</summary>
    public async IAsyncEnumerable<string> RowsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await writer.FlushAsync(cancellation);
        await file.FlushAsync(cancellation);
        file.Position = 0;
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, 64 * 1024, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellation) is { } line) yield return line;
        file.Position = file.Length;
    }

    public async ValueTask DisposeAsync()
    {
        await writer.DisposeAsync();
        await file.DisposeAsync();
    }
}
