using TrialMonitor.Api.Odm.Reading;
using TrialMonitor.Api.Patients;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// What an import holds for one subject: the enrolment items seen, the patient (its write model while the
/// subject is being read), why it could not be enrolled, and per item group the mapped values merged so far
/// (an audit stream sends one item at a time) and the groups still waiting for a field.
/// </summary>
public sealed class OdmSubjectImport(string subjectKey)
{
    public string SubjectKey { get; } = subjectKey;

    public Dictionary<string, string?> EnrolmentItems { get; } = new(StringComparer.Ordinal);

    public Guid? PatientId { get; set; }

    /// <summary>The write model as this import left it; dropped when the file moves on to another subject.</summary>
    public ImportedPatient? Patient { get; set; }

    public OdmItemGroup? FirstSeen { get; set; }

    public string? Refusal { get; set; }

    /// <summary>Item OID → text, per item group path.</summary>
    public Dictionary<string, Dictionary<string, string?>> Merged { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (OdmItemGroup Group, IReadOnlyList<Mapping.OdmValueProblem> Missing)> Waiting { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string?> ValuesOf(OdmItemGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return Merged.TryGetValue(group.Path, out var values) ? values : Merged[group.Path] = new Dictionary<string, string?>(StringComparer.Ordinal);
    }
}
