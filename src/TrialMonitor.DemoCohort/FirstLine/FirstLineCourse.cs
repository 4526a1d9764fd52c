using TrialMonitor.Clinical.Course;

namespace TrialMonitor.DemoCohort.FirstLine;

/// <summary>
/// Draws one patient's course from the patient's own seed: a screening visit up to a week before day 0
/// (blood count, exam, marrow, karyotype and BCR-ABL1); imatinib 400 mg from day 0; blood counts at 2, 4
/// and 8 weeks (an exam at 4), then with the PCR at 3 months and every 6 months; BCR-ABL1 every 3 months,
/// a few days early or late (now and then weeks late, or missed), and repeated 5–8 weeks after a 3-month
/// result above 10 %. Nothing is dated after the data cut-off, and no sample after therapy ended.
/// </summary>
internal sealed class FirstLineCourse
{
    private const int PcrEveryDays = 91;
    private const int StartingDoseMg = 400;
    private const int EscalatedDoseMg = 600;

    private static readonly LowerLimitsOfNormal MaleLimits = new(4.0m, 1.8m, 140m, 13.5m);
    private static readonly LowerLimitsOfNormal FemaleLimits = new(4.0m, 1.8m, 140m, 12.0m);

    // The reason a site gives for a dose change (upper case, as in the paper's cohort) and the CTCAE term it reports.
    private static readonly (string Reason, string Term)[] SideEffects =
    [
        ("FATIGUE", "Fatigue"),
        ("EDEMA", "Edema limbs"),
        ("GASTROINTESTINAL", "Diarrhea"),
        ("SKIN RASH", "Rash maculo-papular"),
        ("MUSCLE CRAMPS", "Muscle cramp"),
    ];

    private readonly FirstLinePatient patient;
    private readonly DateOnly cutoff;
    private readonly Draws draws;
    private readonly Sex sex;
    private readonly List<BloodCount> counts = [];
    private readonly List<PhysicalExam> exams = [];
    private readonly List<MarrowAssessment> marrow = [];
    private readonly List<CytogeneticAssessment> cytogenetics = [];
    private readonly List<MolecularAssessment> molecular = [];
    private readonly List<DoseChange> doses = [];
    private readonly List<ReportedToxicity> toxicities = [];
    private decimal diagnosisSpleenCm;

    private FirstLineCourse(FirstLinePatient patient, DateOnly cutoff)
    {
        this.patient = patient;
        this.cutoff = cutoff;
        draws = new Draws(patient.Seed);
        sex = draws.Chance(56) ? Sex.Male : Sex.Female;
    }

    public static PatientCourse Build(FirstLinePatient patient, DateOnly cutoff) => new FirstLineCourse(patient, cutoff).Build();

    private enum VisitState { Diagnosis, TwoWeeks, FourWeeks, Controlled, Active, Cytopenia, Blastic }

    private DateOnly Day(int day) => patient.StartedOn.AddDays(day);

