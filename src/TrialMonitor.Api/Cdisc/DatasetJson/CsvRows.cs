using System.Text;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Cdisc.DatasetJson;

/// <summary>
/// A dataset as CSV for spreadsheets: a header line of variable names, then one line per row
/// (RFC 4180 quoting; a missing value is an empty field). Written as the rows come.
/// </summary>
public sealed class CsvRows : IAsyncDisposable
{
    public const string ContentType = "text/csv; charset=utf-8";

    private readonly DatasetHeader header;
    private readonly StreamWriter writer;

    private CsvRows(DatasetHeader header, Stream body)
    {
        this.header = header;
        writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
    }

    public static async Task<CsvRows> StartAsync(DatasetHeader header, Stream body, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(body);
        var csv = new CsvRows(header, body);
        await csv.WriteLineAsync(header.Columns.Select(c => c.Name), cancellation);
        return csv;
    }

    public async Task AddAsync(object?[] row, CancellationToken cancellation = default)
    {
        DatasetCells.EnsureShape(header, row);
        await WriteLineAsync(row.Select(DatasetCells.Text), cancellation);
    }

    public Task FlushAsync(CancellationToken cancellation = default) => writer.FlushAsync(cancellation);

    public async ValueTask DisposeAsync()
    {
        await writer.FlushAsync();
        await writer.DisposeAsync();
    }

    private Task WriteLineAsync(IEnumerable<string> fields, CancellationToken cancellation) =>
        writer.WriteLineAsync(CsvField.Line(fields).AsMemory(), cancellation);
}
