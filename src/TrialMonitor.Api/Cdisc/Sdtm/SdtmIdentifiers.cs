using TrialMonitor.Api.Cdisc.DatasetJson;

namespace TrialMonitor.Api.Cdisc.Sdtm;

/// <summary>The identifier variables every SDTM domain starts with (SDTMIG 3.4, section 4.1.2).</summary>
internal static class SdtmIdentifiers
{
    public static DatasetColumn StudyId => DatasetColumn.Text("STUDYID", "Study Identifier", 200, key: 1);

    public static DatasetColumn Domain => DatasetColumn.Text("DOMAIN", "Domain Abbreviation", 2);

    public static DatasetColumn UniqueSubjectId => DatasetColumn.Text("USUBJID", "Unique Subject Identifier", 200, key: 2);

    public static DatasetColumn Sequence(string domain) => DatasetColumn.WholeNumber($"{domain}SEQ", "Sequence Number");

    /// <summary>STUDYID, DOMAIN, USUBJID, --SEQ.</summary>
    public static IEnumerable<DatasetColumn> For(string domain) => [StudyId, Domain, UniqueSubjectId, Sequence(domain)];

    /// <summary>The first four cells of a row: STUDYID, DOMAIN, USUBJID, --SEQ.</summary>
    public static object?[] Cells(CdiscSubject subject, string domain, int sequence) =>
        [subject.Study.StudyId, domain, subject.UniqueSubjectId, sequence];
}
