using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Cohort;

/// <summary>Patients with an improved cytogenetic response of one category, karyotype and FISH apart (the paper's "1 + 1*").</summary>
public sealed record CytogeneticResponseCount(int ByKaryotype, int ByFish)
{
    public int Total => ByKaryotype + ByFish;

    public string Display => (ByKaryotype, ByFish) switch
    {
        (_, 0) => $"{ByKaryotype}",
        (0, _) => $"{ByFish}*",
        _ => $"{ByKaryotype} + {ByFish}*",
    };
}

/// <summary>
/// One line of Table 2. Row is null for the "Any CG resistance/relapse" total. The CHR/PHR
/// columns apply to the hematologic rows only (null, the paper's "NA", elsewhere).
/// </summary>
public sealed record Table2Line(
    string ResistanceOrRelapse,
    Table2Row? Row,
    MedianRange? MonthsOnStandardDose,
    int PatientsTreated,
    int? WithChr,
    int? WithPhr,
    CytogeneticResponseCount Complete,
    CytogeneticResponseCount Partial,
    CytogeneticResponseCount Minor)
{
    public string HematologicDisplay => WithChr is null ? "NA" : $"{WithChr}/{WithPhr}";
}

/// <summary>
/// Table 2, response to high dose by the resistance/relapse status at escalation. Escalated
/// patients the rules could not place in a row are counted in Unclassified, never dropped silently.
/// </summary>
public sealed record Table2(IReadOnlyList<Table2Line> Lines, IReadOnlyList<string> UnclassifiedSubjectIds)
{
    private static readonly (Table2Row Row, string Label)[] CytogeneticRows =
    [
        (Table2Row.LossOfCytogeneticCompleteOrPartialToAbove90, "Loss of CG CR or CG PR, Ph exceeding 90%"),
        (Table2Row.LossOfCytogeneticCompleteOrPartialTo35To90, "Loss of CG CR or CG PR, Ph 35% to 90%"),
        (Table2Row.LossOfMinorTo100, "Loss of minor CG response to 100% Ph+"),
        (Table2Row.CytogeneticResistanceAbove90, "CG resistance, Ph exceeding 90%"),
        (Table2Row.CytogeneticResistance35To90, "CG resistance, Ph 35% to 90%"),
    ];

    private static readonly (Table2Row Row, string Label)[] HematologicRows =
    [
        (Table2Row.HematologicRelapse, "Hematologic relapse"),
        (Table2Row.HematologicResistance, "Hematologic resistance"),
    ];

    /// <summary>The row as the paper labels it, e.g. "CG resistance, Ph exceeding 90%".</summary>
    public static string LabelOf(Table2Row row) => CytogeneticRows.Concat(HematologicRows).Single(r => r.Row == row).Label;

    public Table2Line For(Table2Row row) => Lines.Single(l => l.Row == row);

    public Table2Line AnyCytogenetic => Lines.Single(l => l.Row is null);

    internal static Table2 Compute(IReadOnlyList<CohortPatient> patients)
    {
        var escalated = patients.Where(p => p.Assessment.EscalatedOn is not null).ToList();
        var cytogenetic = CytogeneticRows.Select(r => r.Row).ToHashSet();
        List<Table2Line> lines =
        [
            .. CytogeneticRows.Select(r => Line(r.Label, r.Row, escalated.Where(p => p.Assessment.Table2Row == r.Row).ToList(), hematologic: false)),
            Line("Any CG resistance/relapse", null, escalated.Where(p => p.Assessment.Table2Row is { } row && cytogenetic.Contains(row)).ToList(), hematologic: false),
            .. HematologicRows.Select(r => Line(r.Label, r.Row, escalated.Where(p => p.Assessment.Table2Row == r.Row).ToList(), hematologic: true)),
        ];
        return new Table2(lines, [.. escalated.Where(p => p.Assessment.Table2Row is null).Select(p => p.SubjectId)]);
    }

    private static Table2Line Line(string label, Table2Row? row, List<CohortPatient> patients, bool hematologic)
    {
        CytogeneticResponseCount Improved(CytogeneticCategory category)
        {
            var episodes = patients.Select(p => p.Assessment.Improvement).OfType<ImprovementEpisode>()
                .Where(e => e.ImprovedCategory == category).ToList();
            return new CytogeneticResponseCount(episodes.Count(e => !e.ByFish), episodes.Count(e => e.ByFish));
        }

        return new Table2Line(
            label,
            row,
            MedianRange.Of(patients.Select(MonthsOnStandardDose).OfType<decimal>()),
            patients.Count,
            hematologic ? patients.Count(p => p.Assessment.BestHematologicAfterEscalation == HematologicCategory.Complete) : null,
            hematologic ? patients.Count(p => p.Assessment.BestHematologicAfterEscalation == HematologicCategory.Partial) : null,
            Improved(CytogeneticCategory.Complete),
            Improved(CytogeneticCategory.Partial),
            Improved(CytogeneticCategory.Minor));
    }

    /// <summary>DOMAIN: time on 400 mg runs from the start of standard dose to the escalation.</summary>
    internal static decimal? MonthsOnStandardDose(CohortPatient patient) =>
        patient.Assessment is { StandardDoseStartedOn: { } start, EscalatedOn: { } escalated }
            ? ClinicalMonths.Between(start, escalated)
            : null;
}
