using TrialMonitor.Api.Patients.Enrolling;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.DemoCohort;

/// <summary>
/// Turns a reconstructed course into the commands a coordinator would have entered, in clinical
/// date order, so the demo cohort goes through the same write path as real data.
/// </summary>
public static class CourseCommands
{
    public static IReadOnlyList<object> For(Guid patientId, Guid trialId, PatientCourse course)
    {
        ArgumentNullException.ThrowIfNull(course);
        var enrolledOn = course.Doses.Where(d => d.Action == DoseAction.Started).Select(d => d.EffectiveOn).DefaultIfEmpty()
            .Min();
        var keysUsed = new Dictionary<string, int>();
        string Key(string formCode, DateOnly on)
        {
            var key = $"{formCode}-{on:yyyyMMdd}";
            var seen = keysUsed[key] = keysUsed.GetValueOrDefault(key) + 1;
            return seen == 1 ? key : $"{key}-{seen}";
        }

        var entries = EntryKinds.All
            .SelectMany(kind => kind.ValuesIn(course).Select(value => (Kind: kind, Value: value)))
            .Select(e =>
            {
                var entry = e.Kind.Record(patientId, "", e.Value);
                return (entry.ClinicalOn, e.Kind.SameDayOrder, Entry: e.Kind.Record(patientId, Key(e.Kind.FormCode(e.Value), entry.ClinicalOn), e.Value));
            })
            .ToList();

        // Labs collected before enrolment (the baseline at the start of therapy) are entered after it.
        return
        [
            new EnrolPatient(patientId, trialId, enrolledOn, course.Baseline),
            .. entries.OrderBy(e => e.ClinicalOn < enrolledOn ? enrolledOn : e.ClinicalOn).ThenBy(e => e.SameDayOrder).ThenBy(e => e.ClinicalOn)
                .Select(e => new RecordEntry(e.Entry)),
        ];
    }
}
