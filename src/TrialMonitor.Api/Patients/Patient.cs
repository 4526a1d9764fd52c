using System.Collections.Immutable;

namespace TrialMonitor.Api.Patients;

/// <summary>
/// The write model of a patient stream: only what the commands need to decide, rebuilt live from
/// the stream on each command (the read side lives in PatientChart).
/// </summary>
public sealed partial record Patient(
    Guid Id,
    Guid TrialId,
    string Site,
    DateOnly EnrolledOn,
    ImmutableDictionary<string, object> Entries,
    ImmutableHashSet<string> VoidedEntryKeys)
{
    /// <summary>Stream version, set by Marten when the aggregate is fetched for writing.</summary>
    public long Version { get; set; }

    public static Patient Create(PatientEnrolled e) =>
        new(e.PatientId, e.TrialId, e.Baseline.Site, e.EnrolledOn,
            ImmutableDictionary<string, object>.Empty, ImmutableHashSet<string>.Empty);

    public Patient Apply(EntryVoided e) => this with { VoidedEntryKeys = VoidedEntryKeys.Add(e.VoidedEntryKey) };

    public Patient Apply(BloodCountRecorded e) => Recorded(e.EntryKey, e);
    public Patient Apply(MarrowRecorded e) => Recorded(e.EntryKey, e);
    public Patient Apply(CytogeneticsRecorded e) => Recorded(e.EntryKey, e);
    public Patient Apply(MolecularRecorded e) => Recorded(e.EntryKey, e);
    public Patient Apply(PhysicalExamRecorded e) => Recorded(e.EntryKey, e);
    public Patient Apply(DoseChanged e) => Recorded(e.EntryKey, e);
    public Patient Apply(ToxicityReported e) => Recorded(e.EntryKey, e);
    public Patient Apply(ResponseReported e) => Recorded(e.EntryKey, e);
    public Patient Apply(TransformationDiagnosed e) => Recorded(e.EntryKey, e);
    public Patient Apply(TherapyDiscontinued e) => Recorded(e.EntryKey, e);
    public Patient Apply(PatientDied e) => Recorded(e.EntryKey, e);
    public Patient Apply(FollowUpContactRecorded e) => Recorded(e.EntryKey, e);

    private Patient Recorded(string entryKey, object entry) => this with { Entries = Entries.SetItem(entryKey, entry) };
}
