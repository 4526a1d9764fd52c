using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;
using TrialMonitor.Api.Patients.Entries.Kinds;

namespace TrialMonitor.Api.Patients.Entries;

/// <summary>
/// The table of clinical entry kinds: a kind is its declaration (Kinds/) and one line here. The write
/// path, the chart and its fold, the alerts, the GraphQL mutations and entry types, the stored JSON of
/// the chart, the demo cohort and the benchmarks are all driven from this list; its order is the
/// order of the mutations and chart fields in the schema.
/// </summary>
public static class EntryKinds
{
    public static readonly IReadOnlyList<EntryKind> All =
    [
        new BloodCounts(),
        new Marrow(),
        new Cytogenetics(),
        new Molecular(),
        new PhysicalExams(),
        new Doses(),
        new Toxicities(),
        new ReportedResponses(),
        new Transformations(),
        new Discontinuations(),
        new Deaths(),
        new FollowUpContacts(),
    ];

    private static readonly FrozenDictionary<Type, EntryKind> ByEventType = All.ToFrozenDictionary(k => k.EventType);

    public static EntryKind Of(IPatientEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ByEventType.TryGetValue(entry.GetType(), out var kind)
            ? kind
            : throw new InvalidOperationException($"{entry.GetType().Name} is not declared in EntryKinds.All");
    }

    public static T Get<T>() where T : EntryKind => All.OfType<T>().Single();

    /// <summary>
    /// Lets the chart store its entries as one list: each is written with its kind's name as "$k" and
    /// read back as its event type. jsonb orders an object's keys by length first, so a two-character
    /// name comes back first and the reader need not buffer the entry to find it.
    /// </summary>
    public static void StoreAsOneList(JsonTypeInfo type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Type != typeof(IPatientEntry)) return;
        type.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$k" };
        foreach (var kind in All) type.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(kind.EventType, kind.Name));
    }
}
