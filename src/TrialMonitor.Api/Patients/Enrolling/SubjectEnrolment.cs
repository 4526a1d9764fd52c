using Marten;
using Npgsql;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Chart;

namespace TrialMonitor.Api.Patients.Enrolling;

/// <summary>
/// A subject id is enrolled once per trial, however many enrolments race (DOMAIN, "At the door"): the
/// patient charts carry a unique index on trial and subject, written in the enrolment's transaction,
/// so of racing enrolments one commits and the others fail on it and are refused as the field error.
/// </summary>
public static class SubjectEnrolment
{
    public const string IndexName = "uq_patient_subject_in_trial";

    public static void Index(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Schema.For<PatientChart>().UniqueIndex(Marten.Schema.UniqueIndexType.Computed, IndexName, c => c.TrialId, c => c.SubjectId);
    }

    public static string AlreadyEnrolled(string subjectId) => $"subject '{subjectId}' is already enrolled in this trial";

    /// <summary>The refusal a lost race on the index becomes, or null when the exception is something else.</summary>
    public static InvalidInputException? Refusal(Exception exception, EnrolPatient command)
    {
        ArgumentNullException.ThrowIfNull(command);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique
                && unique.ConstraintName?.Contains(IndexName, StringComparison.Ordinal) == true)
                return new InvalidInputException([new FieldError("baseline.subjectId", AlreadyEnrolled(command.Baseline.SubjectId))]);
        }
        return null;
    }
}
