using System.Xml;
using TrialMonitor.Api.Odm.Layout;
using TrialMonitor.Api.Trials;

namespace TrialMonitor.Api.Odm.Exporting;

/// <summary>
/// The Study element of the export: the trial, the units, and the MetaDataVersion of <see cref="OdmLayout"/>
/// (study events, forms, item groups, items with their data types, units and code lists), in ODM 1.3.2's order.
/// </summary>
public static class OdmMetadata
{
    public static async Task WriteStudyAsync(XmlWriter xml, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(trial);
        await xml.WriteStartElementAsync(null, "Study", OdmExport.Namespace);
        await xml.WriteAttributeStringAsync(null, "OID", null, trial.Code);
        await xml.WriteStartElementAsync(null, "GlobalVariables", OdmExport.Namespace);
        await xml.WriteElementStringAsync(null, "StudyName", OdmExport.Namespace, trial.Code);
        await xml.WriteElementStringAsync(null, "StudyDescription", OdmExport.Namespace, trial.Title);
        await xml.WriteElementStringAsync(null, "ProtocolName", OdmExport.Namespace, trial.Code);
        await xml.WriteEndElementAsync();

        await xml.WriteStartElementAsync(null, "BasicDefinitions", OdmExport.Namespace);
        foreach (var unit in OdmLayout.Units)
        {
            await Start(xml, "MeasurementUnit", ("OID", OdmUnits.Oid(unit)), ("Name", unit));
            await xml.WriteStartElementAsync(null, "Symbol", OdmExport.Namespace);
            await TranslatedText(xml, unit);
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();

        await Start(xml, "MetaDataVersion", ("OID", OdmLayout.MetaDataVersionOid), ("Name", "TrialMonitor entry kinds"),
            ("Description", "One form per clinical entry kind; each entry is a FormData whose FormRepeatKey is its entry key."));
        await xml.WriteStartElementAsync(null, "Protocol", OdmExport.Namespace);
        await Empty(xml, "StudyEventRef", ("StudyEventOID", OdmLayout.EnrolmentEventOid), ("OrderNumber", "1"), ("Mandatory", "Yes"));
        await Empty(xml, "StudyEventRef", ("StudyEventOID", OdmLayout.CourseEventOid), ("OrderNumber", "2"), ("Mandatory", "No"));
        await xml.WriteEndElementAsync();
        await StudyEventAsync(xml, OdmLayout.EnrolmentEventOid, "Enrolment", "Scheduled", [OdmLayout.Enrolment], mandatory: true);
        await StudyEventAsync(xml, OdmLayout.CourseEventOid, "Course on study", "Unscheduled", OdmLayout.Entries, mandatory: false);
        foreach (var form in OdmLayout.Forms)
        {
            await Start(xml, "FormDef", ("OID", form.FormOid), ("Name", form.Name), ("Repeating", form.Kind is null ? "No" : "Yes"));
            await Empty(xml, "ItemGroupRef", ("ItemGroupOID", form.ItemGroupOid), ("Mandatory", "Yes"));
            await xml.WriteEndElementAsync();
        }
        foreach (var form in OdmLayout.Forms)
        {
            await Start(xml, "ItemGroupDef", ("OID", form.ItemGroupOid), ("Name", form.Name), ("Repeating", "No"));
            var order = 0;
            foreach (var item in form.Items)
                await Empty(xml, "ItemRef", ("ItemOID", item.Oid), ("OrderNumber", (++order).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("Mandatory", item.Mandatory ? "Yes" : "No"));
            await xml.WriteEndElementAsync();
        }
        foreach (var item in OdmLayout.Forms.SelectMany(f => f.Items))
        {
            await Start(xml, "ItemDef", ("OID", item.Oid), ("Name", item.Field), ("DataType", item.DataType));
            if (item.Unit is { } unit) await Empty(xml, "MeasurementUnitRef", ("MeasurementUnitOID", OdmUnits.Oid(unit)));
            if (item.CodeListOid is { } codeList) await Empty(xml, "CodeListRef", ("CodeListOID", codeList));
            await xml.WriteEndElementAsync();
        }
        foreach (var codes in OdmLayout.CodeLists)
        {
            await Start(xml, "CodeList", ("OID", OdmLayout.CodeListOid(codes)), ("Name", codes.Name), ("DataType", "text"));
            foreach (var name in Enum.GetNames(codes))
            {
                await Start(xml, "CodeListItem", ("CodedValue", name));
                await xml.WriteStartElementAsync(null, "Decode", OdmExport.Namespace);
                await TranslatedText(xml, name);
                await xml.WriteEndElementAsync();
                await xml.WriteEndElementAsync();
            }
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync(); // MetaDataVersion
        await xml.WriteEndElementAsync(); // Study
    }

    /// <summary>The trial's sites as ODM Locations, each using the MetaDataVersion from the export's date.</summary>
    public static async Task WriteAdminDataAsync(XmlWriter xml, Trial trial, DateOnly effectiveOn)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(trial);
        await Start(xml, "AdminData", ("StudyOID", trial.Code));
        foreach (var site in trial.Sites)
        {
            await Start(xml, "Location", ("OID", site), ("Name", site), ("LocationType", "Site"));
            await Empty(xml, "MetaDataVersionRef", ("StudyOID", trial.Code), ("MetaDataVersionOID", OdmLayout.MetaDataVersionOid),
                ("EffectiveDate", effectiveOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
    }

    private static async Task StudyEventAsync(XmlWriter xml, string oid, string name, string type, IEnumerable<OdmLayoutForm> forms, bool mandatory)
    {
        await Start(xml, "StudyEventDef", ("OID", oid), ("Name", name), ("Repeating", "No"), ("Type", type));
        var order = 0;
        foreach (var form in forms)
            await Empty(xml, "FormRef", ("FormOID", form.FormOid), ("OrderNumber", (++order).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Mandatory", mandatory ? "Yes" : "No"));
        await xml.WriteEndElementAsync();
    }

    private static async Task TranslatedText(XmlWriter xml, string text)
    {
        await xml.WriteStartElementAsync(null, "TranslatedText", OdmExport.Namespace);
        await xml.WriteAttributeStringAsync("xml", "lang", null, "en");
        await xml.WriteStringAsync(text);
        await xml.WriteEndElementAsync();
    }

    internal static async Task Start(XmlWriter xml, string element, params (string Name, string Value)[] attributes)
    {
        await xml.WriteStartElementAsync(null, element, OdmExport.Namespace);
        foreach (var (name, value) in attributes) await xml.WriteAttributeStringAsync(null, name, null, value);
    }

    internal static async Task Empty(XmlWriter xml, string element, params (string Name, string Value)[] attributes)
    {
        await Start(xml, element, attributes);
        await xml.WriteEndElementAsync();
    }
}
