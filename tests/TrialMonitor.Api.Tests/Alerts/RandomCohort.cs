using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Tests.Alerts;

/// <summary>
/// Patients' streams drawn at random, as a site would record them: a visit every 4 weeks (a count,
/// often with low values and its lab's limits, most often an exam, a karyotype or FISH every third
/// visit, a PCR most third visits falling or rising by up to a log, now and then marrow, a toxicity
/// of grade 1–4, a reported response, a follow-up contact), imatinib started, often escalated,
/// reduced, interrupted and resumed, some patients
/// transformed, discontinued or dead; results recorded weeks late, entries voided and corrected.
/// </summary>
internal static class RandomCohort
{
    public static IReadOnlyList<object> Stream(Guid patientId, Guid trialId, int seed)
    {
        var random = new Random(seed);
        var start = new DateOnly(2000, 1, 1).AddDays(random.Next(365));
        var baseline = new Baseline($"R{seed:000}", random.Next(2) == 0 ? "MDACC" : "SITE-2", 50, Sex.Male, new DateOnly(1998, 1, 1), 1,
            random.Next(3) == 0 ? random.Next(1, 15) : 0m, false, false, DiseaseGroup.CytogeneticResistance);
        var entries = new List<Func<string, IPatientEntry>>();
        if (random.Next(20) > 0) entries.Add(k => new DoseChanged(patientId, k, new DoseChange(start, DoseAction.Started, 400, "daily", null)));
        var visits = random.Next(8, 36);
        var escalationVisit = random.Next(3) > 0 ? random.Next(3, visits) : -1;
        var inCompleteResponse = random.Next(2) == 0;
        var ph = (decimal)random.Next(60, 101);
        var log10Percent = random.Next(0, 20) / 10.0;
        for (var v = -1; v < visits; v++)
        {
            var on = start.AddDays(28 * v + random.Next(-3, 4));
            if (random.Next(3) == 0) inCompleteResponse = !inCompleteResponse;
            var count = Count(random, on, inCompleteResponse);
            entries.Add(k => new BloodCountRecorded(patientId, k, count));
            if (random.Next(4) > 0)
            {
                var exam = new PhysicalExam(on.AddDays(random.Next(5) == 0 ? random.Next(-20, 21) : 0), random.Next(4) == 0 ? random.Next(1, 12) : 0m, random.Next(12) == 0);
                entries.Add(k => new PhysicalExamRecorded(patientId, k, exam));
            }
            if (v % 3 == 2 || random.Next(10) == 0)
            {
                ph = Math.Clamp(ph + random.Next(-45, 40), 0, 100);
                var karyotype = new CytogeneticAssessment(on, random.Next(6) == 0 ? 0 : ph,
                    random.Next(5) == 0 ? CytogeneticMethod.Fish : CytogeneticMethod.Karyotype, random.Next(5) == 0 ? 15 : 20, false);
                entries.Add(k => new CytogeneticsRecorded(patientId, k, karyotype));
            }
            if (random.Next(10) == 0)
            {
                var toxicity = new ReportedToxicity(on, random.Next(2) == 0 ? "Nausea" : "Fatigue", random.Next(1, 5));
                entries.Add(k => new ToxicityReported(patientId, k, toxicity));
            }
            if (random.Next(15) == 0) entries.Add(k => new MarrowRecorded(patientId, k, new MarrowAssessment(on, random.Next(0, 10), random.Next(0, 10))));
            if (v % 3 == 1 && random.Next(6) > 0)
            {
                log10Percent = Math.Clamp(log10Percent + random.Next(-10, 5) / 10.0, -5, 2);
                var pcr = new MolecularAssessment(on, random.Next(12) == 0 ? 0m : (decimal)Math.Round(Math.Pow(10, log10Percent), 5),
                    random.Next(4) == 0 ? 8_000 : 60_000);
                entries.Add(k => new MolecularRecorded(patientId, k, pcr));
            }
            if (random.Next(15) == 0) entries.Add(k => new ResponseReported(patientId, k, new ReportedResponse(on, CytogeneticCategory.Partial, HematologicCategory.Complete)));
            if (random.Next(15) == 0) entries.Add(k => new FollowUpContactRecorded(patientId, k, on));
            if (v == escalationVisit) entries.Add(k => new DoseChanged(patientId, k, new DoseChange(on, DoseAction.Escalated, 800, "daily", null)));
            if (v > 0 && random.Next(20) == 0) entries.Add(k => new DoseChanged(patientId, k, new DoseChange(on, DoseAction.Reduced, 300, "daily", "PANCYTOPENIA")));
            if (v > 0 && random.Next(30) == 0)
            {
                entries.Add(k => new DoseChanged(patientId, k, new DoseChange(on, DoseAction.Interrupted, 0, "daily", "Fatigue")));
                entries.Add(k => new DoseChanged(patientId, k, new DoseChange(on.AddDays(14), DoseAction.Resumed, 400, "daily", null)));
            }
        }
        var end = start.AddDays(28 * visits);
        if (random.Next(8) == 0) entries.Add(k => new TransformationDiagnosed(patientId, k, new Transformation(end.AddDays(-random.Next(200)), DiseasePhase.Blastic)));
        if (random.Next(6) == 0) entries.Add(k => new TherapyDiscontinued(patientId, k, new Discontinuation(end.AddDays(-random.Next(200)), (DiscontinuationReason)random.Next(8))));
        if (random.Next(8) == 0) entries.Add(k => new PatientDied(patientId, k, new Death(end.AddDays(-random.Next(100)), CauseOfDeath.Other)));

        // Results recorded late: a few entries moved on.
        for (var i = 0; i < entries.Count; i++)
        {
            if (random.Next(8) != 0) continue;
            var late = entries[i];
            entries.RemoveAt(i);
            entries.Insert(Math.Min(entries.Count, i + random.Next(1, 8)), late);
        }

        var stream = new List<object> { new PatientEnrolled(patientId, trialId, start, baseline) };
        var recorded = new List<IPatientEntry>();
        foreach (var make in entries)
        {
            var entry = make($"K{stream.Count:000}");
            stream.Add(entry);
            recorded.Add(entry);
            if (random.Next(10) != 0) continue;
            // A correction: an earlier entry voided, sometimes replaced by the same kind of entry recorded again; often the
            // latest PCR result (a lab reissuing a report), so that corrections move the molecular conclusions too.
            var wrong = random.Next(4) == 0 && recorded.OfType<MolecularRecorded>().LastOrDefault() is { } pcr
                ? pcr
                : recorded[random.Next(recorded.Count)];
            var replacement = random.Next(2) == 0 ? $"K{stream.Count + 1:000}" : null;
            stream.Add(new EntryVoided(patientId, wrong.EntryKey, "entered in error", replacement));
            if (replacement is not null) stream.Add(Again(wrong, replacement, random));
        }
        return stream;
    }