    private PatientCourse Build()
    {
        // 18–86 years, most between 40 and 70.
        var age = 18 + draws.Int(0, 34) + draws.Int(0, 34);
        var ecog = draws.Int(1, 100) switch { <= 72 => 0, <= 95 => 1, _ => 2 };
        var hepatomegaly = draws.Chance(5);
        var clonalEvolution = draws.Chance(4);
        var diagnosedOn = Day(-draws.Int(10, 45));
        var plan = ResponsePlans.Draw(patient.Pattern, draws);
        var intercurrentDay = IntercurrentDay();

        var (offOn, offFor) = EndOfTherapy(plan, intercurrentDay);
        var lastSampleOn = offOn is { } off ? Min(cutoff, off.AddDays(-1)) : cutoff;
        if (patient.Intercurrent == Intercurrent.MissedLastPcrs && cutoff.AddDays(-draws.Int(150, 260)) is var stopped && stopped > Day(200))
            lastSampleOn = Min(lastSampleOn, stopped);

        Screening(plan, clonalEvolution);
        doses.Add(new DoseChange(patient.StartedOn, DoseAction.Started, StartingDoseMg, Schedule(StartingDoseMg), null));
        FirstWeeks(lastSampleOn);
        Monitoring(plan, lastSampleOn);
        DoseChanges(plan, intercurrentDay, offOn ?? cutoff.AddDays(1), lastSampleOn);

        Transformation? transformation = null;
        Death? death = null;
        if (offOn is { } endedOn)
        {
            if (offFor == DiscontinuationReason.TransformationToBlasticPhase)
            {
                transformation = new Transformation(endedOn, DiseasePhase.Blastic);
                Visit(endedOn, VisitState.Blastic);
                marrow.Add(new MarrowAssessment(endedOn, draws.Int(35, 70), draws.Int(2, 8)));
                if (endedOn.AddDays(draws.Int(30, 120)) is var diedOn && diedOn <= cutoff) death = new Death(diedOn, CauseOfDeath.BlasticPhase);
            }
            else if (offFor == DiscontinuationReason.Death)
            {
                death = new Death(endedOn, draws.Chance(50) ? CauseOfDeath.CardiacFailure : CauseOfDeath.Other);
            }
            else if (offFor == DiscontinuationReason.Toxicity)
            {
                toxicities.Add(new ReportedToxicity(endedOn, SideEffects[draws.Int(0, SideEffects.Length - 1)].Term, 3));
            }
        }

        var lastContactOn = death?.DiedOn
            ?? (offOn is { } stoppedOn ? Min(cutoff, stoppedOn.AddDays(draws.Int(60, 400)))
                : counts.Select(c => c.CollectedOn).Concat(molecular.Select(m => m.CollectedOn)).Append(patient.StartedOn).Max());

        IClinicalEntry?[] outcomes = [transformation, offOn is { } on ? new Discontinuation(on, offFor!.Value) : null, death];
        return PatientCourse.From(
            new Baseline(FirstLineEln2020.SubjectId(patient.No), patient.Site, age, sex, diagnosedOn, ecog, diagnosisSpleenCm, hepatomegaly,
                clonalEvolution, DiseaseGroup.NewlyDiagnosed),
            [
                .. counts, .. marrow, .. cytogenetics, .. molecular, .. exams, .. doses, .. toxicities, .. outcomes.OfType<IClinicalEntry>(),
                new FollowUpContact(lastContactOn),
            ]);
    }

    private int IntercurrentDay() => patient.Intercurrent switch
    {
        Intercurrent.CytopeniaReduction => draws.Int(21, 70),
        Intercurrent.ToxicityReduction => draws.Int(30, 400),
        Intercurrent.Interruption => draws.Int(30, 300),
        Intercurrent.StopForToxicity => draws.Int(45, 500),
        Intercurrent.PatientDecision => draws.Int(200, 1000),
        Intercurrent.DeathOnTherapy => draws.Int(250, 1100),
        _ => 0,
    };

    /// <summary>The first of the switch, the transformation and an intercurrent stop, when it falls by the cut-off.</summary>
    private (DateOnly? On, DiscontinuationReason? Reason) EndOfTherapy(ResponsePlan plan, int intercurrentDay)
    {
        (int? Day, DiscontinuationReason Reason)[] candidates =
        [
            // ELN-2020 advises a switch of TKI on failure; the trial's therapy ends there.
            (plan.SwitchedOnDay, DiscontinuationReason.Other),
            (plan.TransformedOnDay, DiscontinuationReason.TransformationToBlasticPhase),
            (patient.Intercurrent == Intercurrent.StopForToxicity ? intercurrentDay : null, DiscontinuationReason.Toxicity),
            (patient.Intercurrent == Intercurrent.PatientDecision ? intercurrentDay : null, DiscontinuationReason.PatientDecision),
            (patient.Intercurrent == Intercurrent.DeathOnTherapy ? intercurrentDay : null, DiscontinuationReason.Death),
        ];
        var first = candidates.Where(c => c.Day is not null).OrderBy(c => c.Day).FirstOrDefault();
        return first.Day is { } day && Day(day) <= cutoff ? (Day(day), first.Reason) : (null, null);
    }

    private void Screening(ResponsePlan plan, bool clonalEvolution)
    {
        var on = Day(-draws.Int(1, 7));
        Visit(on, VisitState.Diagnosis);
        marrow.Add(new MarrowAssessment(on, draws.Int(1, 6), draws.Int(1, 7)));
        cytogenetics.Add(new CytogeneticAssessment(on, 100m, CytogeneticMethod.Karyotype, 20, clonalEvolution));
        molecular.Add(PcrSample.Measure(on, plan.Curve.LogAt(0), draws));
    }

