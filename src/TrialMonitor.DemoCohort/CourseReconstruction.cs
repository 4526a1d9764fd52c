using System.Globalization;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.DemoCohort;

/// <summary>
/// Expands a patient's specs into a full course, deterministically: a screening visit a week
/// before imatinib, a visit (blood count and exam) every 4 weeks, a marrow karyotype every 13
/// weeks on standard dose, the pre-increase visit and karyotype 2 days before the escalation, and after
/// it the results the spec lists. Dates count back from the data cut-off: the escalation lies
/// the follow-up (plus a week) before it.
/// </summary>
internal sealed class CourseReconstruction
{
    private const int VisitEveryDays = 28;
    private const int KaryotypeEveryDays = 91;
    private const int ScreeningDaysBefore = 7;

    // The pre-increase results lie just before the escalation, so that a patient escalated at
    // 12.1 months still has a result at least 12 calendar months into therapy (cytogenetic resistance).
    private const int PreIncreaseDaysBefore = 2;
    private const int Metaphases = 20;
    private const int FishNuclei = 200;

    private static readonly LowerLimitsOfNormal MaleLimits = new(4.0m, 1.8m, 140m, 13.5m);
    private static readonly LowerLimitsOfNormal FemaleLimits = new(4.0m, 1.8m, 140m, 12.0m);

    private readonly BaselineSpec _baseline;
    private readonly CourseSpec _spec;
    private readonly DateOnly _started;
    private readonly DateOnly _escalated;
    private readonly DateOnly _lastFollowed;
    private readonly DateOnly? _offOn;
    private readonly List<BloodCount> _counts = [];
    private readonly List<PhysicalExam> _exams = [];
    private readonly List<MarrowAssessment> _marrow = [];
    private readonly List<CytogeneticAssessment> _cytogenetics = [];
    private readonly List<DoseChange> _doses = [];
    private readonly List<ReportedToxicity> _toxicities = [];
    private readonly List<ReportedResponse> _reported = [];

    private CourseReconstruction(BaselineSpec baseline, CourseSpec spec, DateOnly dataCutoff)
    {
        _baseline = baseline;
        _spec = spec;
        _escalated = dataCutoff.AddDays(-Days(spec.FollowUp) - 7);
        _started = _escalated.AddDays(-Days(spec.MonthsOnStandardDose));
        _lastFollowed = AfterEscalation(spec.FollowUp);
        _offOn = spec.OffFor is null ? null : AfterEscalation(spec.OffAt);
    }

    public static PatientCourse Build(BaselineSpec baseline, CourseSpec spec, DateOnly dataCutoff) =>
        new CourseReconstruction(baseline, spec, dataCutoff).Build();

    public static string SubjectId(int no) => $"KAN-{no:00}";

    /// <summary>Whole days from clinical months, rounded up so that "12 months" is never 11.99.</summary>
    private static int Days(decimal months) => (int)Math.Ceiling(months * 30.4375m);

    private DateOnly AfterEscalation(decimal months) => _escalated.AddDays(Days(months));

    private bool Female => _baseline.Sex == Sex.Female;

    private bool IsHematologicRow => _spec.Row is Table2Row.HematologicRelapse or Table2Row.HematologicResistance;

    private PatientCourse Build()
    {
        Screening();
        StandardDose();
        AfterEscalation();
        var death = _spec.Died is { } cause ? new Death(_lastFollowed, cause) : null;
        var transformation = _spec.OffFor switch
        {
            DiscontinuationReason.TransformationToAcceleratedPhase => new Transformation(_offOn!.Value, DiseasePhase.Accelerated),
            DiscontinuationReason.TransformationToBlasticPhase => new Transformation(_offOn!.Value, DiseasePhase.Blastic),
            _ => null,
        };

        IClinicalEntry?[] outcomes = [transformation, _spec.OffFor is { } reason ? new Discontinuation(_offOn!.Value, reason) : null, death];
        return PatientCourse.From(
            new Baseline(
                SubjectId(_spec.No),
                "MDACC",
                _baseline.Age,
                _baseline.Sex,
                _started.AddDays(-Days(_baseline.MonthsFromDiagnosis + 0.4m)),
                _baseline.Ecog,
                _baseline.SpleenCm,
                _baseline.Hepatomegaly,
                _baseline.ClonalEvolution,
                _baseline.Group),
            [
                .. _counts, .. _marrow, .. _cytogenetics, .. _exams, .. _doses, .. _toxicities, .. _reported,
                .. outcomes.OfType<IClinicalEntry>(),
                new FollowUpContact(_lastFollowed),
            ]);
    }

