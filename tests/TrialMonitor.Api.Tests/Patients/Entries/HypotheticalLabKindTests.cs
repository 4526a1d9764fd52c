using TrialMonitor.Api.Door;
using TrialMonitor.Api.Odm.Layout;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Tests.Patients.Entries;

/// <summary>Serum ferritin: a lab kind TrialMonitor does not have, declared here as a new kind would be.</summary>
public sealed record FerritinResult(DateOnly CollectedOn, decimal NanogramsPerMillilitre) : IClinicalEntry
{
    DateOnly IClinicalEntry.ClinicalDate => CollectedOn;
}

public sealed record FerritinRecorded(Guid PatientId, string EntryKey, FerritinResult Ferritin) : IPatientEntry
{
    DateOnly IPatientEntry.ClinicalOn => Ferritin.CollectedOn;
}

public sealed class Ferritins : EntryKind<FerritinRecorded, FerritinResult>
{
    public override string Name => "Ferritin";
    public override string Mutation => "recordFerritin";
    public override string Argument => "ferritin";
    public override string ChartField => "ferritins";
    public override string ClinicalDateField => "ferritin.collectedOn";
    public override bool MovesAssessment => false;

    public override IReadOnlyDictionary<string, string> Units { get; } = new Dictionary<string, string> { ["nanogramsPerMillilitre"] = "ng/mL" };

    protected override FerritinRecorded Record(Guid patientId, string entryKey, FerritinResult value) => new(patientId, entryKey, value);
    protected override FerritinResult ValueOf(FerritinRecorded entry) => entry.Ferritin;
    protected override string FormCode(FerritinResult value) => "FER";

    protected override void Check(FieldChecks checks, FerritinResult f) => checks.Between(f.NanogramsPerMillilitre, 0, 100_000, "nanogramsPerMillilitre", "ng/mL");
}

/// <summary>
/// Adding a lab kind is its declaration (above) and one line in the table: it compiles without touching the course,
/// its values flow through the course and the as-of cut-off, its unit reaches ODM, and the completeness check names
/// the places left to handle it in.
/// </summary>
public sealed class HypotheticalLabKindTests
{
    /// <summary>The table with the new kind's line, as <see cref="EntryKinds.All"/> would have it.</summary>
    private static readonly IReadOnlyList<EntryKind> Table = [.. EntryKinds.All, new Ferritins()];

    private static readonly Guid Patient = Guid.NewGuid();

    [Fact]
    public void A_new_lab_kind_flows_through_the_course_and_the_as_of_cut_off()
    {
        IPatientEntry[] entries =
        [
            new DoseChanged(Patient, "DOSE-1", new DoseChange(new(2000, 6, 1), DoseAction.Started, 400, "daily", null)),
            Table.OfType<Ferritins>().Single().Record(Patient, "FER-1", new FerritinResult(new(2000, 7, 1), 850m)),
            Table.OfType<Ferritins>().Single().Record(Patient, "FER-2", new FerritinResult(new(2000, 9, 1), 420m)),
        ];

        var course = PatientCourse.From(EntryKindPlaces.Baseline, entries.Select(e => Table.Single(k => k.EventType == e.GetType()).InCourse(e)));

        Assert.Equal([new FerritinResult(new(2000, 7, 1), 850m), new FerritinResult(new(2000, 9, 1), 420m)], course.Of<FerritinResult>());
        Assert.Equal([new FerritinResult(new(2000, 7, 1), 850m)], course.AsOf(new(2000, 8, 31)).Of<FerritinResult>());
        Assert.Single(course.AsOf(new(2000, 8, 31)).Doses);
        Assert.Empty(course.BloodCounts);
    }

    [Fact]
    public void A_new_lab_kind_declares_its_unit_once_and_ODM_reads_it()
    {
        var item = Assert.Single(OdmLayout.LayoutOf(new Ferritins()).Items, i => i.Field == "nanogramsPerMillilitre");

        Assert.Equal(("Ferritin.nanogramsPerMillilitre", "float", "ng/mL"), (item.Oid, item.DataType, item.Unit));
    }

    [Fact]
    public void The_completeness_check_names_the_places_a_new_lab_kind_is_not_yet_handled_in()
    {
        var unhandled = EntryKindPlaces.Unhandled(new Ferritins(), new FerritinResult(EntryKindPlaces.SampleOn, 850m));

        Assert.Equal([EntryKindPlaces.InSdtm, EntryKindPlaces.InBadInputCorpus, EntryKindPlaces.InMutationTests], unhandled);
    }
}
