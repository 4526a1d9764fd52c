using TrialMonitor.Api.Odm.Mapping;

namespace TrialMonitor.Api.Odm.Layout;

/// <summary>
/// The mapping of TrialMonitor's own export (what <c>import-odm</c> uses without <c>--mapping</c>): every form of
/// <see cref="OdmLayout"/> field by field, the SiteRef as the site, the FormRepeatKey as the entry key.
/// </summary>
public static class OdmLayoutMapping
{
    public static readonly OdmMapping Mapping = new(
        "TrialMonitor's own ODM export (GET /odm/trials/{id}.xml, ./ops/export-odm)",
        ["Each subject's SiteRef is a site of the trial imported into; each entry's FormRepeatKey is its entry key."],
        Subjects: null,
        new OdmEnrolment([OdmLayout.Enrolment.ItemGroupOid], Fields(OdmLayout.Enrolment)),
        [.. OdmLayout.Entries.Select(f => new OdmGroupMapping(OdmLayout.CourseEventOid, f.FormOid, f.ItemGroupOid, f.Name, Fields(f)))],
        Ignore: null,
        OdmEntryKeySource.FormRepeatKey);

    private static Dictionary<string, OdmField> Fields(OdmLayoutForm form) =>
        form.Items.ToDictionary(i => i.Field, i => new OdmField(i.Oid, null, i.Type == typeof(DateOnly) ? "yyyy-MM-dd" : null, null, null, null, i.Unit, null),
            StringComparer.Ordinal);
}
