using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Tests.Course;

/// <summary>One step of a patient's history as recorded: a value under a new key, or the correction voiding a key.</summary>
internal sealed record HistoryStep(string Key, object? Value)
{
    public bool Voids => Value is null;
}

/// <summary>
/// Patients' histories as a site would record them, drawn at random: a visit every 4 weeks (a count,
/// most often an exam, a karyotype or FISH every third visit, a PCR most third visits, its BCR-ABL1
/// falling or rising by up to a log, a few undetectable), imatinib started, often escalated,
/// sometimes reduced, interrupted and resumed, some patients transformed, discontinued or dead; and
/// what makes a history hard to follow: results recorded weeks late, results dated before the start
/// of therapy, two exams on one day, counts without a differential, entries voided and corrected.
/// </summary>
internal static class RandomHistories
{
    public static IEnumerable<(Baseline Baseline, ClinicalSettings Settings, IReadOnlyList<HistoryStep> Steps)> Draw(int seed, int patients)
    {
        for (var n = 0; n < patients; n++)
        {
            var random = new Random(seed * 7919 + n);
            var baseline = new Baseline($"R-{n:000}", "S01", 50, Sex.Female, new DateOnly(1998, 1, 1), 1,
                random.Next(3) == 0 ? random.Next(1, 15) : 0m, false, false, DiseaseGroup.CytogeneticResistance);
            var settings = random.Next(4) switch
            {
                0 => new ClinicalSettings(ClinicalSettings.Eln2013, null, null),
                1 => new ClinicalSettings(ClinicalSettings.Mdacc2003, 1.5m, null),
                _ => ClinicalSettings.PaperDefaults,
            };
            yield return (baseline, settings, Steps(random));
        }
    }

    private static List<HistoryStep> Steps(Random random)
    {
        var start = new DateOnly(2000, 1, 1).AddDays(random.Next(365));
        var inClinicalOrder = new List<object>();
        if (random.Next(20) > 0) inClinicalOrder.Add(new DoseChange(start, DoseAction.Started, 400, "daily", null));
        var visits = random.Next(8, 40);
        var escalationVisit = random.Next(3) > 0 ? random.Next(3, visits) : -1;
        var inCompleteResponse = random.Next(2) == 0;
        var ph = (decimal)random.Next(60, 101);
        var log10Percent = random.Next(0, 20) / 10.0;
        for (var v = -1; v < visits; v++)
        {
            var on = start.AddDays(28 * v + random.Next(-3, 4));
            if (random.Next(4) > 0) inCompleteResponse = random.Next(3) > 0 ? inCompleteResponse : !inCompleteResponse;
            inClinicalOrder.Add(Count(random, on, inCompleteResponse));
            if (random.Next(4) > 0) inClinicalOrder.Add(Exam(random, on.AddDays(random.Next(5) == 0 ? random.Next(-20, 21) : 0)));
            if (random.Next(15) == 0) inClinicalOrder.Add(Exam(random, on));
            if (v % 3 == 2 || random.Next(10) == 0)
            {
                ph = Math.Clamp(ph + random.Next(-45, 40), 0, 100);
                inClinicalOrder.Add(new CytogeneticAssessment(on, random.Next(6) == 0 ? 0 : ph,
                    random.Next(5) == 0 ? CytogeneticMethod.Fish : CytogeneticMethod.Karyotype, random.Next(5) == 0 ? 15 : 20, false));
            }
            if (v % 3 == 1 && random.Next(6) > 0)
            {
                log10Percent = Math.Clamp(log10Percent + random.Next(-10, 5) / 10.0, -5, 2);
                var percent = random.Next(12) == 0 ? 0m : (decimal)Math.Round(Math.Pow(10, log10Percent), 5);
                inClinicalOrder.Add(new MolecularAssessment(on, percent, random.Next(4) == 0 ? 8_000 : 60_000));
            }
            if (v == escalationVisit) inClinicalOrder.Add(new DoseChange(on, DoseAction.Escalated, 800, "daily", null));
            if (v > 0 && random.Next(25) == 0) inClinicalOrder.Add(new DoseChange(on, DoseAction.Reduced, 300, "daily", "PANCYTOPENIA"));
            if (v > 0 && random.Next(30) == 0)
            {
                inClinicalOrder.Add(new DoseChange(on, DoseAction.Interrupted, 0, "daily", "Fatigue"));
                inClinicalOrder.Add(new DoseChange(on.AddDays(14), DoseAction.Resumed, 400, "daily", null));
            }
        }

        var end = start.AddDays(28 * visits);
        if (random.Next(8) == 0) inClinicalOrder.Add(new Transformation(end.AddDays(-random.Next(200)), (DiseasePhase)random.Next(2)));
        if (random.Next(6) == 0) inClinicalOrder.Add(new Discontinuation(end.AddDays(-random.Next(200)), (DiscontinuationReason)random.Next(8)));
        if (random.Next(8) == 0) inClinicalOrder.Add(new Death(end.AddDays(-random.Next(100)), CauseOfDeath.Other));

        // Results recorded late: moved a few entries on.
        var recorded = inClinicalOrder.ToList();
        for (var i = 0; i < recorded.Count; i++)
        {
            if (random.Next(8) != 0) continue;
            var late = recorded[i];
            recorded.RemoveAt(i);
            recorded.Insert(Math.Min(recorded.Count, i + random.Next(1, 8)), late);
        }

        var steps = new List<HistoryStep>();
        var keys = new List<string>();
        foreach (var value in recorded)
        {
            var key = $"K{steps.Count:000}";
            steps.Add(new HistoryStep(key, value));
            keys.Add(key);
            if (random.Next(10) != 0) continue;
            // A correction: an earlier entry voided, often replaced by a corrected value under a new key.
            var voided = random.Next(keys.Count);
            steps.Add(new HistoryStep(keys[voided], null));
            if (random.Next(3) > 0 && steps.FirstOrDefault(s => s.Key == keys[voided] && !s.Voids)?.Value is { } wrong)
                steps.Add(new HistoryStep($"K{steps.Count:000}", Corrected(random, wrong)));
        }
        return steps;
    }

