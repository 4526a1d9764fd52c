using TrialMonitor.Api.Door;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients.Entries.Kinds;

public sealed record ResponseReported(Guid PatientId, string EntryKey, ReportedResponse Response) : IPatientEntry
{
    DateOnly IPatientEntry.ClinicalOn => Response.AssessedOn;
}

/// <summary>What the site says the response is; compared with the derived one (discrepancies).</summary>
public sealed class ReportedResponses : EntryKind<ResponseReported, ReportedResponse>
{
    public override string Name => "ReportedResponse";
    public override string Mutation => "reportResponse";
    public override string Argument => "response";
    public override string ChartField => "reportedResponses";
    public override string ClinicalDateField => "response.assessedOn";
    public override int SameDayOrder => 4;
    public override bool MovesAssessment => false;

    protected override ResponseReported Record(Guid patientId, string entryKey, ReportedResponse value) => new(patientId, entryKey, value);
    protected override ReportedResponse ValueOf(ResponseReported entry) => entry.Response;
    protected override string FormCode(ReportedResponse value) => "RSP";

    protected override void Check(FieldChecks checks, ReportedResponse r) => checks
        .Require(r.Cytogenetic is not null || r.Hematologic is not null, "", "report a cytogenetic or a hematologic response (or both)");
}
