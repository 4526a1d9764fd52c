using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Odm.Reading;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// What an import holds for one subject: the enrolment items seen, the patient (its write model while the
/// subject is being read), why it could not be enrolled, and per item group the mapped values merged so far
/// (an audit stream sends one item at a time) and the groups still waiting for a field. In a Transactional file a
/// subject the importer no longer holds lives in <see cref="OdmSubjectSpill"/>, written back with the groups changed since.
/// </summary>
public sealed class OdmSubjectImport(string subjectKey, long fileOrder = 0)
{
    private readonly HashSet<string> changed = new(StringComparer.Ordinal);

    public string SubjectKey { get; } = subjectKey;

    /// <summary>The subject's place among those the file names, in file order (end-of-file reports follow it).</summary>
    public long FileOrder { get; } = fileOrder;

    public Dictionary<string, string?> EnrolmentItems { get; init; } = new(StringComparer.Ordinal);

    public Guid? PatientId { get; set; }

    /// <summary>The write model as this import left it; dropped when the file moves on to another subject (a dry run keeps it).</summary>
    public ImportedPatient? Patient { get; set; }

    public OdmItemGroup? FirstSeen { get; set; }

    public string? Refusal { get; set; }

    /// <summary>Item OID → text, per item group path.</summary>
    public Dictionary<string, Dictionary<string, string?>> Merged { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, OdmWaitingGroup> Waiting { get; } = new(StringComparer.Ordinal);

    /// <summary>The item group paths whose merged values or wait changed since the subject was last spilled.</summary>
    public IReadOnlyCollection<string> Changed => changed;

    /// <summary>The group's values merged so far, to merge its items into (the group counts as changed).</summary>
    public Dictionary<string, string?> ValuesOf(OdmItemGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        changed.Add(group.Path);
        return Merged.TryGetValue(group.Path, out var values) ? values : Merged[group.Path] = new Dictionary<string, string?>(StringComparer.Ordinal);
    }

    public void Spilled() => changed.Clear();
}

/// <summary>An item group whose values lack a field the entry needs: reported at the end of the file if it never comes.</summary>
public sealed record OdmWaitingGroup(OdmItemGroup Group, IReadOnlyList<OdmValueProblem> Missing);
