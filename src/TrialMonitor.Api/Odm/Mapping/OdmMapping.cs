using System.Text.Json;
using System.Text.Json.Serialization;
using TrialMonitor.Api.Odm.Reading;

namespace TrialMonitor.Api.Odm.Mapping;

/// <summary>
/// How one EDC's ODM export maps onto TrialMonitor (one JSON file per source, see README "Importing
/// from an EDC"): subjects and sites, the enrolment, each item group that becomes an entry of a kind
/// (<see cref="Patients.Entries.EntryKind.Name"/>) with its fields, and what is deliberately not imported.
/// </summary>
public sealed record OdmMapping(
    string Source,
    IReadOnlyList<string>? Assumptions,
    OdmSubjects? Subjects,
    OdmEnrolment Enrolment,
    IReadOnlyList<OdmGroupMapping> Groups,
    OdmIgnored? Ignore,
    OdmEntryKeySource EntryKeys = OdmEntryKeySource.OdmKeys)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static OdmMapping Load(string path) =>
        JsonSerializer.Deserialize<OdmMapping>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} holds no mapping");

    public OdmGroupMapping? GroupFor(OdmItemGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return Groups.FirstOrDefault(g => g.Matches(group));
    }

    public bool IsEnrolmentGroup(OdmItemGroup group) => Enrolment.ItemGroups?.Contains(group.ItemGroupOid) == true;

    public bool Ignores(OdmItemGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return Ignore is { } i && (i.Forms?.Contains(group.FormOid) == true || i.ItemGroups?.Contains(group.ItemGroupOid) == true);
    }

    public bool IgnoresItem(string itemOid) => Ignore?.Items?.Contains(itemOid) == true;

    /// <summary>The trial site of a subject: its SiteRef through <see cref="OdmSubjects.Sites"/>, else the mapping's one site.</summary>
    public string? SiteOf(string? siteRef)
    {
        if (siteRef is null) return Subjects?.Site;
        if (Subjects?.Sites is null) return siteRef;
        return Subjects.Sites.TryGetValue(siteRef, out var site) ? site : null;
    }

    public string SubjectIdOf(string subjectKey) => (Subjects?.IdPrefix ?? "") + subjectKey;
}

/// <summary>
/// Where an entry's key comes from: the ODM keys of its item group (an EDC's export), or the FormRepeatKey
/// (TrialMonitor's own export writes each entry's key there).
/// </summary>
public enum OdmEntryKeySource { OdmKeys, FormRepeatKey }

/// <summary>Subject id = IdPrefix + SubjectKey; the site from SiteRef/@LocationOID through Sites, or Site when the file names none.</summary>
public sealed record OdmSubjects(string? IdPrefix, IReadOnlyDictionary<string, string>? Sites, string? Site);

/// <summary>
/// The enrolment a subject gets on its first mapped entry: each field of the baseline (and enrolledOn,
/// dateOfBirth for the age) read from the items of ItemGroups seen so far for that subject, or a stated value.
/// </summary>
public sealed record OdmEnrolment(IReadOnlyList<string>? ItemGroups, IReadOnlyDictionary<string, OdmField> Fields);

/// <summary>An item group (optionally only in one form or study event) that becomes an entry of Kind, field by field.</summary>
public sealed record OdmGroupMapping(string? StudyEvent, string? Form, string ItemGroup, string Kind, IReadOnlyDictionary<string, OdmField> Fields)
{
    public bool Matches(OdmItemGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.ItemGroupOid == ItemGroup && (Form is null || Form == group.FormOid) && (StudyEvent is null || StudyEvent == group.StudyEventOid);
    }
}

/// <summary>
/// One field of a value: from an Item (through Codes, Bands, Factor; a date in Format, alternatives separated by |) or a stated Value
/// (also the fallback when the item is absent). Assumed says why a stated value is what it is.
/// </summary>
public sealed record OdmField(
    string? Item,
    JsonElement? Value,
    string? Format,
    IReadOnlyDictionary<string, JsonElement>? Codes,
    IReadOnlyList<OdmBand>? Bands,
    decimal? Factor,
    string? Unit,
    string? Assumed);

/// <summary>A number below Below (the first band that fits) becomes Value, e.g. a 0–100 pain scale into a CTCAE grade.</summary>
public sealed record OdmBand(decimal Below, JsonElement Value);

/// <summary>What the source holds that TrialMonitor does not record, named so it is not reported as unmapped.</summary>
public sealed record OdmIgnored(IReadOnlyList<string>? Forms, IReadOnlyList<string>? ItemGroups, IReadOnlyList<string>? Items, string? Why);
