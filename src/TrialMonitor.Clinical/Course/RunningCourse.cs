using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Cytogenetics;
using TrialMonitor.Clinical.Hematology;

namespace TrialMonitor.Clinical.Course;

/// <summary>
/// A patient's course kept up to date one entry at a time for the alerts derived from the
/// assessment (relapse on standard dose, loss of an improved response, a failed molecular
/// milestone, loss of MMR). Each result is placed in its category once, and an entry re-reads only
/// what it can change: a count its own category; an exam the counts within the pairing window of
/// it; a dose change, or a result dated on or before the start or the escalation, the references
/// and the split at those dates; a PCR result, or a move of day 0, the molecular response (a
/// patient's few PCR results, not the whole course). The rules then read the kept categories, so an
/// entry costs about the same late in a long course as early in it.
/// <see cref="Status"/> equals the assessment's status for the same entries in force
/// (<see cref="PatientEvaluation"/>), with no data cut-off: safety alerts read every observation.
/// </summary>
public sealed class RunningCourse : IResponseTimeline
{
    private readonly Baseline baseline;
    private readonly ClinicalSettings settings;

    // Each kind in clinical order, entries of one date in the order they were recorded (as the
    // rules' stable sorts leave them), with the entry key each value was recorded under.
    private readonly List<BloodCount> counts = [];
    private readonly List<string> countKeys = [];
    private readonly List<HematologicResponse?> countResponses = [];
    private readonly List<PhysicalExam> exams = [];
    private readonly List<string> examKeys = [];
    private readonly List<CytogeneticResponse> cytogenetics = [];
    private readonly List<string> cytogeneticKeys = [];
    private readonly List<DoseChange> doses = [];
    private readonly List<string> doseKeys = [];
    private readonly List<MolecularAssessment> molecular = [];
    private readonly List<string> molecularKeys = [];
    // Outcomes in recorded order: the course counts the earliest transformation and discontinuation, the first death.
    private readonly List<(string Key, object Outcome)> outcomes = [];

    private readonly SortedExams pairing;
    private HematologicReference? referenceAtStart;
    private HematologicReference? referenceAtEscalation;
    private IndicationDates hematologic;
    private IndicationDates cytogenetic;
    private ImprovementEpisode? improvement;
    private MolecularSafety molecularSafety = MolecularSafety.None;
    private bool hematologicStale = true;
    private bool cytogeneticStale = true;
    private bool improvementStale = true;
    private bool molecularStale;
    private SafetyStatus? status;

    public RunningCourse(Baseline baseline, ClinicalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(settings);
        this.baseline = baseline;
        this.settings = settings;
        pairing = SortedExams.Over(exams);
    }

    public DateOnly? StandardDoseStartedOn { get; private set; }

    public DateOnly? EscalatedOn { get; private set; }

    public IReadOnlyList<CytogeneticResponse> Cytogenetics => cytogenetics;

    public IEnumerable<HematologicResponse> HematologicOnStandardDose =>
        countResponses.OfType<HematologicResponse>().Where(h => CourseTimeline.OnStandardDose(StandardDoseStartedOn, EscalatedOn, h.AssessedOn));

    public IEnumerable<CytogeneticResponse> CytogeneticsOnStandardDose =>
        cytogenetics.Where(c => CourseTimeline.OnStandardDose(StandardDoseStartedOn, EscalatedOn, c.AssessedOn));

    public Transformation? Transformation => outcomes.Select(o => o.Outcome).OfType<Transformation>().MinBy(t => t.DiagnosedOn);

    public Discontinuation? Discontinuation => outcomes.Select(o => o.Outcome).OfType<Discontinuation>().MinBy(d => d.EffectiveOn);

    public Death? Death => outcomes.Select(o => o.Outcome).OfType<Death>().FirstOrDefault();

