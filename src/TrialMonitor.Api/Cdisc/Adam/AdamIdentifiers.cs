using TrialMonitor.Api.Cdisc.DatasetJson;

namespace TrialMonitor.Api.Cdisc.Adam;

/// <summary>The identifier variables every ADaM dataset starts with (ADaMIG 1.3, section 3.2.1), and the treatment dates from ADSL.</summary>
internal static class AdamIdentifiers
{
    public static IEnumerable<DatasetColumn> Columns =>
    [
        DatasetColumn.Text("STUDYID", "Study Identifier", 200, key: 1),
        DatasetColumn.Text("USUBJID", "Unique Subject Identifier", 200, key: 2),
        DatasetColumn.Text("SUBJID", "Subject Identifier for the Study", 200),
        DatasetColumn.Text("SITEID", "Study Site Identifier", 200),
    ];

    public static object?[] Cells(CdiscSubject s) => [s.Study.StudyId, s.UniqueSubjectId, s.SubjectId, s.Site];
}