    private void FirstWeeks(DateOnly lastSampleOn)
    {
        (int Day, VisitState State, bool Exam)[] visits = [(14 + draws.Int(-2, 2), VisitState.TwoWeeks, false),
            (28 + draws.Int(-3, 3), VisitState.FourWeeks, true), (56 + draws.Int(-4, 4), VisitState.Controlled, false)];
        foreach (var (day, state, exam) in visits.Where(v => Day(v.Day) <= lastSampleOn))
        {
            if (exam) Visit(Day(day), state);
            else counts.Add(Count(Day(day), state));
        }
    }

    /// <summary>BCR-ABL1 every 3 months, with a blood count and exam at 3 months and every 6.</summary>
    private void Monitoring(ResponsePlan plan, DateOnly lastSampleOn)
    {
        for (var k = 1; ; k++)
        {
            var day = (k * PcrEveryDays) + draws.Int(-10, 14);
            var missed = draws.Chance(3);
            if (!missed && draws.Chance(3)) day += draws.Int(35, 50);
            if (Day(day) > lastSampleOn) return;

            if (k == 1 || k % 2 == 0)
                Visit(Day(day), plan.TransformedOnDay is not null ? VisitState.Active : VisitState.Controlled);
            if (missed) continue;
            var result = PcrSample.Measure(Day(day), plan.Curve.LogAt(day), draws);
            molecular.Add(result);
            // ELN-2020: above 10 % at 3 months is confirmed (or not) by a repeat within 1–3 months.
            if (k == 1 && result.BcrAbl1PercentIs > 10m && day + draws.Int(35, 56) is var repeat && Day(repeat) <= lastSampleOn)
                molecular.Add(PcrSample.Measure(Day(repeat), plan.Curve.LogAt(repeat), draws));
        }
    }

    /// <summary>The escalation the plan calls for and the intercurrent reduction or interruption, in date order, before therapy ends.</summary>
    private void DoseChanges(ResponsePlan plan, int intercurrentDay, DateOnly offOn, DateOnly lastSampleOn)
    {
        var changes = new List<(int Day, bool Escalation)>();
        if (plan.EscalatedOnDay is { } escalatedOn) changes.Add((escalatedOn, true));
        if (patient.Intercurrent is Intercurrent.CytopeniaReduction or Intercurrent.ToxicityReduction or Intercurrent.Interruption)
            changes.Add((intercurrentDay, false));

        var mg = StartingDoseMg;
        foreach (var (day, escalation) in changes.OrderBy(c => c.Day))
        {
            var on = Day(day);
            if (on >= offOn || on > lastSampleOn) return;
            if (escalation)
            {
                mg = EscalatedDoseMg;
                doses.Add(new DoseChange(on, DoseAction.Escalated, mg, Schedule(mg), null));
                continue;
            }

            switch (patient.Intercurrent)
            {
                case Intercurrent.CytopeniaReduction:
                    counts.Add(Count(on, VisitState.Cytopenia));
                    mg = Reduced(mg);
                    doses.Add(new DoseChange(on, DoseAction.Reduced, mg, Schedule(mg), DoseReductionReasons.Pancytopenia));
                    break;
                case Intercurrent.ToxicityReduction:
                    var (reason, term) = SideEffects[draws.Int(0, SideEffects.Length - 1)];
                    toxicities.Add(new ReportedToxicity(on, term, draws.Int(2, 3)));
                    mg = Reduced(mg);
                    doses.Add(new DoseChange(on, DoseAction.Reduced, mg, Schedule(mg), reason));
                    break;
                default:
                    mg = Interrupted(on, mg, offOn, lastSampleOn);
                    break;
            }
        }
    }

    /// <summary>Held for cytopenia (with the count) or a grade 3 rash, resumed 2–4 weeks later, at a reduced dose 4 times in 10.</summary>
    private int Interrupted(DateOnly on, int mg, DateOnly offOn, DateOnly lastSampleOn)
    {
        var forCytopenia = draws.Chance(60);
        if (forCytopenia) counts.Add(Count(on, VisitState.Cytopenia));
        else toxicities.Add(new ReportedToxicity(on, "Rash maculo-papular", 3));
        doses.Add(new DoseChange(on, DoseAction.Interrupted, 0, "held", forCytopenia ? DoseReductionReasons.Pancytopenia : "SKIN RASH"));

        var resumedOn = on.AddDays(draws.Int(14, 28));
        var resumedMg = draws.Chance(40) ? Reduced(mg) : mg;
        if (resumedOn >= offOn || resumedOn > lastSampleOn) return 0;
        if (forCytopenia) counts.Add(Count(resumedOn, VisitState.Controlled));
        doses.Add(new DoseChange(resumedOn, DoseAction.Resumed, resumedMg, Schedule(resumedMg), null));
        return resumedMg;
    }