    private static BloodCount Count(Random random, DateOnly on, bool inCompleteResponse)
    {
        var wbc = inCompleteResponse ? random.Next(15, 95) / 10m : random.Next(8, 600) / 10m;
        var withDifferential = random.Next(10) > 0;
        return new BloodCount(on, wbc, wbc * random.Next(2, 7) / 10m, inCompleteResponse ? random.Next(20, 440) : random.Next(150, 1_200),
            random.Next(70, 150) / 10m,
            withDifferential ? (inCompleteResponse ? 0m : random.Next(0, 5)) : null,
            withDifferential ? random.Next(0, inCompleteResponse ? 4 : 10) : null,
            withDifferential ? (inCompleteResponse ? 0m : random.Next(0, 8)) : null,
            random.Next(2) == 0 ? new LowerLimitsOfNormal(4m, 1.8m, 140m, 12m) : null);
    }

    private static IPatientEntry Again(IPatientEntry wrong, string key, Random random) => wrong switch
    {
        BloodCountRecorded c => c with { EntryKey = key, Count = c.Count with { Platelets = c.Count.Platelets + random.Next(-100, 300) } },
        CytogeneticsRecorded g => g with { EntryKey = key, Cytogenetics = g.Cytogenetics with { PhPositivePercent = Math.Clamp(g.Cytogenetics.PhPositivePercent + random.Next(-40, 40), 0, 100) } },
        DoseChanged d => d with { EntryKey = key, Dose = d.Dose with { EffectiveOn = d.Dose.EffectiveOn.AddDays(random.Next(-30, 31)) } },
        MolecularRecorded m => m with { EntryKey = key, Molecular = m.Molecular with { BcrAbl1PercentIs = m.Molecular.BcrAbl1PercentIs * random.Next(1, 41) / 4 } },
        _ => EntryKinds.Of(wrong).Record(wrong.PatientId, key, EntryKinds.Of(wrong).ValueOf(wrong)),
    };
}
