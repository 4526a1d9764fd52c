using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Tests.Molecular;

/// <summary>
/// A first-line course for the molecular rules: therapy started on 2024-01-01 (day 0), so the
/// ELN-2020 milestone days are 2024-04-01 (day 91), 2024-07-01 (day 182) and 2024-12-31 (day 365),
/// counted by hand on a 2024 calendar (a leap year).
/// </summary>
internal sealed class MolecularCourse
{
    public static readonly DateOnly DayZero = new(2024, 1, 1);

    private readonly List<MolecularAssessment> results = [];
    private readonly List<DoseChange> doses = [new(DayZero, DoseAction.Started, 400, "daily", null)];
    private Discontinuation? discontinuation;
    private Death? death;

    public static MolecularCourse Started() => new();

    public static MolecularCourse NeverStarted()
    {
        var course = new MolecularCourse();
        course.doses.Clear();
        return course;
    }

    public MolecularCourse Pcr(string collectedOn, decimal percentIs, int copies = 50_000)
    {
        results.Add(new MolecularAssessment(DateOnly.Parse(collectedOn, System.Globalization.CultureInfo.InvariantCulture), percentIs, copies));
        return this;
    }

    public MolecularCourse Discontinued(string on)
    {
        discontinuation = new Discontinuation(DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), DiscontinuationReason.PatientDecision);
        return this;
    }

    public MolecularCourse Died(string on)
    {
        death = new Death(DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), CauseOfDeath.Other);
        return this;
    }

    public PatientCourse Build() => PatientCourse.From(
        new Baseline("FL-001", "S1", 50, Sex.Female, new DateOnly(2023, 12, 1), 0, 0m, false, false, DiseaseGroup.CytogeneticResistance),
        [.. results, .. doses, .. ((IClinicalEntry?[])[discontinuation, death]).OfType<IClinicalEntry>()]);
}
