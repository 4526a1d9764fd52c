using TrialMonitor.Api.Cdisc.DatasetJson;
using TrialMonitor.Clinical.Cohort;
using TrialMonitor.Clinical.Course;
using static TrialMonitor.Api.Cdisc.CdiscSubject;

namespace TrialMonitor.Api.Cdisc.Sdtm;

/// <summary>
/// SDTM EX: one row per dose period, from each dose decision to the day before the next one, or to
/// the end of therapy (discontinuation or death), or open (EXENDTC null) while it continues.
/// Interruptions give no row (no drug was taken); the period after them says RESUMED. EXADJ gives
/// the reason a dose was changed: for a reduction the recorded reason (PANCYTOPENIA or the toxicity).
/// EXDOSTOT is the daily dose; EXDOSE the dose per administration when the schedule says how often.
/// </summary>
public static class Ex
{
    public const string Imatinib = "IMATINIB";

    public static CdiscDataset Dataset { get; } = new(CdiscModel.Sdtm, "EX", "Exposure",
    [
        .. SdtmIdentifiers.For("EX"),
        DatasetColumn.Text("EXTRT", "Name of Treatment", 20, key: 3),
        DatasetColumn.WholeNumber("EXDOSE", "Dose"),
        DatasetColumn.WholeNumber("EXDOSTOT", "Total Daily Dose"),
        DatasetColumn.Text("EXDOSU", "Dose Units", 2),
        DatasetColumn.Text("EXDOSFRQ", "Dosing Frequency per Interval", 10),
        DatasetColumn.Text("EXDOSRGM", "Intended Dose Regimen", 200),
        DatasetColumn.Text("EXROUTE", "Route of Administration", 20),
        DatasetColumn.Text("EXADJ", "Reason for Dose Adjustment", 200),
        DatasetColumn.IsoDate("EXSTDTC", "Start Date/Time of Treatment", key: 4),
        DatasetColumn.IsoDate("EXENDTC", "End Date/Time of Treatment"),
        DatasetColumn.WholeNumber("EXSTDY", "Study Day of Start of Treatment"),
        DatasetColumn.WholeNumber("EXENDY", "Study Day of End of Treatment"),
    ], Rows);

    private static IEnumerable<object?[]> Rows(CdiscSubject s)
    {
        var doses = DoseHistory.Ordered(s.Course.Doses);
        var therapyEnd = Disposition.TherapyEnd(s.Course)?.EffectiveOn;
        var sequence = 0;
        for (var i = 0; i < doses.Count; i++)
        {
            var dose = doses[i];
            if (dose.Action == DoseAction.Interrupted || dose.DailyDoseMg == 0) continue;
            if (therapyEnd is { } ended && dose.EffectiveOn > ended) break;
            DateOnly? end = i + 1 < doses.Count ? doses[i + 1].EffectiveOn.AddDays(-1) : null;
            if (therapyEnd is { } last && (end is null || end > last)) end = last;
            // A decision superseded on its own day (two changes dated alike) was never a period.
            if (end < dose.EffectiveOn) continue;
            var perDay = AdministrationsPerDay(dose.Schedule);
            yield return
            [
                .. SdtmIdentifiers.Cells(s, "EX", ++sequence),
                Imatinib,
                perDay is { } n && dose.DailyDoseMg % n == 0 ? dose.DailyDoseMg / n : null,
                dose.DailyDoseMg,
                "mg",
                perDay switch { 1 => "QD", 2 => "BID", _ => null },
                dose.Schedule,
                "ORAL",
                Adjustment(dose),
                Iso(dose.EffectiveOn), Iso(end),
                s.StudyDay(dose.EffectiveOn), s.StudyDay(end),
            ];
        }
    }

    private static string? Adjustment(DoseChange dose) => dose.Action switch
    {
        DoseAction.Started => null,
        DoseAction.Escalated => dose.Reason ?? "DOSE ESCALATION PER PROTOCOL",
        DoseAction.Reduced => dose.Reason ?? "DOSE REDUCED",
        DoseAction.Resumed => dose.Reason ?? "RESUMED AFTER INTERRUPTION",
        _ => dose.Reason,
    };

    private static int? AdministrationsPerDay(string schedule)
    {
        if (schedule.Contains("twice daily", StringComparison.OrdinalIgnoreCase)
            || schedule.Contains("BID", StringComparison.Ordinal)) return 2;
        if (schedule.Contains("once daily", StringComparison.OrdinalIgnoreCase)
            || schedule.Equals("daily", StringComparison.OrdinalIgnoreCase)
            || schedule.Contains("QD", StringComparison.Ordinal)) return 1;
        return null;
    }
}
