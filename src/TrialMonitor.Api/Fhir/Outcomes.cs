using Hl7.Fhir.Model;
using TrialMonitor.Api.Door;

namespace TrialMonitor.Api.Fhir;

/// <summary>OperationOutcomes: each issue names the element (its FHIRPath in the request) and says why, with the value and the limit.</summary>
public static class Outcomes
{
    public static OperationOutcome.IssueComponent Error(OperationOutcome.IssueType code, string? element, string diagnostics) => new()
    {
        Severity = OperationOutcome.IssueSeverity.Error,
        Code = code,
        Diagnostics = element is null ? diagnostics : $"{element}: {diagnostics}",
        Expression = element is null ? [] : [element],
    };

    /// <summary>A refusal of the door: the field is the element, its reason the diagnostics.</summary>
    public static OperationOutcome.IssueComponent Error(FieldError error, OperationOutcome.IssueType code = OperationOutcome.IssueType.Invalid)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Error(code, error.Field.Length == 0 ? null : error.Field, error.Reason);
    }

    public static OperationOutcome.IssueComponent Information(string diagnostics) => new()
    {
        Severity = OperationOutcome.IssueSeverity.Information,
        Code = OperationOutcome.IssueType.Informational,
        Diagnostics = diagnostics,
    };

    public static OperationOutcome Of(IEnumerable<OperationOutcome.IssueComponent> issues) => new() { Issue = [.. issues] };

    /// <summary>The whole request refused: an OperationOutcome with one issue, and its status.</summary>
    public static IResult Refusal(int status, OperationOutcome.IssueType code, string diagnostics) =>
        FhirJson.Result(Of([Error(code, null, diagnostics)]), status);
}
