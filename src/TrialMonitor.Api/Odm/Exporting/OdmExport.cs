using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Marten;
using TrialMonitor.Api.Odm.Layout;
using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Odm.Reading;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Trials;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Odm.Exporting;

/// <summary>
/// Writes a trial's clinical data as an ODM 1.3.2 Snapshot: the metadata that describes it (<see cref="OdmMetadata"/>),
/// then one SubjectData per patient in subject id order, written and flushed before the next patient is read: its
/// SiteRef, its enrolment and every entry in force of every kind, each under its entry key (FormRepeatKey).
/// Voided and superseded entries are not in it: the export is what the charts hold now (the audit trail export has
/// the history), so importing it into an empty trial recreates the charts, and into the same trial appends nothing.
/// </summary>
public static class OdmExport
{
    public const string Namespace = OdmReader.Namespace;

    private const int ChartsPerRead = 100;

    /// <param name="sites">Only these sites' patients (a coordinator's export), or null for all.</param>
    /// <returns>The number of subjects written.</returns>
    public static async Task<int> WriteAsync(IQuerySession session, Trial trial, IReadOnlyList<string>? sites, Stream body, DateTimeOffset createdAt,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(trial);
        await using var xml = Writer(body);
        await StartAsync(xml, trial, createdAt);
        var written = 0;
        await foreach (var chart in ChartsAsync(session, trial.Id, sites, cancellation))
        {
            await WriteSubjectAsync(xml, chart.SubjectId, chart.Site, chart.EnrolledOn, chart.Baseline, chart.Entries);
            // Flushed per patient, so the client receives each subject while the next is read.
            await xml.FlushAsync();
            written++;
        }
        await EndAsync(xml);
        return written;
    }

    public static XmlWriter Writer(Stream body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return XmlWriter.Create(body, new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false), CloseOutput = false });
    }

    /// <summary>The ODM root, the trial's metadata and sites, and the opening of its ClinicalData.</summary>
    public static async Task StartAsync(XmlWriter xml, Trial trial, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(trial);
        await xml.WriteStartDocumentAsync();
        await OdmMetadata.Start(xml, "ODM", ("ODMVersion", "1.3.2"), ("FileType", OdmItemGroup.Snapshot), ("Granularity", "All"),
            ("FileOID", $"TrialMonitor.{trial.Id}.{createdAt.UtcTicks}"),
            ("CreationDateTime", createdAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)),
            ("SourceSystem", OdmLayout.SourceSystem), ("Description", $"{trial.Code}: the entries in force of every patient"));
        await OdmMetadata.WriteStudyAsync(xml, trial);
        await OdmMetadata.WriteAdminDataAsync(xml, trial, DateOnly.FromDateTime(createdAt.UtcDateTime));
        await OdmMetadata.Start(xml, "ClinicalData", ("StudyOID", trial.Code), ("MetaDataVersionOID", OdmLayout.MetaDataVersionOid));
    }

    public static async Task EndAsync(XmlWriter xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        await xml.WriteEndElementAsync(); // ClinicalData
        await xml.WriteEndElementAsync(); // ODM
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    /// <summary>One subject: its site, its enrolment, then its entries in the order given (the order they were recorded).</summary>
    /// <returns>The number of items written.</returns>
    public static async Task<int> WriteSubjectAsync(XmlWriter xml, string subjectId, string site, DateOnly enrolledOn, Baseline baseline,
        IEnumerable<IPatientEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(entries);
        await OdmMetadata.Start(xml, "SubjectData", ("SubjectKey", subjectId));
        await OdmMetadata.Empty(xml, "SiteRef", ("LocationOID", site));
        await OdmMetadata.Start(xml, "StudyEventData", ("StudyEventOID", OdmLayout.EnrolmentEventOid));
        var enrolment = JsonSerializer.SerializeToNode(baseline, OdmMapping.Json)!.AsObject();
        enrolment["enrolledOn"] = enrolledOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var items = await WriteFormAsync(xml, OdmLayout.Enrolment, null, OdmLayout.Enrolment.ValuesOf(JsonSerializer.SerializeToElement(enrolment)));
        await xml.WriteEndElementAsync();
        var course = false;
        // In the order they were recorded: entries of one day keep the order the rules read them in (dose changes).
        foreach (var entry in entries)
        {
            if (!course) await OdmMetadata.Start(xml, "StudyEventData", ("StudyEventOID", OdmLayout.CourseEventOid));
            course = true;
            var kind = EntryKinds.Of(entry);
            var form = OdmLayout.FormOf(kind);
            items += await WriteFormAsync(xml, form, entry.EntryKey, form.ValuesOf(kind.ValueOf(entry)));
        }
        if (course) await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync(); // SubjectData
        return items;
    }

    private static async Task<int> WriteFormAsync(XmlWriter xml, OdmLayoutForm form, string? entryKey, IEnumerable<(OdmLayoutItem Item, string Value)> values)
    {
        await OdmMetadata.Start(xml, "FormData", entryKey is null ? [("FormOID", form.FormOid)] : [("FormOID", form.FormOid), ("FormRepeatKey", entryKey)]);
        await OdmMetadata.Start(xml, "ItemGroupData", ("ItemGroupOID", form.ItemGroupOid));
        var items = 0;
        foreach (var (item, value) in values)
        {
            await OdmMetadata.Empty(xml, "ItemData", ("ItemOID", item.Oid), ("Value", value));
            items++;
        }
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        return items;
    }

    private static async IAsyncEnumerable<PatientChart> ChartsAsync(IQuerySession session, Guid trialId, IReadOnlyList<string>? sites,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        foreach (var batch in (await StoredCharts.InSubjectOrderAsync(session, trialId, sites, cancellation)).Chunk(ChartsPerRead))
        {
            foreach (var chart in await StoredCharts.LoadAsync(session, batch, cancellation)) yield return chart;
        }
    }
}
