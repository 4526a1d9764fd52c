using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Trials;
using TrialMonitor.Clinical.Course;
using Wolverine;
using Wolverine.Marten;

namespace TrialMonitor.Api.Patients.Enrolling;

public sealed record EnrolPatient(Guid PatientId, Guid TrialId, DateOnly EnrolledOn, Baseline Baseline);

public static class EnrolPatientHandler
{
    public const string EntryKey = "enrolment";
    public const int MaxSubjectIdLength = 64;

    public static Task<(EntryResult, IMartenOp)> Handle(EnrolPatient command, IQuerySession session, Envelope envelope,
        TimeProvider clock, CancellationToken ct) =>
        DecideAsync(command, session, WriteScope.Of(envelope), ClinicalDates.Today(clock), ct);

    /// <summary>The decision, as the handler takes it and as an import's dry run takes it without committing.</summary>
    public static async Task<(EntryResult, IMartenOp)> DecideAsync(EnrolPatient command, IQuerySession session, WriteScope scope,
        DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(scope);
        var trial = await session.LoadAsync<Trial>(command.TrialId, ct);
        var b = command.Baseline;
        var checks = new FieldChecks()
            .Require(command.PatientId != Guid.Empty, "patientId", "must not be empty")
            .Require(trial is not null, "trialId", $"no trial is registered with id {command.TrialId}")
            .NotInTheFuture(command.EnrolledOn, "enrolledOn", today);
        checks.Under("baseline")
            .Key(b.SubjectId, "subjectId", MaxSubjectIdLength)
            .Require(trial is null || trial.Sites.Contains(b.Site), "site", $"'{b.Site}' is not a site of this trial")
            .Between(b.AgeAtEnrolment, 0, 120, "ageAtEnrolment", "years")
            .Between(b.Ecog, 0, 5, "ecog")
            .Between(b.SpleenCmBelowCostalMargin, 0, 40, "spleenCmBelowCostalMargin", "cm")
            .NotAfter(b.DiagnosedOn, command.EnrolledOn, "diagnosedOn", "enrolment");
        if (await session.LoadAsync<PatientChart>(command.PatientId, ct) is { } existing)
        {
            scope.EnsureCanWrite(existing.Site, $"Patient {command.PatientId}");
            // A retried enrolment is acknowledged; a different one under the same id is refused.
            checks.Require(existing.TrialId == command.TrialId && existing.EnrolledOn == command.EnrolledOn
                           && existing.Baseline.Equals(b), "patientId",
                $"a different patient is already enrolled with id {command.PatientId}");
            checks.ThrowIfAny();
            return (new EntryResult(command.PatientId, EntryKey, existing.Version, AlreadyRecorded: true), MartenOps.Nothing());
        }
        // A site outside the trial is bad input (above); one of the trial's sites must be the writer's.
        if (trial is not null && trial.Sites.Contains(b.Site)) scope.EnsureCanWrite(b.Site, $"The enrolment of subject '{b.SubjectId}'");
        // Racing enrolments of one subject all pass this query; the chart's unique index then lets one commit (SubjectEnrolment).
        if (trial is not null && await session.Query<PatientChart>()
                .AnyAsync(p => p.TrialId == command.TrialId && p.SubjectId == b.SubjectId, ct))
            checks.Fail("baseline.subjectId", SubjectEnrolment.AlreadyEnrolled(b.SubjectId));
        checks.ThrowIfAny();

        var enrolled = new PatientEnrolled(command.PatientId, command.TrialId, command.EnrolledOn, b);
        return (new EntryResult(command.PatientId, EntryKey, 1, AlreadyRecorded: false),
            MartenOps.StartStream<Patient>(command.PatientId, enrolled));
    }
}
