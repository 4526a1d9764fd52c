using Hl7.Fhir.Model;
using TrialMonitor.Api.Door;

namespace TrialMonitor.Api.Fhir;

/// <summary>
/// The answer to one entry of a lab's Bundle: 201 recorded, 200 already recorded, 202 read but not recorded (saying
/// why), or a refusal (400 malformed, 403 not the caller's patient, 409 a conflict, 422 refused by the door), with the
/// issues that say why, where the result is and the patient's version after it.
/// </summary>
public sealed record EntryAnswer(int Status, IReadOnlyList<OperationOutcome.IssueComponent> Issues, string? Location = null, long? Version = null)
{
    public bool IsRefusal => Status >= 400;

    public static EntryAnswer Recorded(bool appended, string? location, long version) => new(appended ? 201 : 200, [], location, version);

    public static EntryAnswer NotRecorded(string why) => new(202, [Outcomes.Information("not recorded: " + why)]);

    public static EntryAnswer Refused(int status, IEnumerable<FieldError> errors) =>
        new(status, [.. errors.Select(e => Outcomes.Error(e, IssueTypeOf(status)))]);

    public static EntryAnswer Refused(int status, string element, string reason) => Refused(status, [new FieldError(element, reason)]);

    public static OperationOutcome.IssueType IssueTypeOf(int status) => status switch
    {
        403 => OperationOutcome.IssueType.Forbidden,
        409 => OperationOutcome.IssueType.Conflict,
        400 => OperationOutcome.IssueType.Structure,
        _ => OperationOutcome.IssueType.Invalid,
    };

    public string StatusLine => Status switch
    {
        200 => "200 OK",
        201 => "201 Created",
        202 => "202 Accepted",
        400 => "400 Bad Request",
        403 => "403 Forbidden",
        409 => "409 Conflict",
        _ => "422 Unprocessable Entity",
    };
}
