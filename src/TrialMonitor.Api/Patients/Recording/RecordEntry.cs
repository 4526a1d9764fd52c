using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Entries;
using Wolverine;
using Wolverine.Marten;

namespace TrialMonitor.Api.Patients.Recording;

/// <summary>Records a clinical entry of any kind (see <see cref="EntryKinds"/>), optionally replacing an earlier one.</summary>
public sealed record RecordEntry(IPatientEntry Entry, Correction? Correction = null, long? ExpectedVersion = null)
{
    /// <summary>The stream the entry is appended to (Wolverine's aggregate handler finds it by this name).</summary>
    public Guid PatientId => Entry.PatientId;
}

public static class RecordEntryHandler
{
    public static async Task<(EntryResult, Events)> Handle(RecordEntry command, [WriteAggregate(Required = false)] Patient? patient,
        IDocumentSession session, Envelope envelope, TimeProvider clock, CancellationToken cancellation)
    {
        var recorded = patient is null ? RecordedEntries.None
            : await RecordedEntries.LoadAsync(session, patient.Id, EntryRecording.KeysNamedBy(command), cancellation);
        var (result, events) = EntryRecording.Decide(command, patient, recorded, WriteScope.Of(envelope), ClinicalDates.Today(clock));
        return (result, new Events(events));
    }
}