    private static int Reduced(int mg) => mg > StartingDoseMg ? StartingDoseMg : 300;

    private static string Schedule(int mg) => $"{mg} mg once daily";

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private void Visit(DateOnly on, VisitState state)
    {
        var count = Count(on, state);
        counts.Add(count);
        exams.Add(Exam(on, state, count));
    }

    private PhysicalExam Exam(DateOnly on, VisitState state, BloodCount count)
    {
        switch (state)
        {
            case VisitState.Diagnosis:
                diagnosisSpleenCm = draws.Chance(45) ? 0m : draws.Int(1, 16);
                return new PhysicalExam(on, diagnosisSpleenCm, diagnosisSpleenCm > 4m || count.Wbc > 50m);
            case VisitState.FourWeeks:
                return new PhysicalExam(on, Math.Floor(diagnosisSpleenCm / 3m), false);
            case VisitState.Active:
                return new PhysicalExam(on, draws.Int(2, 6), true);
            case VisitState.Blastic:
                return new PhysicalExam(on, draws.Int(6, 14), true);
            default:
                return new PhysicalExam(on, 0m, false);
        }
    }

    /// <summary>A blood count: chronic phase at diagnosis, falling in the first weeks, then controlled (or cytopenic, active, blastic).</summary>
    private BloodCount Count(DateOnly on, VisitState state)
    {
        var female = sex == Sex.Female;
        return state switch
        {
            VisitState.Diagnosis => Count(on, Math.Round(DecimalPowers.Pow10(draws.Between(1.2m, 2.4m)), 1), draws.Between(0.55m, 0.65m),
                draws.Int(180, 900), female ? draws.Tenths(9.8m, 13.5m) : draws.Tenths(10.5m, 14.5m), draws.Int(0, 4), draws.Int(2, 9), draws.Int(5, 24)),
            VisitState.TwoWeeks => Count(on, draws.Tenths(4.5m, 14m), draws.Between(0.55m, 0.65m), draws.Int(140, 480),
                female ? draws.Tenths(10.2m, 13.5m) : draws.Tenths(11m, 14.5m), 0, draws.Int(0, 3), draws.Int(0, 4)),
            // Controlled by 4 weeks (the spleen may take longer), so no count after it reads as a lost response.
            VisitState.FourWeeks => Count(on, draws.Tenths(3.6m, 9.5m), draws.Between(0.5m, 0.65m), draws.Int(130, 420),
                female ? draws.Tenths(10.8m, 13.8m) : draws.Tenths(11.5m, 15m), 0, draws.Int(0, 2), 0),
            VisitState.Controlled => Count(on, draws.Tenths(3.5m, 8.8m), draws.Between(0.5m, 0.66m), draws.Int(140, 360),
                female ? draws.Tenths(11.4m, 14m) : draws.Tenths(12.6m, 15.4m), 0, draws.Int(0, 2), 0),
            // Grade 3 neutropenia (0.5 to < 1.0) and thrombocytopenia (mostly 25 to < 50), CTCAE v5.
            VisitState.Cytopenia => new BloodCount(on, draws.Tenths(1.4m, 2.4m), draws.Tenths(0.5m, 0.9m), draws.Int(28, 70),
                draws.Tenths(9.2m, 11m), 0, draws.Int(0, 1), 0, female ? FemaleLimits : MaleLimits),
            VisitState.Active => Count(on, draws.Tenths(11m, 30m), draws.Between(0.5m, 0.6m), draws.Int(380, 700),
                draws.Tenths(10m, 12m), draws.Int(1, 4), draws.Int(5, 9), draws.Int(3, 10)),
            _ => Count(on, draws.Tenths(45m, 120m), 0.3m, draws.Int(25, 60), draws.Tenths(7.5m, 9m), draws.Int(32, 65), draws.Int(3, 10),
                draws.Int(8, 20)),
        };
    }

    private BloodCount Count(DateOnly on, decimal wbc, decimal neutrophilShare, int platelets, decimal hemoglobin, int blasts, int basophils,
        int immature) =>
        new(on, wbc, Math.Round(wbc * neutrophilShare, 1), platelets, hemoglobin, blasts, basophils, immature,
            sex == Sex.Female ? FemaleLimits : MaleLimits);
}
