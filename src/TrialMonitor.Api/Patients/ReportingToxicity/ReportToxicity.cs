using TrialMonitor.Api.Validation;
using TrialMonitor.Clinical.Course;
using Wolverine.Marten;

namespace TrialMonitor.Api.Patients.ReportingToxicity;

public sealed record ReportToxicity(Guid PatientId, string EntryKey, ReportedToxicity Toxicity, Correction? Correction = null, long? ExpectedVersion = null);

public static class ReportToxicityHandler
{
    public static (EntryResult, Events) Handle(ReportToxicity command, [WriteAggregate(Required = false)] Patient? patient)
    {
        var (result, events) = EntryRecording.Decide(command.PatientId, patient, command.EntryKey,
            new ToxicityReported(command.PatientId, command.EntryKey, command.Toxicity), command.Correction,
            (checks, p) => Check(checks, p, command.Toxicity), command.ExpectedVersion);
        return (result, new Events(events));
    }

    private static void Check(FieldChecks checks, Patient patient, ReportedToxicity t) => checks
        .NotBlank(t.Term, "toxicity.term")
        .Between(t.Grade, 1, 5, "toxicity.grade");
}
