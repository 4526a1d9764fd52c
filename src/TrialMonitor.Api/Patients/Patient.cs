using System.Collections.Immutable;
using JasperFx.Events;
using Marten.Events.Aggregation;
using TrialMonitor.Api.Patients.Entries.Kinds;

namespace TrialMonitor.Api.Patients;

/// <summary>
/// The write model of a patient stream: only what the commands need to decide, stored with the stream
/// (inline) so a command loads one small document however long the history; the entries themselves are
/// looked up by key (<see cref="Door.RecordedEntry"/>), and the read side lives in PatientChart.
/// </summary>
public sealed record Patient(
    Guid Id,
    Guid TrialId,
    string Site,
    DateOnly EnrolledOn,
    DateOnly DiagnosedOn,
    ImmutableDictionary<string, DateOnly> DeathsInForce)
{
    /// <summary>Stream version, set by Marten when the aggregate is fetched for writing.</summary>
    public long Version { get; set; }

    /// <summary>The date of death in force (a voided death no longer counts).</summary>
    public DateOnly? DiedOn() => DeathsInForce.IsEmpty ? null : DeathsInForce.Values.Min();
}

/// <summary>Folds a patient stream into its write model.</summary>
public sealed partial class PatientWriteModel : SingleStreamProjection<Patient, Guid>
{
    public new const string Name = "PatientWriteModel";

    public PatientWriteModel()
    {
        base.Name = Name;
    }

    public override Patient? Evolve(Patient? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Data switch
        {
            PatientEnrolled enrolled => new Patient(enrolled.PatientId, enrolled.TrialId, enrolled.Baseline.Site, enrolled.EnrolledOn,
                enrolled.Baseline.DiagnosedOn, ImmutableDictionary<string, DateOnly>.Empty),
            PatientDied died when snapshot is not null => snapshot with { DeathsInForce = snapshot.DeathsInForce.SetItem(died.EntryKey, died.Death.DiedOn) },
            EntryVoided voided when snapshot is not null => snapshot with { DeathsInForce = snapshot.DeathsInForce.Remove(voided.VoidedEntryKey) },
            _ => snapshot,
        };
    }
}
