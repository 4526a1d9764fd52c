using System.Globalization;
using TrialMonitor.Api.Cdisc.DatasetJson;
using static TrialMonitor.Api.Cdisc.CdiscSubject;

namespace TrialMonitor.Api.Cdisc.Sdtm;

/// <summary>SDTM AE: the toxicities the investigator reported, with the CTCAE term and grade (AETOXGR) as reported.</summary>
public static class Ae
{
    public static CdiscDataset Dataset { get; } = new(CdiscModel.Sdtm, "AE", "Adverse Events",
    [
        .. SdtmIdentifiers.For("AE"),
        DatasetColumn.Text("AETERM", "Reported Term for the Adverse Event", 200),
        DatasetColumn.Text("AEDECOD", "Dictionary-Derived Term", 200, key: 3),
        DatasetColumn.Text("AETOXGR", "Standard Toxicity Grade", 1),
        DatasetColumn.Text("AESER", "Serious Event", 1),
        DatasetColumn.IsoDate("AESTDTC", "Start Date/Time of Adverse Event", key: 4),
        DatasetColumn.WholeNumber("AESTDY", "Study Day of Start of Adverse Event"),
    ], Rows);

    private static IEnumerable<object?[]> Rows(CdiscSubject s) =>
        s.Course.Toxicities
            .OrderBy(t => t.OnsetOn)
            .ThenBy(t => t.Term, StringComparer.Ordinal)
            .Select((t, index) => (object?[])
            [
                .. SdtmIdentifiers.Cells(s, "AE", index + 1),
                t.Term, t.Term,
                t.Grade.ToString(CultureInfo.InvariantCulture),
                // Seriousness is not recorded: null rather than a guess.
                null,
                Iso(t.OnsetOn), s.StudyDay(t.OnsetOn),
            ]);
}
