using TrialMonitor.Api.Cdisc.DatasetJson;
using TrialMonitor.Api.Cdisc.Sdtm;
using TrialMonitor.Clinical.Cohort;
using TrialMonitor.Clinical.Course;
using static TrialMonitor.Api.Cdisc.CdiscSubject;

namespace TrialMonitor.Api.Cdisc.Adam;

/// <summary>
/// ADaM ADSL, one row per patient: the Table 1 baseline, the treatment dates (first dose of 400 mg,
/// end of therapy), the escalation date, the patient's Table 2 row (fixed at escalation), the
/// improved response of Table 3, and the disposition.
/// </summary>
public static class Adsl
{
    public static CdiscDataset Dataset { get; } = new(CdiscModel.Adam, "ADSL", "Subject-Level Analysis Dataset",
    [
        .. AdamIdentifiers.Columns,
        DatasetColumn.WholeNumber("AGE", "Age"),
        DatasetColumn.Text("AGEU", "Age Units", 5),
        DatasetColumn.Text("SEX", "Sex", 1),
        DatasetColumn.Text("ARM", "Description of Planned Arm", 200),
        DatasetColumn.Text("ACTARM", "Description of Actual Arm", 200),
        DatasetColumn.Text("TRT01P", "Planned Treatment for Period 01", 200),
        DatasetColumn.Text("TRT01A", "Actual Treatment for Period 01", 200),
        DatasetColumn.Text("SAFFL", "Safety Population Flag", 1),
        DatasetColumn.AnalysisDate("TRTSDT", "Date of First Exposure to Treatment"),
        DatasetColumn.AnalysisDate("TRTEDT", "Date of Last Exposure to Treatment"),
        DatasetColumn.AnalysisDate("ESCDT", "Date of Dose Escalation"),
        DatasetColumn.Text("ESCFL", "Dose Escalated Flag", 1),
        DatasetColumn.AnalysisDate("DIAGDT", "Date of Diagnosis"),
        DatasetColumn.WholeNumber("ECOGBL", "Baseline ECOG Performance Status"),
        DatasetColumn.DecimalNumber("SPLENBL", "Baseline Spleen Below Costal Margin (cm)"),
        DatasetColumn.Text("HEPATBL", "Baseline Hepatomegaly", 1),
        DatasetColumn.Text("CLONEVBL", "Baseline Clonal Evolution", 1),
        DatasetColumn.Text("DISGRP", "Disease Group at Start of 400 mg", 40),
        DatasetColumn.Text("T2ROW", "Table 2 Row at Escalation", 60),
        DatasetColumn.Text("IMPRCAT", "Improved CG Response after Escalation", 10),
        DatasetColumn.Text("IMPRFISH", "Improvement Documented by FISH Only", 1),
        DatasetColumn.Text("EOTSTT", "End of Treatment Status", 20),
        DatasetColumn.Text("DCTREAS", "Reason for Discontinuation of Treatment", 60),
        DatasetColumn.AnalysisDate("DCTDT", "Date of Discontinuation of Treatment"),
        DatasetColumn.AnalysisDate("TRNSFDT", "Date of Transformation"),
        DatasetColumn.Text("TRNSFPH", "Phase at Transformation", 20),
        DatasetColumn.Text("DTHFL", "Subject Death Flag", 1),
        DatasetColumn.AnalysisDate("DTHDT", "Date of Death"),
        DatasetColumn.Text("DTHCAUS", "Cause of Death", 40),
        DatasetColumn.AnalysisDate("LSTCNTDT", "Date of Last Contact"),
    ], Rows);

    private static IEnumerable<object?[]> Rows(CdiscSubject s)
    {
        var course = s.Course;
        var baseline = course.Baseline;
        var assessment = s.Assessment;
        var end = Disposition.TherapyEnd(course);
        var treated = assessment.StandardDoseStartedOn is not null;
        var actual = !treated ? null : assessment.EscalatedOn is not null ? Dm.EscalatedArm : Dm.StandardArm;
        yield return
        [
            .. AdamIdentifiers.Cells(s),
            baseline.AgeAtEnrolment, "YEARS", baseline.Sex == Sex.Female ? "F" : "M",
            Dm.PlannedArm, actual, Dm.PlannedArm, actual,
            YesNo(treated),
            Iso(assessment.StandardDoseStartedOn), Iso(end?.EffectiveOn), Iso(assessment.EscalatedOn),
            YesNo(assessment.EscalatedOn is not null),
            Iso(baseline.DiagnosedOn), baseline.Ecog, baseline.SpleenCmBelowCostalMargin,
            YesNo(baseline.Hepatomegaly), YesNo(baseline.ClonalEvolution),
            Ds.Words(baseline.DiseaseGroupAtStandardDose.ToString()),
            assessment.Table2Row is { } row ? Table2.LabelOf(row) : null,
            assessment.Improvement is { } improvement ? Rs.Category(improvement.ImprovedCategory) : null,
            assessment.Improvement is { } byFish ? YesNo(byFish.ByFish) : null,
            end is null ? (treated ? "ONGOING" : "NOT TREATED") : "DISCONTINUED",
            end is null ? null : Ds.Words(end.Reason.ToString()),
            Iso(end?.EffectiveOn),
            Iso(course.Transformation?.DiagnosedOn),
            course.Transformation is { } t ? Ds.Words(t.Phase.ToString()) : null,
            YesOrNull(course.Death is not null),
            Iso(course.Death?.DiedOn),
            course.Death is { } death ? Ds.Words(death.Cause.ToString()) : null,
            Iso(course.LastContactOn),
        ];
    }
}
