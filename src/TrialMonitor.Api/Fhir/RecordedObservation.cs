using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Entries;

namespace TrialMonitor.Api.Fhir;

/// <summary>
/// An Observation a lab sent, with the entry that stands for it: found by its identifier when the lab amends or
/// withdraws it, and answered by a search as it came in (while that entry is in force). Written by an inline
/// projection from the <see cref="EventMetadata.FhirObservations"/> header of the entry's event, so the events
/// alone hold it (a rebuild gives the same) and the audit chain covers what the lab sent.
/// </summary>
/// <param name="Id">The Observation's logical id in TrialMonitor: stable for the patient and the lab's identifier.</param>
/// <param name="Key">The lab's identifier, system|value.</param>
/// <param name="Code">The code of its test (the LOINC code a search names).</param>
public sealed record RecordedObservation(string Id, Guid PatientId, string Key, string Code, string EntryKey, string Resource)
{
    public static string IdOf(Guid patientId, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{patientId:N}/{key}")))[..32];
}

/// <summary>An Observation as the header of the entry it became carries it.</summary>
public sealed record SentObservation(string Key, string Code, string Resource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Header(IEnumerable<SentObservation> observations) => JsonSerializer.Serialize(observations, Json);

    public static IReadOnlyList<SentObservation> Read(string header) => JsonSerializer.Deserialize<List<SentObservation>>(header, Json) ?? [];
}

/// <summary>Inline: each entry a lab's results became points the Observations it stands for at itself.</summary>
public sealed class RecordedObservationProjection : IProjection
{
    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            if (e.Data is not IPatientEntry entry || e.GetHeader(EventMetadata.FhirObservations)?.ToString() is not { Length: > 0 } header) continue;
            foreach (var sent in SentObservation.Read(header))
            {
                operations.Store(new RecordedObservation(RecordedObservation.IdOf(entry.PatientId, sent.Key), entry.PatientId, sent.Key, sent.Code,
                    entry.EntryKey, sent.Resource));
            }
        }
        return Task.CompletedTask;
    }
}

/// <summary>The Observations a lab sent for some patients, by their identifier and by the entry that stands for them.</summary>
public sealed class LabObservationIndex(IReadOnlyList<RecordedObservation> observations)
{
    private readonly Dictionary<string, RecordedObservation> byId = observations.ToDictionary(o => o.Id);

    public static async Task<LabObservationIndex> LoadAsync(IQuerySession session, IReadOnlyCollection<Guid> patientIds, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        var ids = patientIds.ToArray();
        return new LabObservationIndex(await session.Query<RecordedObservation>().Where(o => ids.Contains(o.PatientId)).ToListAsync(cancellation));
    }

    public RecordedObservation? Find(Guid patientId, string key) => byId.GetValueOrDefault(RecordedObservation.IdOf(patientId, key));

    public IEnumerable<RecordedObservation> OfEntry(Guid patientId, string entryKey) =>
        byId.Values.Where(o => o.PatientId == patientId && o.EntryKey == entryKey);
}

public static class FhirConfiguration
{
    public static StoreOptions ConfigureFhir(this StoreOptions opts)
    {
        ArgumentNullException.ThrowIfNull(opts);
        opts.Projections.Add(new RecordedObservationProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<RecordedObservation>().Index(o => o.PatientId);
        return opts;
    }
}