    private void Screening()
    {
        var on = _started.AddDays(-ScreeningDaysBefore);
        var b = _baseline;
        var abnormal = b.Wbc >= 10m;
        _counts.Add(Count(on, b.Wbc, b.Platelets, b.Hemoglobin, b.BlastsPercent, b.BasophilsPercent, abnormal ? 6m : 0m));
        _exams.Add(new PhysicalExam(on, b.SpleenCm, abnormal));
        _marrow.Add(new MarrowAssessment(on, b.MarrowBlastsPercent, b.MarrowBasophilsPercent));
        _cytogenetics.Add(new CytogeneticAssessment(on, b.PhPercent, CytogeneticMethod.Karyotype, Metaphases, b.ClonalEvolution));
        _doses.Add(new DoseChange(_started, DoseAction.Started, 400, "400 mg once daily", null));
    }

    private void StandardDose()
    {
        var escalationDay = _escalated.DayNumber - _started.DayNumber;
        for (var day = VisitEveryDays; day <= escalationDay - 14; day += VisitEveryDays)
        {
            Visit(_started.AddDays(day), StandardDoseState(day, escalationDay));
        }

        Visit(_escalated.AddDays(-PreIncreaseDaysBefore), StandardDoseState(escalationDay - PreIncreaseDaysBefore, escalationDay));

        var scheduled = new List<DateOnly>();
        for (var day = KaryotypeEveryDays; day <= escalationDay - 30; day += KaryotypeEveryDays)
        {
            scheduled.Add(_started.AddDays(day));
        }

        scheduled.Add(_escalated.AddDays(-PreIncreaseDaysBefore));
        var values = StandardDosePh(scheduled.Count);
        for (var i = 0; i < scheduled.Count; i++)
        {
            Karyotype(scheduled[i], values[i]);
        }

        // 7 patients were escalated from 300 mg to 600 mg: their standard dose had been reduced.
        if (_spec.EscalatedToMg == 600)
        {
            var reducedOn = _started.AddDays(70);
            var reason = IsHematologicRow ? "FATIGUE" : DoseReductionReasons.Pancytopenia;
            _doses.Add(new DoseChange(reducedOn, DoseAction.Reduced, 300, "300 mg once daily", reason));
            Toxicity(reducedOn, reason);
            if (!IsHematologicRow)
            {
                Visit(reducedOn, VisitState.Pancytopenia);
            }
        }

        _doses.Add(new DoseChange(
            _escalated,
            DoseAction.Escalated,
            _spec.EscalatedToMg,
            _spec.EscalatedToMg == 800 ? "400 mg twice daily" : "600 mg once daily",
            null));
    }

    /// <summary>
    /// Ph+ % of the karyotypes on standard dose: falling from the value at start to the lowest,
    /// then (when the lowest was lost) the pre-increase value on the last 2 results, the
    /// paper's "2 consecutive occasions".
    /// </summary>
    private decimal[] StandardDosePh(int results)
    {
        var (lowest, preIncrease) = LowestAndPreIncrease(_spec.Ph);
        var values = new decimal[results];
        if (lowest == preIncrease || results < 3)
        {
            Array.Fill(values, preIncrease);
            values[0] = Math.Min(values[0], lowest);
            return values;
        }

        var nadir = results - 3;
        for (var i = 0; i < nadir; i++)
        {
            var fraction = (decimal)(nadir - i) / (nadir + 1);
            values[i] = Math.Round(lowest + ((_baseline.PhPercent - lowest) * fraction));
        }

        values[nadir] = lowest;
        values[results - 2] = preIncrease;
        values[results - 1] = preIncrease;
        return values;
    }

