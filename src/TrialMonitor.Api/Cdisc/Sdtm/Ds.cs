using TrialMonitor.Api.Cdisc.DatasetJson;
using TrialMonitor.Clinical.Cohort;
using TrialMonitor.Clinical.Course;
using static TrialMonitor.Api.Cdisc.CdiscSubject;

namespace TrialMonitor.Api.Cdisc.Sdtm;

/// <summary>
/// SDTM DS: the end of study treatment (DSSCAT STUDY TREATMENT) as the disposition view counts it,
/// a death without a recorded discontinuation included (<see cref="Disposition.TherapyEnd"/>); death
/// (STUDY PARTICIPATION); transformation to accelerated or blastic phase as an OTHER EVENT.
/// </summary>
public static class Ds
{
    public const string DispositionEvent = "DISPOSITION EVENT";
    public const string OtherEvent = "OTHER EVENT";
    public const string StudyTreatment = "STUDY TREATMENT";
    public const string StudyParticipation = "STUDY PARTICIPATION";
    public const string Death = "DEATH";

    public static CdiscDataset Dataset { get; } = new(CdiscModel.Sdtm, "DS", "Disposition",
    [
        .. SdtmIdentifiers.For("DS"),
        DatasetColumn.Text("DSTERM", "Reported Term for the Disposition Event", 200),
        DatasetColumn.Text("DSDECOD", "Standardized Disposition Term", 40, key: 3),
        DatasetColumn.Text("DSCAT", "Category for Disposition Event", 20),
        DatasetColumn.Text("DSSCAT", "Subcategory for Disposition Event", 20),
        DatasetColumn.IsoDate("DSSTDTC", "Start Date/Time of Disposition Event", key: 4),
        DatasetColumn.WholeNumber("DSSTDY", "Study Day of Start of Disposition Event"),
    ], Rows);

    /// <summary>The patient's DS records in clinical order, numbered.</summary>
    public static IReadOnlyList<DispositionRecord> Records(CdiscSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var course = subject.Course;
        var records = new List<(DateOnly On, int Order, Func<int, DispositionRecord> Make)>();
        if (course.Transformation is { } t)
        {
            var term = t.Phase == DiseasePhase.Blastic ? "TRANSFORMATION TO BLASTIC PHASE" : "TRANSFORMATION TO ACCELERATED PHASE";
            records.Add((t.DiagnosedOn, 0, seq => new DispositionRecord(seq, term, "DISEASE PROGRESSION", OtherEvent, null, t.DiagnosedOn)));
        }
        if (Disposition.TherapyEnd(course) is { } end)
        {
            records.Add((end.EffectiveOn, 1, seq =>
                new DispositionRecord(seq, Words(end.Reason.ToString()), Decoded(end.Reason), DispositionEvent, StudyTreatment, end.EffectiveOn)));
        }
        if (course.Death is { } death)
        {
            records.Add((death.DiedOn, 2, seq =>
                new DispositionRecord(seq, $"DEATH: {Words(death.Cause.ToString())}", Death, DispositionEvent, StudyParticipation, death.DiedOn)));
        }
        return [.. records.OrderBy(r => r.On).ThenBy(r => r.Order).Select((r, index) => r.Make(index + 1))];
    }

    /// <summary>DSTERM of a discontinuation: the reason as the disposition view names it, in capitals.</summary>
    public static string Words(string pascalCase) =>
        string.Concat(pascalCase.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + c : c.ToString())).ToUpperInvariant();

    private static IEnumerable<object?[]> Rows(CdiscSubject s) =>
        Records(s).Select(r => (object?[])
        [
            .. SdtmIdentifiers.Cells(s, "DS", r.Sequence),
            r.Term, r.Decoded, r.Category, r.Subcategory, Iso(r.On), s.StudyDay(r.On),
        ]);

    // CDISC CT "Completion/Reason for Non-Completion" (NCOMPLT).
    private static string Decoded(DiscontinuationReason reason) => reason switch
    {
        DiscontinuationReason.HematologicResistance or DiscontinuationReason.CytogeneticResistance => "LACK OF EFFICACY",
        DiscontinuationReason.TransformationToAcceleratedPhase or DiscontinuationReason.TransformationToBlasticPhase => "PROGRESSIVE DISEASE",
        DiscontinuationReason.Death => Death,
        DiscontinuationReason.Toxicity => "ADVERSE EVENT",
        DiscontinuationReason.PatientDecision => "WITHDRAWAL BY SUBJECT",
        _ => "OTHER",
    };
}
