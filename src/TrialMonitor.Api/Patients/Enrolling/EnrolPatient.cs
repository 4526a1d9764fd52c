using Marten;
using TrialMonitor.Api.Trials;
using TrialMonitor.Api.Validation;
using TrialMonitor.Clinical.Course;
using Wolverine.Marten;

namespace TrialMonitor.Api.Patients.Enrolling;

public sealed record EnrolPatient(Guid PatientId, Guid TrialId, DateOnly EnrolledOn, Baseline Baseline);

public static class EnrolPatientHandler
{
    public const string EntryKey = "enrolment";

    public static async Task<(EntryResult, IMartenOp)> Handle(EnrolPatient command, IQuerySession session, CancellationToken ct)
    {
        var trial = await session.LoadAsync<Trial>(command.TrialId, ct);
        var b = command.Baseline;
        var checks = new FieldChecks()
            .Require(command.PatientId != Guid.Empty, "patientId", "must not be empty")
            .Require(trial is not null, "trialId", $"no trial is registered with id {command.TrialId}")
            .NotBlank(b.SubjectId, "baseline.subjectId")
            .Require(trial is null || trial.Sites.Contains(b.Site), "baseline.site",
                $"'{b.Site}' is not a site of this trial")
            .Between(b.AgeAtEnrolment, 0, 120, "baseline.ageAtEnrolment")
            .Between(b.Ecog, 0, 5, "baseline.ecog")
            .NotNegative(b.SpleenCmBelowCostalMargin, "baseline.spleenCmBelowCostalMargin")
            .Require(b.DiagnosedOn <= command.EnrolledOn, "baseline.diagnosedOn",
                $"{b.DiagnosedOn:yyyy-MM-dd} is after enrolment ({command.EnrolledOn:yyyy-MM-dd})");
        if (await session.LoadAsync<PatientChart>(command.PatientId, ct) is { } existing)
        {
            // A retried enrolment is acknowledged; a different one under the same id is refused.
            checks.Require(existing.TrialId == command.TrialId && existing.EnrolledOn == command.EnrolledOn
                           && existing.Baseline.Equals(b), "patientId",
                $"a different patient is already enrolled with id {command.PatientId}");
            checks.ThrowIfAny();
            return (new EntryResult(command.PatientId, EntryKey, existing.Version, AlreadyRecorded: true), MartenOps.Nothing());
        }
        if (trial is not null && await session.Query<PatientChart>()
                .AnyAsync(p => p.TrialId == command.TrialId && p.SubjectId == b.SubjectId, ct))
            checks.Fail("baseline.subjectId", $"subject '{b.SubjectId}' is already enrolled in this trial");
        checks.ThrowIfAny();

        var enrolled = new PatientEnrolled(command.PatientId, command.TrialId, command.EnrolledOn, b);
        return (new EntryResult(command.PatientId, EntryKey, 1, AlreadyRecorded: false),
            MartenOps.StartStream<Patient>(command.PatientId, enrolled));
    }
}