    /// <summary>The protocol status, the improvement after escalation and the molecular failures of the entries in force.</summary>
    public SafetyStatus Status
    {
        get
        {
            if (status is not null) return status;
            if (hematologicStale) hematologic = EscalationIndications.Hematologic(this);
            if (cytogeneticStale) cytogenetic = EscalationIndications.Cytogenetic(this);
            if (improvementStale) improvement = ImprovementEpisodes.Find(this);
            if (molecularStale) molecularSafety = MolecularSafety.Of(MolecularCourse());
            hematologicStale = cytogeneticStale = improvementStale = molecularStale = false;
            return status = new SafetyStatus(EscalationIndications.Combine(hematologic, cytogenetic), improvement, molecularSafety);
        }
    }

    /// <exception cref="ArgumentException">The rules read no observation of this type (only counts, exams, cytogenetics, PCR, doses and the outcomes).</exception>
    public void Record(string entryKey, object observation)
    {
        ArgumentNullException.ThrowIfNull(entryKey);
        ArgumentNullException.ThrowIfNull(observation);
        switch (observation)
        {
            case BloodCount count:
                var at = InsertAt(counts, count.CollectedOn, c => c.CollectedOn);
                counts.Insert(at, count);
                countKeys.Insert(at, entryKey);
                countResponses.Insert(at, null);
                if (!RefreshReferencesIfRead(count.CollectedOn)) countResponses[at] = ResponseOf(count);
                hematologicStale = true;
                break;
            case PhysicalExam exam:
                var examAt = InsertAt(exams, exam.ExaminedOn, e => e.ExaminedOn);
                exams.Insert(examAt, exam);
                examKeys.Insert(examAt, entryKey);
                ExamChanged(exam.ExaminedOn);
                break;
            case CytogeneticAssessment assessment:
                if (CytogeneticCriteria.Assess(assessment, settings) is not { } response) return; // not evaluable: the rules skip it
                var cytogeneticAt = InsertAt(cytogenetics, response.AssessedOn, c => c.AssessedOn);
                cytogenetics.Insert(cytogeneticAt, response);
                cytogeneticKeys.Insert(cytogeneticAt, entryKey);
                cytogeneticStale = improvementStale = true;
                break;
            case MolecularAssessment result:
                var molecularAt = InsertAt(molecular, result.CollectedOn, m => m.CollectedOn);
                molecular.Insert(molecularAt, result);
                molecularKeys.Insert(molecularAt, entryKey);
                molecularStale = true;
                break;
            case DoseChange dose:
                var doseAt = InsertAt(doses, dose.EffectiveOn, d => d.EffectiveOn);
                doses.Insert(doseAt, dose);
                doseKeys.Insert(doseAt, entryKey);
                DosesChanged();
                break;
            case Course.Transformation or Course.Discontinuation or Course.Death:
                outcomes.Add((entryKey, observation));
                improvementStale = true;
                break;
            default:
                throw new ArgumentException($"The rules derive no alert from a {observation.GetType().Name}", nameof(observation));
        }
        status = null;
    }

    /// <summary>A correction: every value recorded under the key no longer counts.</summary>
    public void Void(string entryKey)
    {
        ArgumentNullException.ThrowIfNull(entryKey);
        var countDates = RemoveKeyed(entryKey, countKeys, counts, c => c.CollectedOn, countResponses);
        var examDates = RemoveKeyed(entryKey, examKeys, exams, e => e.ExaminedOn);
        var cytogeneticDates = RemoveKeyed(entryKey, cytogeneticKeys, cytogenetics, c => c.AssessedOn);
        var doseDates = RemoveKeyed(entryKey, doseKeys, doses, d => d.EffectiveOn);
        var molecularDates = RemoveKeyed(entryKey, molecularKeys, molecular, m => m.CollectedOn);
        var voidedOutcomes = outcomes.RemoveAll(o => o.Key == entryKey);

        if (doseDates.Count > 0) DosesChanged();
        foreach (var on in countDates.Concat(examDates)) RefreshReferencesIfRead(on);
        foreach (var on in examDates) ExamChanged(on);
        hematologicStale |= countDates.Count > 0;
        cytogeneticStale |= cytogeneticDates.Count > 0;
        improvementStale |= cytogeneticDates.Count > 0 || voidedOutcomes > 0;
        molecularStale |= molecularDates.Count > 0;
        if (countDates.Count + examDates.Count + cytogeneticDates.Count + doseDates.Count + molecularDates.Count + voidedOutcomes > 0) status = null;
    }

