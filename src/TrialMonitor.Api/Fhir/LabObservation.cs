using TrialMonitor.Api.Patients.Entries;

namespace TrialMonitor.Api.Fhir;

/// <summary>What a lab says of an Observation it sent before, by the Observation's status.</summary>
public enum LabStatus
{
    /// <summary>final: record it.</summary>
    Final,

    /// <summary>amended or corrected: record it as a correction of what the same identifier recorded.</summary>
    Amended,

    /// <summary>entered-in-error: withdraw what the same identifier recorded.</summary>
    Withdrawn,
}

/// <summary>One value an Observation gives an entry field: the field as the door names it, in its unit, the element it was read from and what was sent.</summary>
public sealed record LabValue(string Field, decimal Value, string Element, string Sent);

/// <summary>
/// An Observation of a lab's Bundle as TrialMonitor reads it: its entry in the Bundle, its identifier (the key it is
/// known by), the kind of entry and the test its code names, its status, the fields it gives (all of them, to withdraw)
/// and their values, when the specimen was collected (null: its DiagnosticReport says), whose it is, the specimen it
/// was measured on, the lab's note, and the resource as FHIR JSON (what a search answers).
/// </summary>
public sealed record LabObservation(
    int Entry,
    string Key,
    EntryKind Kind,
    LabTest Test,
    LabStatus Status,
    IReadOnlyList<string> Fields,
    IReadOnlyList<LabValue> Values,
    DateOnly? CollectedOn,
    string DateElement,
    LabSubject Subject,
    string? Specimen,
    string? Note,
    string Resource,
    IReadOnlyList<string> References);

/// <summary>A DiagnosticReport of a lab's Bundle: its entry, identifier, status, subject, collection date and the Observations it references.</summary>
public sealed record LabReport(
    int Entry,
    string Key,
    LabStatus? Status,
    LabSubject Subject,
    DateOnly? CollectedOn,
    string DateElement,
    IReadOnlyList<string> Results);
