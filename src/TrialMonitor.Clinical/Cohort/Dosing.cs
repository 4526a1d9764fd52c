using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Cohort;

/// <summary>
/// Dose reductions after escalation (the paper counts "reductions from 800 mg", so a reduction
/// to 300 mg on standard dose is not one of them). Each patient is counted once, under the
/// reason of the first reduction after escalation: PANCYTOPENIA or another toxicity term.
/// </summary>
public sealed record DoseReductions(
    int Patients,
    int Reductions,
    int PatientsForPancytopenia,
    int PatientsForOtherToxicity,
    IReadOnlyDictionary<string, int> OtherToxicityTerms)
{
    internal static DoseReductions Compute(IReadOnlyList<CohortPatient> patients, Func<CohortPatient, PatientCourse> course)
    {
        var reductions = patients
            .Where(p => p.Assessment.EscalatedOn is not null)
            .Select(p => DoseHistory.Ordered(course(p).Doses)
                .Where(d => d.Action == DoseAction.Reduced && d.EffectiveOn > p.Assessment.EscalatedOn!.Value)
                .ToList())
            .Where(r => r.Count > 0)
            .ToList();
        var firstReasons = reductions.Select(r => r[0].Reason?.Trim().ToUpperInvariant() ?? "NOT GIVEN").ToList();
        var other = firstReasons.Where(r => r != DoseReductionReasons.Pancytopenia).ToList();

        return new DoseReductions(
            reductions.Count,
            reductions.Sum(r => r.Count),
            firstReasons.Count - other.Count,
            other.Count,
            other.GroupBy(r => r).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()));
    }
}

/// <summary>
/// The daily dose in effect a whole number of months after escalation ("the median actual dose
/// delivered at 3 and 6 months"), over the patients still on therapy that day: escalated, not
/// discontinued or dead by then, and followed up (last contact or death) at least until then.
/// The day is the first one at least that many months (of 30.4375 days) after escalation.
/// </summary>
public sealed record DoseAfterEscalation(int Months, int PatientsOnTherapy, decimal? MedianDailyDoseMg)
{
    internal static DoseAfterEscalation Compute(int months, IReadOnlyList<CohortPatient> patients, Func<CohortPatient, PatientCourse> course)
    {
        var doses = new List<decimal>();
        foreach (var patient in patients)
        {
            if (patient.Assessment.EscalatedOn is not { } escalated)
            {
                continue;
            }

            var c = course(patient);
            var day = ClinicalMonths.After(escalated, months);
            var stillOn = FollowUp.EndOf(c) >= day
                && !(c.Discontinuation?.EffectiveOn <= day)
                && !(c.Death?.DiedOn <= day);
            if (stillOn && DoseHistory.DailyDoseOn(c, day) is { } dose)
            {
                doses.Add(dose);
            }
        }

        return new DoseAfterEscalation(months, doses.Count, MedianRange.Of(doses)?.Median);
    }
}
