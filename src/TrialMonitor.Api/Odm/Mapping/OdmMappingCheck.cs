using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Odm.Mapping;

/// <summary>
/// A mapping is checked whole before a file is read: every group names an entry kind and only fields its value has,
/// the enrolment only fields of the baseline, so a wrong mapping is refused naming its mistake, not met half-way through.
/// </summary>
public static class OdmMappingCheck
{
    /// <summary>The enrolment's fields besides the baseline's: the date of enrolment and, for the age, the date of birth.</summary>
    public static readonly IReadOnlyList<string> EnrolmentExtras = ["enrolledOn", "dateOfBirth"];

    /// <returns>Each problem, naming the place in the mapping (groups[2].kind), the value and what it may be.</returns>
    public static IReadOnlyList<string> Problems(OdmMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var problems = new List<string>();
        if (mapping.Enrolment?.Fields is not { } enrolment) problems.Add("enrolment.fields: missing");
        else
        {
            var baseline = OdmValueFields.Flattened(typeof(Baseline)).Select(f => f.Name).Concat(EnrolmentExtras).ToList();
            problems.AddRange(enrolment.Keys.Where(name => !baseline.Contains(name))
                .Select(name => $"enrolment.fields.{name}: not a field of the enrolment; its fields are {string.Join(", ", baseline)}"));
        }
        if (mapping.Groups is null)
        {
            problems.Add("groups: missing");
            return problems;
        }
        for (var i = 0; i < mapping.Groups.Count; i++)
        {
            var group = mapping.Groups[i];
            if (group is null || string.IsNullOrEmpty(group.ItemGroup)) problems.Add($"groups[{i}].itemGroup: missing");
            if (group?.Kind is not { } name) problems.Add($"groups[{i}].kind: missing");
            else if (EntryKinds.All.SingleOrDefault(k => k.Name == name) is not { } kind)
                problems.Add($"groups[{i}].kind: '{name}' is not an entry kind; the kinds are {string.Join(", ", EntryKinds.All.Select(k => k.Name))}");
            else if (group.Fields is null) problems.Add($"groups[{i}].fields: missing");
            else
            {
                var fields = OdmValueFields.Flattened(kind.ValueType).Select(f => f.Name).ToList();
                problems.AddRange(group.Fields.Keys.Where(field => !fields.Contains(field))
                    .Select(field => $"groups[{i}].fields.{field}: the {kind.Name} value has no field '{field}'; its fields are {string.Join(", ", fields)}"));
            }
        }
        return problems;
    }
}
