using TrialMonitor.Api.Patients;
using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Alerts;

/// <summary>An alert raised for the patient, as the projection needs it to withdraw it later.</summary>
public sealed record RaisedAlert(Guid AlertId, AlertKind Kind, string? EntryKey, bool Withdrawn);

/// <summary>
/// The alert projection's own view of one patient, folded from the same events in the same order
/// as the alerts themselves (never read from the inline PatientChart, which is already ahead when
/// the daemon catches up or rebuilds): the chart as of the last event processed, its assessment (as of the last event that can move it),
/// the trial settings at enrolment and the alerts raised so far. A rebuild refolds it from the
/// first event, so the assessment before each event, and the alerts, come out identical.
/// </summary>
public sealed class PatientAlertState
{
    public Guid Id { get; set; }
    public Guid TrialId { get; set; }
    public string StudyCode { get; set; } = "";
    public ClinicalSettings Settings { get; set; } = ClinicalSettings.PaperDefaults;
    public PatientChart Chart { get; set; } = null!;
    public PatientAssessment? Assessment { get; set; }
    public List<RaisedAlert> Alerts { get; set; } = [];
}
