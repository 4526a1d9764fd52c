using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Clinical.Course;
using MolecularKind = TrialMonitor.Api.Patients.Entries.Kinds.Molecular;

namespace TrialMonitor.Api.Tests.Patients.Entries;

/// <summary>
/// Every kind of <see cref="EntryKinds.All"/> is handled in every place of <see cref="EntryKindPlaces"/>: the course,
/// the as-of cut-off, the alerts, its units, SDTM, the bad-input corpus and the mutation tests. A kind without a
/// sample here fails first, naming this table.
/// </summary>
public sealed class EntryKindCompletenessTests
{
    private static readonly DateOnly On = EntryKindPlaces.SampleOn;

    /// <summary>A valid value of each kind, dated <see cref="EntryKindPlaces.SampleOn"/>.</summary>
    private static readonly Dictionary<Type, object> Samples = new()
    {
        [typeof(BloodCounts)] = new BloodCount(On, 5.2m, 3.1m, 210m, 12.5m, 1m, 1m, 0m, new LowerLimitsOfNormal(4m, 1.8m, 140m, 12m)),
        [typeof(Marrow)] = new MarrowAssessment(On, 2m, 1m),
        [typeof(Cytogenetics)] = new CytogeneticAssessment(On, 40m, CytogeneticMethod.Karyotype, 20, false),
        [typeof(MolecularKind)] = new MolecularAssessment(On, 0.8m, 32_000),
        [typeof(PhysicalExams)] = new PhysicalExam(On, 3m, true),
        [typeof(Doses)] = new DoseChange(On, DoseAction.Reduced, 300, "daily", DoseReductionReasons.Pancytopenia),
        [typeof(Toxicities)] = new ReportedToxicity(On, "Neutrophil count decreased", 3),
        [typeof(ReportedResponses)] = new ReportedResponse(On, CytogeneticCategory.Partial, null),
        [typeof(Transformations)] = new Transformation(On, DiseasePhase.Blastic),
        [typeof(Discontinuations)] = new Discontinuation(On, DiscontinuationReason.Toxicity),
        [typeof(Deaths)] = new Death(On, CauseOfDeath.Infection),
        [typeof(FollowUpContacts)] = On,
    };

    /// <summary>
    /// Places a kind is knowingly not handled in, with why. SDTM has no PE domain here: the spleen and the
    /// signs reach the export only through the hematologic responses they qualify (RS).
    /// </summary>
    private static readonly Dictionary<Type, string[]> KnownGaps = new()
    {
        [typeof(PhysicalExams)] = [EntryKindPlaces.InSdtm],
    };

    public static TheoryData<string> Kinds => [.. EntryKinds.All.Select(k => k.Name)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_is_handled_in_every_place(string name)
    {
        var kind = EntryKinds.All.Single(k => k.Name == name);
        Assert.True(Samples.TryGetValue(kind.GetType(), out var sample),
            $"{name}: no sample value in EntryKindCompletenessTests.Samples; add one, then this test names every place left to handle it in");

        Assert.Equal(KnownGaps.GetValueOrDefault(kind.GetType(), []), EntryKindPlaces.Unhandled(kind, sample));
    }
}
