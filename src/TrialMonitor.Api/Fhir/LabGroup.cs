using TrialMonitor.Api.Patients.Entries;

namespace TrialMonitor.Api.Fhir;

/// <summary>
/// One entry a lab's Bundle asks for: the Observations of one DiagnosticReport (or, without one, of one specimen and
/// collection) that one entry kind records, keyed by the report's identifier (else an Observation's). A withdrawn
/// report sent without its Observations has no kind: every lab entry of the report is withdrawn.
/// </summary>
public sealed record LabGroup(LabSubject Subject, EntryKind? Kind, string Identifier, DateOnly? CollectedOn, LabReport? Report,
    IReadOnlyList<LabObservation> Observations)
{
    /// <summary>The patient the subject is, once resolved (<see cref="LabSubjects"/>).</summary>
    public Guid PatientId { get; init; }

    public bool Withdrawn => Report?.Status == LabStatus.Withdrawn;

    /// <summary>The Bundle entries this entry was read from.</summary>
    public IEnumerable<int> Entries => (Report is null ? [] : new[] { Report.Entry }).Concat(Observations.Select(o => o.Entry));
}
