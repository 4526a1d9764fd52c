using Hl7.Fhir.Model;

namespace TrialMonitor.Api.Fhir;

/// <summary>
/// The answer to a lab's Bundle: a transaction-response or batch-response Bundle with one response per entry, in
/// order; a transaction with any entry refused is answered as FHIR says, by one OperationOutcome naming every
/// refused entry, with the status of the gravest (403, then 400, 409, 422).
/// </summary>
public static class BundleResponse
{
    private static readonly int[] Gravest = [403, 400, 409];

    public static IResult Of(Bundle request, IReadOnlyDictionary<int, EntryAnswer> answers, bool transaction)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(answers);
        var refused = answers.Where(a => a.Value.IsRefusal).OrderBy(a => a.Key).ToList();
        if (transaction && refused.Count > 0)
        {
            var status = Gravest.FirstOrDefault(s => refused.Any(r => r.Value.Status == s), 422);
            return FhirJson.Result(Outcomes.Of(refused.SelectMany(r => r.Value.Issues.Select(issue => Located(issue, r.Key)))), status);
        }
        var response = new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Type = transaction ? Bundle.BundleType.TransactionResponse : Bundle.BundleType.BatchResponse,
            Timestamp = DateTimeOffset.UtcNow,
        };
        for (var i = 0; i < request.Entry.Count; i++)
        {
            var answer = answers.TryGetValue(i, out var a) ? a
                : throw new InvalidOperationException($"entry {i} of the Bundle was not answered");
            response.Entry.Add(new Bundle.EntryComponent
            {
                Response = new Bundle.ResponseComponent
                {
                    Status = answer.StatusLine,
                    Location = answer.Location,
                    Etag = answer.Version is { } version ? $"W/\"{version}\"" : null,
                    Outcome = answer.Issues.Count > 0 ? Outcomes.Of(answer.Issues) : null,
                },
            });
        }
        return FhirJson.Result(response, StatusCodes.Status200OK);
    }

    /// <summary>An issue without an element of its own, prefixed with the entry it answers.</summary>
    private static OperationOutcome.IssueComponent Located(OperationOutcome.IssueComponent issue, int entry)
    {
        if (issue.Expression.Any()) return issue;
        issue.Expression = [$"Bundle.entry[{entry}]"];
        issue.Diagnostics = $"Bundle.entry[{entry}]: {issue.Diagnostics}";
        return issue;
    }
}
