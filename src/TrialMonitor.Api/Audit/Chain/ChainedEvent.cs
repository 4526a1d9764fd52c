using System.Globalization;
using System.Security.Cryptography;
using JasperFx.Events;
using Marten;

namespace TrialMonitor.Api.Audit.Chain;

/// <summary>
/// The parts of a stored event the audit chain covers, as text: the JSON columns as written (the
/// serializer's output when appending, jsonb's when read back; <see cref="CanonicalJson"/> makes them one).
/// </summary>
public sealed record ChainedEvent(
    Guid StreamId,
    long Version,
    Guid EventId,
    string EventType,
    string? DataJson,
    string? HeadersJson,
    DateTimeOffset Timestamp,
    string? CorrelationId,
    string? CausationId)
{
    /// <summary>The event as the append hands it to the inline projection, before it is stored.</summary>
    public static ChainedEvent Appending(IEvent e, ISerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(serializer);
        return new(e.StreamId, e.Version, e.Id, e.EventTypeName, serializer.ToJson(e.Data),
            e.Headers is { Count: > 0 } headers ? serializer.ToJson(headers) : null,
            e.Timestamp, e.CorrelationId, e.CausationId);
    }

    /// <summary>
    /// hash_n = SHA-256(hash_{n-1} || canonical bytes of this event); the first event chains from 32 zero bytes.
    /// </summary>
    public string ChainFrom(string previousHash)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Convert.FromHexString(previousHash));
        hash.AppendData(CanonicalBytes());
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>A JSON array with a format tag, so a later change of the canonical form can be told apart.</summary>
    public byte[] CanonicalBytes()
    {
        using var buffer = new MemoryStream();
        using (var writer = CanonicalJson.CreateWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue("trialmonitor-audit-chain/1");
            writer.WriteStringValue(StreamId.ToString("D"));
            writer.WriteNumberValue(Version);
            writer.WriteStringValue(EventId.ToString("D"));
            writer.WriteStringValue(EventType);
            CanonicalJson.Write(writer, DataJson);
            // No headers and an empty header object are the same record.
            CanonicalJson.Write(writer, HeadersJson is null || CanonicalJson.ToCanonical(HeadersJson) == "{}" ? null : HeadersJson);
            writer.WriteStringValue(StoredPrecision(Timestamp));
            WriteOptional(writer, CorrelationId);
            WriteOptional(writer, CausationId);
            writer.WriteEndArray();
        }
        return buffer.ToArray();
    }

    private static void WriteOptional(System.Text.Json.Utf8JsonWriter writer, string? value)
    {
        if (string.IsNullOrEmpty(value)) writer.WriteNullValue();
        else writer.WriteStringValue(value);
    }

    // PostgreSQL keeps microseconds (Npgsql truncates the 100 ns ticks the append still holds).
    private static string StoredPrecision(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.AddTicks(-(timestamp.UtcDateTime.Ticks % 10)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
