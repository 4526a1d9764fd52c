using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Entries;

namespace TrialMonitor.Api.Door;

/// <summary>DOMAIN, "At the door": the dates no clinic could have recorded.</summary>
public static class ClinicalDates
{
    /// <summary>The server's date in UTC: a clinic a day ahead of UTC may record tomorrow's date, nothing later.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }

    public static FieldChecks NotInTheFuture(this FieldChecks checks, DateOnly date, string field, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(checks);
        return checks.NotAfter(date, today.AddDays(1), field, "the latest date a clinic could record (today, UTC, plus one day)");
    }

    /// <summary>
    /// Not in the future, not before diagnosis (nor enrolment, for the kinds dated from it), and (unless
    /// it corrects an earlier entry) not after death.
    /// </summary>
    public static FieldChecks ClinicalDate(this FieldChecks checks, EntryKind kind, DateOnly date, Patient patient, bool isCorrection, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(patient);
        var field = kind.ClinicalDateField;
        checks.NotInTheFuture(date, field, today).NotBefore(date, patient.DiagnosedOn, field, "the patient's diagnosis");
        if (kind.DatedFromEnrolment) checks.NotBefore(date, patient.EnrolledOn, field, "enrolment");
        if (!isCorrection && patient.DiedOn() is { } diedOn) checks.NotAfter(date, diedOn, field, "the patient's death");
        return checks;
    }
}
