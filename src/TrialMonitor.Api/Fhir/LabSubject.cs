using Hl7.Fhir.Model;

namespace TrialMonitor.Api.Fhir;

/// <summary>
/// Whose result: a subject of a trial, named by a logical reference (Observation.subject.identifier), system
/// urn:trialmonitor:trial:&lt;trial code&gt; and value the subject id. No names, no record numbers: the lab knows the
/// trial's subject ids, as its requisitions carry them.
/// </summary>
public sealed record LabSubject(string TrialCode, string SubjectId)
{
    public const string SystemPrefix = "urn:trialmonitor:trial:";

    public string System => SystemPrefix + TrialCode;

    public static LabSubject? Of(ResourceReference? reference) =>
        reference?.Identifier is { System: { } system, Value: { Length: > 0 } value }
        && system.StartsWith(SystemPrefix, StringComparison.Ordinal) && system.Length > SystemPrefix.Length
            ? new LabSubject(system[SystemPrefix.Length..], value)
            : null;

    /// <summary>How a refusal names a reference that is not one.</summary>
    public static string Show(ResourceReference? reference) => reference switch
    {
        null => "no subject",
        { Identifier: { } identifier } => $"identifier '{identifier.System}|{identifier.Value}'",
        { Reference: { } literal } => $"reference '{literal}'",
        _ => "a reference without identifier",
    };

    public const string Expected = "a logical reference by identifier, { system: \"" + SystemPrefix + "<trial code>\", value: \"<subject id>\" }";

    public override string ToString() => $"{System}|{SubjectId}";
}
