using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Odm.Layout;

/// <summary>
/// TrialMonitor's own ODM, derived from the entry-kinds table: one study event for the enrolment (its form holds
/// the baseline and the enrolment date; the subject id is the SubjectKey, the site the SiteRef) and one for the
/// course, holding one form per entry kind whose items are the fields of the kind's value type. An entry is a
/// FormData whose FormRepeatKey is its entry key, so an import of the export finds the entries it came from.
/// </summary>
public static class OdmLayout
{
    public const string SourceSystem = "TrialMonitor";
    public const string MetaDataVersionOid = "MDV.TrialMonitor.1";
    public const string EnrolmentEventOid = "SE.ENROLMENT";
    public const string CourseEventOid = "SE.COURSE";

    // The baseline is not an entry kind: the units of its measured fields are declared here.
    private static readonly Dictionary<string, string> EnrolmentUnits = new() { ["ageAtEnrolment"] = "years", ["spleenCmBelowCostalMargin"] = "cm" };

    public static readonly OdmLayoutForm Enrolment = new("Enrolment", null,
    [
        new OdmLayoutItem("enrolledOn", "Enrolment.enrolledOn", typeof(DateOnly), Mandatory: true),
        .. OdmValueFields.Flattened(typeof(Baseline))
            .Where(f => f.Name is not ("subjectId" or "site"))
            .Select(f => new OdmLayoutItem(f.Name, "Enrolment." + f.Name, f.Type, !f.Optional, EnrolmentUnits.GetValueOrDefault(f.Name))),
    ]);

    public static readonly IReadOnlyList<OdmLayoutForm> Entries = [.. EntryKinds.All.Select(LayoutOf)];

    /// <summary>The form of an entry kind: an item per field of its value, with the unit the kind declares for it.</summary>
    public static OdmLayoutForm LayoutOf(EntryKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return new OdmLayoutForm(kind.Name, kind,
        [
            .. OdmValueFields.Flattened(kind.ValueType).Select(f =>
                new OdmLayoutItem(f.Name, $"{kind.Name}.{(f.Name == OdmValueFields.Scalar ? kind.Argument : f.Name)}", f.Type, !f.Optional,
                    kind.Units.GetValueOrDefault(f.Name))),
        ]);
    }

    public static IEnumerable<OdmLayoutForm> Forms => [Enrolment, .. Entries];

    public static OdmLayoutForm FormOf(EntryKind kind) => Entries.Single(f => f.Kind == kind);

    public static string CodeListOid(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        return "CL." + enumType.Name;
    }

    public static IEnumerable<Type> CodeLists => Forms.SelectMany(f => f.Items).Select(i => i.Type).Where(t => t.IsEnum).Distinct();

    public static IEnumerable<string> Units => Forms.SelectMany(f => f.Items).Select(i => i.Unit).OfType<string>().Distinct();
}
