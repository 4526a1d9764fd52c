using TrialMonitor.Api.Cdisc.DatasetJson;
using TrialMonitor.Clinical.Cohort;
using TrialMonitor.Clinical.Course;
using static TrialMonitor.Api.Cdisc.CdiscSubject;

namespace TrialMonitor.Api.Cdisc.Sdtm;

/// <summary>
/// SDTM DM, one row per patient. Reference start is the start of 400 mg (study day 1); reference
/// end and last treatment are the end of therapy as the disposition view counts it (a death
/// without a recorded discontinuation ended therapy too). One planned arm: 400 mg with escalation
/// per protocol; the actual arm says whether the dose was escalated.
/// </summary>
public static class Dm
{
    public const string PlannedArmCode = "IMA400ESC";
    public const string PlannedArm = "Imatinib 400 mg, escalation on resistance or relapse";
    public const string EscalatedArmCode = "IMAESC";
    public const string EscalatedArm = "Imatinib 400 mg, escalated";
    public const string StandardArmCode = "IMA400";
    public const string StandardArm = "Imatinib 400 mg, not escalated";

    public static CdiscDataset Dataset { get; } = new(CdiscModel.Sdtm, "DM", "Demographics",
    [
        SdtmIdentifiers.StudyId,
        SdtmIdentifiers.Domain,
        SdtmIdentifiers.UniqueSubjectId,
        DatasetColumn.Text("SUBJID", "Subject Identifier for the Study", 200),
        DatasetColumn.IsoDate("RFSTDTC", "Subject Reference Start Date/Time"),
        DatasetColumn.IsoDate("RFENDTC", "Subject Reference End Date/Time"),
        DatasetColumn.IsoDate("RFXSTDTC", "Date/Time of First Study Treatment"),
        DatasetColumn.IsoDate("RFXENDTC", "Date/Time of Last Study Treatment"),
        DatasetColumn.IsoDate("RFICDTC", "Date/Time of Informed Consent"),
        DatasetColumn.IsoDate("RFPENDTC", "Date/Time of End of Participation"),
        DatasetColumn.IsoDate("DTHDTC", "Date/Time of Death"),
        DatasetColumn.Text("DTHFL", "Subject Death Flag", 1),
        DatasetColumn.Text("SITEID", "Study Site Identifier", 200),
        DatasetColumn.WholeNumber("AGE", "Age"),
        DatasetColumn.Text("AGEU", "Age Units", 5),
        DatasetColumn.Text("SEX", "Sex", 1),
        DatasetColumn.Text("RACE", "Race", 200),
        DatasetColumn.Text("ARMCD", "Planned Arm Code", 20),
        DatasetColumn.Text("ARM", "Description of Planned Arm", 200),
        DatasetColumn.Text("ACTARMCD", "Actual Arm Code", 20),
        DatasetColumn.Text("ACTARM", "Description of Actual Arm", 200),
        DatasetColumn.Text("ARMNRS", "Reason Arm and/or Actual Arm is Null", 200),
        DatasetColumn.Text("COUNTRY", "Country", 3),
    ], Rows);

    private static IEnumerable<object?[]> Rows(CdiscSubject s)
    {
        var course = s.Course;
        var assessment = s.Assessment;
        var treated = assessment.StandardDoseStartedOn is not null;
        var therapyEnd = Disposition.TherapyEnd(course)?.EffectiveOn;
        var (actualCode, actual) = !treated ? (null, null)
            : assessment.EscalatedOn is not null ? (EscalatedArmCode, EscalatedArm)
            : (StandardArmCode, StandardArm);
        yield return
        [
            s.Study.StudyId, "DM", s.UniqueSubjectId, s.SubjectId,
            Iso(assessment.StandardDoseStartedOn),
            Iso(therapyEnd),
            Iso(assessment.StandardDoseStartedOn),
            Iso(therapyEnd),
            Iso(s.EnrolledOn),
            Iso(course.Death?.DiedOn ?? course.LastContactOn),
            Iso(course.Death?.DiedOn),
            YesOrNull(course.Death is not null),
            s.Site,
            course.Baseline.AgeAtEnrolment,
            "YEARS",
            course.Baseline.Sex == Sex.Female ? "F" : "M",
            // Not recorded by this system: null rather than a guess.
            null,
            PlannedArmCode, PlannedArm,
            actualCode, actual,
            treated ? null : "NOT TREATED",
            null,
        ];
    }
}
