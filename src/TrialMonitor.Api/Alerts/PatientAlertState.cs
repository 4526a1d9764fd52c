using System.Text.Json.Serialization;
using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Alerts;

/// <summary>
/// An alert raised for the patient, as the projection needs it to withdraw it later: the term tells
/// apart alerts of one kind derived from the assessment (the milestone of a milestone failure).
/// </summary>
public sealed record RaisedAlert(Guid AlertId, AlertKind Kind, string? Term, string? EntryKey, bool Withdrawn);

/// <summary>
/// The alert projection's own view of one patient, folded from the same events in the same order
/// as the alerts themselves (never read from the inline PatientChart, which is already ahead when
/// the daemon catches up or rebuilds): who the patient is, the trial settings at enrolment and the
/// alerts raised so far. The course is not stored: a batch that first needs it refolds it from the
/// patient's stream up to the event before the one it applies, then brings it forward event by
/// event, so the status before each event, and the alerts, come out as a full re-evaluation's.
/// </summary>
public sealed class PatientAlertState
{
    public Guid Id { get; set; }
    public Guid TrialId { get; set; }
    public string StudyCode { get; set; } = "";
    public string Site { get; set; } = "";
    public string SubjectId { get; set; } = "";
    public ClinicalSettings Settings { get; set; } = ClinicalSettings.PaperDefaults;
    public List<RaisedAlert> Alerts { get; set; } = [];

    /// <summary>The course as of the last event applied in this batch; null until the batch needs it.</summary>
    [JsonIgnore]
    public RunningCourse? Course { get; set; }

    /// <summary>The version of the last event <see cref="Course"/> holds.</summary>
    [JsonIgnore]
    public long CourseVersion { get; set; }
}