    private void AfterEscalation()
    {
        var end = _offOn is { } off && off < _lastFollowed ? off : _lastFollowed;
        for (var day = VisitEveryDays; _escalated.AddDays(day) < end; day += VisitEveryDays)
        {
            Visit(_escalated.AddDays(day), AfterEscalationState());
        }

        if (_offOn is { } offOn && _spec.OffFor != DiscontinuationReason.Death)
        {
            Visit(offOn, _spec.OffFor switch
            {
                DiscontinuationReason.TransformationToAcceleratedPhase => VisitState.Accelerated,
                DiscontinuationReason.TransformationToBlasticPhase => VisitState.Blastic,
                DiscontinuationReason.HematologicResistance => VisitState.Active,
                _ => AfterEscalationState(),
            });
            if (_spec.OffFor is DiscontinuationReason.TransformationToAcceleratedPhase or DiscontinuationReason.TransformationToBlasticPhase)
            {
                _marrow.Add(new MarrowAssessment(offOn, _spec.OffFor == DiscontinuationReason.TransformationToBlasticPhase ? 45m : 20m, 6m));
            }
        }

        if (IsHematologicRow && _spec.Hematologic != HematologicCategory.None)
        {
            _reported.Add(new ReportedResponse(_escalated.AddDays(VisitEveryDays), null, _spec.Hematologic));
        }

        if (_spec.After is { } listed)
        {
            ListedResults(listed);
        }
        else
        {
            var (_, preIncrease) = LowestAndPreIncrease(_spec.Ph);
            for (var day = KaryotypeEveryDays; _escalated.AddDays(day) <= end; day += KaryotypeEveryDays)
            {
                Karyotype(_escalated.AddDays(day), preIncrease);
            }
        }

        if (_spec.Reduced is { } reduced)
        {
            var parts = reduced.Split(':');
            var on = AfterEscalation(decimal.Parse(parts[0], CultureInfo.InvariantCulture));
            var mg = int.Parse(parts[1], CultureInfo.InvariantCulture);
            _doses.Add(new DoseChange(on, DoseAction.Reduced, mg, $"{mg} mg once daily", parts[2]));
            Toxicity(on, parts[2]);
            if (parts[2] == DoseReductionReasons.Pancytopenia)
            {
                Visit(on, VisitState.Pancytopenia);
            }
        }
    }

    /// <summary>The results after escalation as listed ("month:ph", F = FISH); the paper's response is reported on the lowest.</summary>
    private void ListedResults(string listed)
    {
        var results = listed.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split(':'))
            .Select(r => (
                On: AfterEscalation(decimal.Parse(r[0], CultureInfo.InvariantCulture)),
                Ph: decimal.Parse(r[1].TrimEnd('F'), CultureInfo.InvariantCulture),
                Fish: r[1].EndsWith('F')))
            .ToList();
        foreach (var (on, ph, fish) in results)
        {
            if (fish)
            {
                _cytogenetics.Add(new CytogeneticAssessment(on, ph, CytogeneticMethod.Fish, FishNuclei, false));
            }
            else
            {
                Karyotype(on, ph);
            }
        }

