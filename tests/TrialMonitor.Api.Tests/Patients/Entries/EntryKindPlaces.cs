using TrialMonitor.Api.Cdisc;
using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Tests.Door;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Tests.Patients.Entries;

/// <summary>
/// Every place a kind of entry must be handled beyond its declaration and its line in <see cref="EntryKinds.All"/>
/// (the write path, the chart, the GraphQL schema, ODM and the demo loader are driven from those two), each checked
/// with a sample value of the kind. <see cref="Unhandled"/> names the places a kind is not handled in, so a new kind's
/// test lists what is left to do.
/// </summary>
internal static class EntryKindPlaces
{
    public const string InCourse = "the course: PatientCourse.From holds the value and EntryKind.ValuesIn gives it back";
    public const string InAsOf = "the as-of cut-off (PatientCourseAsOf): the value is in the course on its clinical date, not the day before";
    public const string InAlerts =
        "the alerts: RunningCourse.Record reads the value exactly when the kind's MovesAssessment says so (AlertProjection folds only those)";
    public const string InUnits = "the units (EntryKind.Units, read by ODM, SDTM LB and the patient page): each decimal field has one, each names a field";
    public const string InSdtm = "SDTM (Cdisc/Sdtm, CdiscDatasets.All): a dataset changes with the value";
    public const string InBadInputCorpus = "the bad-input corpus (tests Door/BadInputCorpus.Templates): a valid template of the mutation, with its shared cases";
    public const string InMutationTests = "the mutation tests (tests GraphQL/Schema/MutationTests.Entries): a valid value of the mutation";

    /// <summary>Standard dose started on this day; a sample value is dated <see cref="SampleOn"/>, 100 days later.</summary>
    public static readonly DateOnly StartedOn = new(2000, 6, 1);

    public static readonly DateOnly SampleOn = StartedOn.AddDays(100);

    public static readonly Baseline Baseline =
        new("P-001", "MDACC", 58, Sex.Female, new DateOnly(1998, 1, 1), 0, 0m, false, false, DiseaseGroup.CytogeneticResistance);

    private static readonly DoseChange Started = new(StartedOn, DoseAction.Started, 400, "daily", null);

    public static IReadOnlyList<string> Unhandled(EntryKind kind, object sample)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var value = kind.InCourse(kind.Record(Guid.NewGuid(), "SAMPLE", sample));
        var course = PatientCourse.From(Baseline, [Started, value]);
        var on = value.ClinicalDate;
        var places = new List<string>();

        if (!kind.ValuesIn(course).Contains(sample)) places.Add(InCourse);
        if (!kind.ValuesIn(course.AsOf(on)).Contains(sample) || kind.ValuesIn(course.AsOf(on.AddDays(-1))).Contains(sample)) places.Add(InAsOf);
        if (ReadByRunningCourse(value) != kind.MovesAssessment) places.Add(InAlerts);
        if (!UnitsDeclared(kind)) places.Add(InUnits);
        if (SdtmRows(PatientCourse.From(Baseline, [Started])) == SdtmRows(course)) places.Add(InSdtm);
        if (!BadInputCorpusCovers(kind)) places.Add(InBadInputCorpus);
        if (!MutationTests.Entries.Any(row => (string)row[0] == kind.Mutation)) places.Add(InMutationTests);
        return places;
    }

    private static bool ReadByRunningCourse(IClinicalEntry value)
    {
        try
        {
            new RunningCourse(Baseline, ClinicalSettings.PaperDefaults).Record("SAMPLE", value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool UnitsDeclared(EntryKind kind)
    {
        var fields = OdmValueFields.Flattened(kind.ValueType).ToList();
        return fields.Where(f => f.Type == typeof(decimal)).All(f => kind.Units.ContainsKey(f.Name))
            && kind.Units.Keys.All(field => fields.Any(f => f.Name == field));
    }

    /// <summary>Every row of every SDTM dataset of the patient, as text.</summary>
    private static string SdtmRows(PatientCourse course)
    {
        var study = new CdiscStudy("STUDY", ClinicalSettings.PaperDefaults, SampleOn.AddDays(365));
        var subject = CdiscSubject.Of(study, Baseline.SubjectId, Baseline.Site, StartedOn, course,
            PatientEvaluation.Evaluate(course, ClinicalSettings.PaperDefaults));
        return string.Join('\n', CdiscDatasets.All.Where(d => d.Model == CdiscModel.Sdtm)
            .SelectMany(d => d.RowsOf(subject).Select(row => $"{d.Name}: {string.Join('|', row)}")));
    }

    private static bool BadInputCorpusCovers(EntryKind kind) =>
        BadInputCorpus.Templates.ContainsKey(kind.Mutation)
        && BadInputCorpus.All().Any(bad => bad.Mutation == kind.Mutation && bad.Field == kind.ClinicalDateField);
}
