using TrialMonitor.Api.Validation;
using TrialMonitor.Clinical.Course;
using Wolverine.Marten;

namespace TrialMonitor.Api.Patients.ReportingResponses;

public sealed record ReportResponse(Guid PatientId, string EntryKey, ReportedResponse Response, Correction? Correction = null, long? ExpectedVersion = null);

public static class ReportResponseHandler
{
    public static (EntryResult, Events) Handle(ReportResponse command, [WriteAggregate(Required = false)] Patient? patient)
    {
        var (result, events) = EntryRecording.Decide(command.PatientId, patient, command.EntryKey,
            new ResponseReported(command.PatientId, command.EntryKey, command.Response), command.Correction,
            (checks, p) => Check(checks, p, command.Response), command.ExpectedVersion);
        return (result, new Events(events));
    }

    private static void Check(FieldChecks checks, Patient patient, ReportedResponse r) => checks
        .Require(r.Cytogenetic is not null || r.Hematologic is not null, "response", "report a cytogenetic or a hematologic response (or both)");
}
