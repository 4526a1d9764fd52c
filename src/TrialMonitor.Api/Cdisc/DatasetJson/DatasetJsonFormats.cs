using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrialMonitor.Api.Cdisc.DatasetJson;

/// <summary>
/// Writes a spooled dataset as CDISC Dataset-JSON v1.1: one JSON object with <c>rows</c>, or NDJSON
/// (the metadata on the first line, then one row per line). Rows are copied from the spool as they
/// are read, so memory holds one row.
/// </summary>
public static class DatasetJsonFormats
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string NdjsonContentType = "application/x-ndjson; charset=utf-8";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteJsonAsync(RowSpool spool, Stream body, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(spool);
        ArgumentNullException.ThrowIfNull(body);
        var metadata = Metadata(spool);
        // The metadata object without its closing brace, then "rows".
        await body.WriteAsync(metadata.AsMemory(0, metadata.Length - 1), cancellation);
        var writer = new StreamWriter(body, Utf8, 64 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync(",\"rows\":[".AsMemory(), cancellation);
            var first = true;
            await foreach (var row in spool.RowsAsync(cancellation))
            {
                if (!first) await writer.WriteAsync(',');
                await writer.WriteAsync('\n');
                await writer.WriteAsync(row.AsMemory(), cancellation);
                first = false;
            }
            await writer.WriteAsync("\n]}\n".AsMemory(), cancellation);
            await writer.FlushAsync(cancellation);
        }
    }

    public static async Task WriteNdjsonAsync(RowSpool spool, Stream body, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(spool);
        ArgumentNullException.ThrowIfNull(body);
        await body.WriteAsync(Metadata(spool), cancellation);
        var writer = new StreamWriter(body, Utf8, 64 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync('\n');
            await foreach (var row in spool.RowsAsync(cancellation))
            {
                await writer.WriteAsync(row.AsMemory(), cancellation);
                await writer.WriteAsync('\n');
            }
            await writer.FlushAsync(cancellation);
        }
    }

    /// <summary>Every attribute of the file except <c>rows</c>, in the order of CDISC's examples.</summary>
    private static byte[] Metadata(RowSpool spool)
    {
        var header = spool.Header;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("datasetJSONCreationDateTime", Timestamp(header.CreatedAt));
            json.WriteString("datasetJSONVersion", DatasetHeader.Version);
            json.WriteString("fileOID", header.FileOid);
            if (spool.LastRecordedAt is { } modified) json.WriteString("dbLastModifiedDateTime", Timestamp(modified));
            json.WriteString("originator", DatasetHeader.Originator);
            json.WriteStartObject("sourceSystem");
            json.WriteString("name", DatasetHeader.SourceSystemName);
            json.WriteString("version", DatasetHeader.SourceSystemVersion);
            json.WriteEndObject();
            json.WriteString("studyOID", header.StudyOid);
            json.WriteString("metaDataVersionOID", header.MetaDataVersionOid);
            json.WriteString("itemGroupOID", header.ItemGroupOid);
            json.WriteNumber("records", spool.Count);
            json.WriteString("name", header.Name);
            json.WriteString("label", header.Label);
            json.WriteStartArray("columns");
            foreach (var column in header.Columns)
            {
                json.WriteStartObject();
                json.WriteString("itemOID", header.ItemOid(column));
                json.WriteString("name", column.Name);
                json.WriteString("label", column.Label);
                json.WriteString("dataType", column.DataType);
                if (column.TargetDataType is { } target) json.WriteString("targetDataType", target);
                if (column.Length is { } length) json.WriteNumber("length", length);
                if (column.DisplayFormat is { } format) json.WriteString("displayFormat", format);
                if (column.KeySequence is { } key) json.WriteNumber("keySequence", key);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>UTC with the offset written out, to the second's fraction the store keeps.</summary>
    private static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);
}