        if (_spec.Reported is { } reported)
        {
            var lowest = results.MinBy(r => r.Ph);
            _reported.Add(new ReportedResponse(lowest.On, reported, null));
        }
    }

    private static (decimal Lowest, decimal PreIncrease) LowestAndPreIncrease(string ph)
    {
        var parts = ph.Split('/');
        return (decimal.Parse(parts[0], CultureInfo.InvariantCulture), decimal.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private void Karyotype(DateOnly on, decimal ph)
    {
        _cytogenetics.Add(new CytogeneticAssessment(on, ph, CytogeneticMethod.Karyotype, Metaphases, false));
        _marrow.Add(new MarrowAssessment(on, IsHematologicRow && on <= _escalated ? 4m : 2m, IsHematologicRow && on <= _escalated ? 3m : 1m));
    }

    private enum VisitState { Improving, Chr, Phr, Active, Pancytopenia, Accelerated, Blastic }

    /// <summary>
    /// On standard dose a CG-row patient is in CHR from the 2nd month; a hematologic relapse
    /// reaches CHR and loses it in the last 7 weeks before escalation; a hematologic resistance
    /// never reaches it.
    /// </summary>
    private VisitState StandardDoseState(int day, int escalationDay) => _spec.Row switch
    {
        Table2Row.HematologicResistance => VisitState.Active,
        Table2Row.HematologicRelapse when day >= escalationDay - 50 => VisitState.Active,
        _ => day < 50 ? VisitState.Improving : VisitState.Chr,
    };

    private VisitState AfterEscalationState() => _spec.Hematologic switch
    {
        HematologicCategory.Complete => VisitState.Chr,
        HematologicCategory.Partial => VisitState.Phr,
        _ => VisitState.Active,
    };

    private void Visit(DateOnly on, VisitState state)
    {
        var normalHb = Female ? 12.8m : 14.1m;
        var (count, spleen, signs) = state switch
        {
            VisitState.Improving => (Count(on, Math.Min(_baseline.Wbc, 8.4m), Math.Min(_baseline.Platelets, 410), normalHb - 0.6m, 0m, 2m, 2m), _baseline.SpleenCm / 2m, false),
            VisitState.Chr => (Count(on, 6.2m, 236, normalHb, 0m, 1m, 0m), 0m, false),
            VisitState.Phr => (Count(on, 7.6m, 318, normalHb - 0.8m, 0m, 2m, 3m), 0m, false),
            VisitState.Active => (Count(on, 21.5m, 560, 11.2m, 2m, 6m, 7m), Math.Max(_baseline.SpleenCm, 4m), true),
            VisitState.Pancytopenia => (Count(on, 1.9m, 38, 9.1m, 0m, 1m, 0m), 0m, false),
            VisitState.Accelerated => (Count(on, 38.0m, 92, 9.4m, 20m, 8m, 10m), Math.Max(_baseline.SpleenCm, 8m), true),
            _ => (Count(on, 64.0m, 41, 8.2m, 45m, 5m, 8m), Math.Max(_baseline.SpleenCm, 10m), true),
        };
        _counts.Add(count);
        _exams.Add(new PhysicalExam(on, spleen, signs));
    }

    private BloodCount Count(DateOnly on, decimal wbc, decimal platelets, decimal hemoglobin, decimal blasts, decimal basophils, decimal immature) =>
        new(on, wbc, Math.Round(wbc * (wbc < 3m ? 0.4m : 0.58m), 1), platelets, hemoglobin, blasts, basophils, immature, Female ? FemaleLimits : MaleLimits);

    /// <summary>The toxicity behind a dose reduction, as the investigator reports it (CTCAE terms).</summary>
    private void Toxicity(DateOnly on, string reason)
    {
        (string Term, int Grade)[] reported = reason switch
        {
            DoseReductionReasons.Pancytopenia => [("Neutrophil count decreased", 3), ("Platelet count decreased", 3)],
            "FATIGUE" => [("Fatigue", 3)],
            "GASTROINTESTINAL" => [("Diarrhea", 3)],
            "SKIN RASH" => [("Rash maculo-papular", 3)],
            "BONE ACHES" => [("Bone pain", 3)],
            "EDEMA" => [("Edema limbs", 3)],
            "DIZZINESS" => [("Dizziness", 2)],
            _ => [(reason, 3)],
        };
        _toxicities.AddRange(reported.Select(t => new ReportedToxicity(on, t.Term, t.Grade)));
    }
}