    private void ExamChanged(DateOnly examinedOn)
    {
        if (RefreshReferencesIfRead(examinedOn)) return;
        // Only a count within the window of the exam can pair with it, or have paired with it.
        var from = InsertAt(counts, examinedOn.AddDays(-ExamPairing.WindowDays - 1), c => c.CollectedOn);
        for (var i = from; i < counts.Count && counts[i].CollectedOn <= examinedOn.AddDays(ExamPairing.WindowDays); i++)
            countResponses[i] = ResponseOf(counts[i]);
        hematologicStale = true;
    }

    /// <summary>The first of each action in clinical order: the start of standard dose and the escalation.</summary>
    private void DosesChanged()
    {
        DateOnly? startedOn = doses.Find(d => d.Action == DoseAction.Started)?.EffectiveOn;
        DateOnly? escalatedOn = doses.Find(d => d.Action == DoseAction.Escalated)?.EffectiveOn;
        if (startedOn == StandardDoseStartedOn && escalatedOn == EscalatedOn) return;
        molecularStale |= startedOn != StandardDoseStartedOn; // day 0 moved: every milestone with it
        StandardDoseStartedOn = startedOn;
        EscalatedOn = escalatedOn;
        RefreshReferences(force: true);
        cytogeneticStale = improvementStale = true;
    }

    /// <summary>A count or exam dated on or before the start or the escalation can move the reference of that date.</summary>
    private bool RefreshReferencesIfRead(DateOnly on) =>
        (on <= StandardDoseStartedOn || on <= EscalatedOn) && RefreshReferences(force: false);

    /// <summary>Whether every count was categorised again (a reference or the split moved).</summary>
    private bool RefreshReferences(bool force)
    {
        var atStart = CourseTimeline.Reference(StandardDoseStartedOn, baseline.SpleenCmBelowCostalMargin, exams, counts);
        var atEscalation = CourseTimeline.Reference(EscalatedOn, fallbackSpleen: null, exams, counts);
        if (!force && atStart == referenceAtStart && atEscalation == referenceAtEscalation) return false;
        referenceAtStart = atStart;
        referenceAtEscalation = atEscalation;
        for (var i = 0; i < counts.Count; i++) countResponses[i] = ResponseOf(counts[i]);
        hematologicStale = true;
        return true;
    }

    /// <summary>What the molecular rules read: the PCR results and the doses that give day 0.</summary>
    private PatientCourse MolecularCourse() => PatientCourse.From(baseline, [.. molecular, .. doses]);

    private HematologicResponse? ResponseOf(BloodCount count) => CourseTimeline.HematologicAt(
        count, pairing, CourseTimeline.AfterEscalation(EscalatedOn, count.CollectedOn) ? referenceAtEscalation : referenceAtStart);

    /// <summary>Where a value of the date goes: after every value dated on or before it.</summary>
    private static int InsertAt<T>(List<T> byDate, DateOnly on, Func<T, DateOnly> dateOf)
    {
        int low = 0, high = byDate.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (dateOf(byDate[middle]) <= on) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private static List<DateOnly> RemoveKeyed<T>(
        string entryKey, List<string> keys, List<T> values, Func<T, DateOnly> dateOf, List<HematologicResponse?>? alongside = null)
    {
        var dates = new List<DateOnly>();
        for (var i = keys.Count - 1; i >= 0; i--)
        {
            if (keys[i] != entryKey) continue;
            dates.Add(dateOf(values[i]));
            keys.RemoveAt(i);
            values.RemoveAt(i);
            alongside?.RemoveAt(i);
        }
        return dates;
    }
}
