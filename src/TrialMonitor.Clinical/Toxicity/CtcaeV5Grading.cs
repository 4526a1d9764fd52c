using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Toxicity;

/// <summary>
/// NCI CTCAE v5 grades derived from blood count values, as admiral derives them
/// (atoxgr_criteria_ctcv5). Every cut-off is a strict "&lt;": a value on a cut-off takes the
/// milder grade and a value equal to the LLN is grade 0. Grades 0 and 1 need the lab's LLN;
/// grades 2–4 do not. Anything that cannot be graded gives null rather than a wrong grade.
/// </summary>
public static class CtcaeV5Grading
{
    private sealed record Thresholds(decimal Grade2Below, decimal Grade3Below, decimal? Grade4Below, bool IsHemoglobin);

    private static readonly Dictionary<string, Thresholds> ByTerm = new(StringComparer.OrdinalIgnoreCase)
    {
        // CTCAE v5: < LLN–1.5; < 1.5–1.0; < 1.0–0.5; < 0.5 × 10^9/L.
        [CtcaeTerms.NeutrophilCountDecreased] = new(1.5m, 1.0m, 0.5m, IsHemoglobin: false),
        // CTCAE v5: < LLN–75; < 75–50; < 50–25; < 25 × 10^9/L.
        [CtcaeTerms.PlateletCountDecreased] = new(75m, 50m, 25m, IsHemoglobin: false),
        // CTCAE v5: < LLN–3.0; < 3.0–2.0; < 2.0–1.0; < 1.0 × 10^9/L.
        [CtcaeTerms.WhiteBloodCellDecreased] = new(3.0m, 2.0m, 1.0m, IsHemoglobin: false),
        // CTCAE v5: < LLN–10.0; < 10.0–8.0; < 8.0 g/dL; grade 4 is clinical, never from a lab value.
        [CtcaeTerms.Anemia] = new(10.0m, 8.0m, null, IsHemoglobin: true),
    };

    /// <summary>
    /// The grade of one lab value given its term, its lower limit of normal and the unit both are
    /// in; null for an unknown term or unit, a missing value, or grade 0–1 without an LLN.
    /// </summary>
    public static int? Grade(string? term, decimal? value, decimal? lowerLimitOfNormal, string? unit)
    {
        if (term is null || !ByTerm.TryGetValue(term.Trim(), out var thresholds))
        {
            return null;
        }

        Func<decimal?, string?, decimal?> convert = thresholds.IsHemoglobin ? LabUnits.ToGramsPerDecilitre : LabUnits.ToCountsPerLitre;
        if (convert(value, unit) is not { } v)
        {
            return null;
        }

        if (thresholds.Grade4Below is { } grade4 && v < grade4)
        {
            return 4;
        }

        if (v < thresholds.Grade3Below)
        {
            return 3;
        }

        if (v < thresholds.Grade2Below)
        {
            return 2;
        }

        return convert(lowerLimitOfNormal, unit) switch
        {
            null => null,
            var lln when v < lln => 1,
            _ => 0,
        };
    }

    /// <summary>Every grade a blood count gives (counts in 10^9/L, hemoglobin in g/dL), grade 0 included.</summary>
    public static IReadOnlyList<LabToxicityGrade> Grade(BloodCount count)
    {
        ArgumentNullException.ThrowIfNull(count);
        var lln = count.LowerLimits;
        (string Term, decimal? Value, decimal? Lln, string Unit)[] values =
        [
            (CtcaeTerms.Anemia, count.Hemoglobin, lln?.Hemoglobin, LabUnits.GramsPerDecilitre),
            (CtcaeTerms.NeutrophilCountDecreased, count.Neutrophils, lln?.Neutrophils, LabUnits.CountsPerLitre),
            (CtcaeTerms.PlateletCountDecreased, count.Platelets, lln?.Platelets, LabUnits.CountsPerLitre),
            (CtcaeTerms.WhiteBloodCellDecreased, count.Wbc, lln?.Wbc, LabUnits.CountsPerLitre),
        ];
        return [.. values
            .Select(v => (v.Term, Grade: Grade(v.Term, v.Value, v.Lln, v.Unit)))
            .Where(g => g.Grade is not null)
            .Select(g => new LabToxicityGrade(count.CollectedOn, g.Term, g.Grade!.Value))];
    }
}
