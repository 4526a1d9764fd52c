using System.Collections.Immutable;
using JasperFx.Events;
using Marten.Events.Aggregation;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients;

/// <summary>
/// The write model of a patient stream: only what the commands need to decide, rebuilt live from
/// the stream on each command (the read side lives in PatientChart).
/// </summary>
public sealed record Patient(
    Guid Id,
    Guid TrialId,
    string Site,
    DateOnly EnrolledOn,
    DateOnly DiagnosedOn,
    ImmutableDictionary<string, IPatientEntry> Entries,
    ImmutableHashSet<string> VoidedEntryKeys)
{
    /// <summary>Stream version, set by Marten when the aggregate is fetched for writing.</summary>
    public long Version { get; set; }

    /// <summary>The date of death in force (a voided death no longer counts).</summary>
    public DateOnly? DiedOn() => Entries.Values.OfType<PatientDied>()
        .Where(d => !VoidedEntryKeys.Contains(d.EntryKey))
        .Select(d => (DateOnly?)d.Death.DiedOn)
        .Min();
}

/// <summary>Folds a patient stream into its write model; every entry kind the same way, by its key.</summary>
public sealed partial class PatientWriteModel : SingleStreamProjection<Patient, Guid>
{
    public override Patient? Evolve(Patient? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Data switch
        {
            PatientEnrolled enrolled => new Patient(enrolled.PatientId, enrolled.TrialId, enrolled.Baseline.Site, enrolled.EnrolledOn,
                enrolled.Baseline.DiagnosedOn, ImmutableDictionary<string, IPatientEntry>.Empty, ImmutableHashSet<string>.Empty),
            EntryVoided voided when snapshot is not null => snapshot with { VoidedEntryKeys = snapshot.VoidedEntryKeys.Add(voided.VoidedEntryKey) },
            IPatientEntry entry when snapshot is not null => snapshot with { Entries = snapshot.Entries.SetItem(entry.EntryKey, entry) },
            _ => snapshot,
        };
    }
}