    private static BloodCount Count(Random random, DateOnly on, bool inCompleteResponse)
    {
        var wbc = inCompleteResponse ? random.Next(30, 95) / 10m : random.Next(8, 600) / 10m;
        var platelets = inCompleteResponse ? random.Next(120, 440) : random.Next(150, 1_200);
        var basophils = inCompleteResponse ? random.Next(0, 4) : random.Next(0, 10);
        var blasts = inCompleteResponse || random.Next(2) == 0 ? 0m : random.Next(1, 6);
        var immature = inCompleteResponse || random.Next(2) == 0 ? 0m : random.Next(1, 10);
        var withDifferential = random.Next(10) > 0;
        return new BloodCount(on, wbc, wbc * 0.6m, platelets, random.Next(90, 150) / 10m,
            withDifferential ? blasts : null, withDifferential ? basophils : null, withDifferential ? immature : null, null);
    }

    private static PhysicalExam Exam(Random random, DateOnly on) =>
        new(on, random.Next(4) == 0 ? random.Next(1, 12) : 0m, random.Next(12) == 0);

    private static object Corrected(Random random, object wrong) => wrong switch
    {
        BloodCount c => c with { Platelets = c.Platelets + random.Next(-100, 300), CollectedOn = c.CollectedOn.AddDays(random.Next(-3, 4)) },
        PhysicalExam e => e with { SpleenCmBelowCostalMargin = random.Next(3) == 0 ? 4 : 0 },
        CytogeneticAssessment a => a with { PhPositivePercent = Math.Clamp(a.PhPositivePercent + random.Next(-40, 40), 0, 100) },
        DoseChange d => d with { EffectiveOn = d.EffectiveOn.AddDays(random.Next(-30, 31)) },
        MolecularAssessment m => m with { BcrAbl1PercentIs = m.BcrAbl1PercentIs * random.Next(1, 41) / 4 },
        _ => wrong,
    };

    /// <summary>The course the full evaluation reads: the values in force in the order they were recorded.</summary>
    public static PatientCourse CourseOf(Baseline baseline, IEnumerable<HistoryStep> steps)
    {
        var inForce = new List<(string Key, object Value)>();
        foreach (var step in steps)
        {
            if (step.Voids) inForce.RemoveAll(e => e.Key == step.Key);
            else inForce.Add((step.Key, step.Value!));
        }
        return PatientCourse.From(baseline, inForce.Select(e => (IClinicalEntry)e.Value));
    }
}
