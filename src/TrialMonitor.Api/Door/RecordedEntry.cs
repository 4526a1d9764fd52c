using Marten;
using TrialMonitor.Api.Patients.Entries;

namespace TrialMonitor.Api.Door;

/// <summary>
/// An entry as recorded under its key, and whether it was voided since: what a command needs to know of
/// earlier entries (a repeat, a correction's target), read by key instead of from the whole history, and
/// what a chart's entries are read from. Stored by the chart projection, with the chart.
/// </summary>
/// <param name="Version">The stream version the entry was appended at.</param>
public sealed record RecordedEntry(string Id, Guid PatientId, IPatientEntry Entry, bool Voided, long Version)
{
    public static string IdOf(Guid patientId, string entryKey) => $"{patientId:N}/{entryKey}";
}

/// <summary>The earlier entries a command names (its own key, the entry it corrects), loaded in one round trip.</summary>
public sealed class RecordedEntries
{
    private readonly Dictionary<string, RecordedEntry> byKey;

    private RecordedEntries(IEnumerable<RecordedEntry> entries) => byKey = entries.ToDictionary(e => e.Entry.EntryKey);

    public static readonly RecordedEntries None = new([]);

    public static RecordedEntries Of(IEnumerable<RecordedEntry> entries) => new(entries);

    public static async Task<RecordedEntries> LoadAsync(IQuerySession session, Guid patientId, IEnumerable<string?> keys, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        var ids = keys.OfType<string>().Distinct().Select(k => RecordedEntry.IdOf(patientId, k)).ToArray();
        return ids.Length == 0 ? None : new RecordedEntries(await session.LoadManyAsync<RecordedEntry>(cancellation, ids));
    }

    /// <summary>The entry recorded under this key, voided or not.</summary>
    public IPatientEntry? Recorded(string key) => byKey.GetValueOrDefault(key)?.Entry;

    /// <summary>
    /// The latest version these entries show the stream at: read after the write model, they may have seen a
    /// commit it had not (a racing repeat of the same key), and a repeat answers with the version after its entry.
    /// </summary>
    public long LatestVersion(long writeModelVersion) => byKey.Values.Select(e => e.Version).Append(writeModelVersion).Max();

    public bool IsVoided(string key) => byKey.TryGetValue(key, out var recorded) && recorded.Voided;
}
