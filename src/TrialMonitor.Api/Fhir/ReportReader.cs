using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using TrialMonitor.Api.Door;

namespace TrialMonitor.Api.Fhir;

/// <summary>
/// Reads one DiagnosticReport of a lab's Bundle: the Observations it references become one entry of each kind they
/// record, keyed by the report's identifier. Its own status withdraws that entry (entered-in-error); a report the
/// lab has not finished is answered as not recorded, its Observations by their own status.
/// </summary>
public static class ReportReader
{
    public static (LabReport? Report, EntryAnswer? Answer) Read(int entry, DiagnosticReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var path = $"Bundle.entry[{entry}].resource";
        var checks = new FieldChecks().Under(path);
        var key = Identifiers.Key(report.Identifier);
        checks.Require(key is not null, "identifier", "is required: the blood count its Observations become is keyed by it");
        checks.Require(report.Status is not null, "status", "is required");
        var subject = LabSubject.Of(report.Subject);
        checks.Require(subject is not null, "subject", $"must be {LabSubject.Expected} (got {LabSubject.Show(report.Subject)})");
        var (collectedOn, dateElement) = Dates.Collection(checks, report.Effective, path);
        if (checks.Errors.Count > 0) return (null, EntryAnswer.Refused(422, checks.Errors));

        LabStatus? status = report.Status switch
        {
            DiagnosticReport.DiagnosticReportStatus.Final or DiagnosticReport.DiagnosticReportStatus.Appended => LabStatus.Final,
            DiagnosticReport.DiagnosticReportStatus.Amended or DiagnosticReport.DiagnosticReportStatus.Corrected => LabStatus.Amended,
            DiagnosticReport.DiagnosticReportStatus.EnteredInError => LabStatus.Withdrawn,
            _ => null,
        };
        var read = new LabReport(entry, key!, status, subject!, collectedOn, dateElement,
            [.. report.Result.Select(r => r.Reference).OfType<string>().Select(References.Normalize)]);
        return (read, status is null
            ? EntryAnswer.NotRecorded($"its status is {report.Status.GetLiteral()}; its Observations are recorded by their own status")
            : null);
    }
}
