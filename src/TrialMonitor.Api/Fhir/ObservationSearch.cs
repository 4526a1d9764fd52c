using Hl7.Fhir.Model;
using Marten;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Trials;

namespace TrialMonitor.Api.Fhir;

/// <summary>
/// GET /fhir/r4/Observation?subject:identifier=urn:trialmonitor:trial:&lt;code&gt;|&lt;subject id&gt;&amp;code=&lt;LOINC&gt;: the
/// Observations labs sent for the subject that are in force (their entry neither corrected nor voided), as they were
/// sent, as a searchset Bundle. For safety monitors and auditors, and a coordinator of the subject's site.
/// </summary>
public static class ObservationSearch
{
    public static async Task<IResult> SearchAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (_, refusal) = FhirCaller.Of(http, Roles.Coordinator, Roles.SafetyMonitor, Roles.Auditor);
        if (refusal is not null) return refusal;
        var query = http.Request.Query;
        var subjectParameter = query["subject:identifier"].FirstOrDefault();
        var subject = subjectParameter?.Split('|', 2) is [var system, var value]
            ? LabSubject.Of(new ResourceReference { Identifier = new Identifier(system, value) })
            : null;
        if (subject is null)
            return Outcomes.Refusal(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Required,
                $"search by subject:identifier={LabSubject.SystemPrefix}<trial code>|<subject id> (got '{subjectParameter}'), and code=<LOINC code>");
        var code = query["code"].FirstOrDefault() is { } token ? token[(token.IndexOf('|', StringComparison.Ordinal) + 1)..] : null;

        await using var session = http.RequestServices.GetRequiredService<IDocumentStore>().QuerySession();
        var trials = await session.Query<Trial>().Where(t => t.Code == subject.TrialCode).ToListAsync(http.RequestAborted);
        var trialIds = trials.Select(t => t.Id).ToArray();
        var patient = await session.Query<PatientChart>().FirstOrDefaultAsync(p => trialIds.Contains(p.TrialId) && p.SubjectId == subject.SubjectId,
            http.RequestAborted);
        var found = new List<(RecordedObservation Observation, long Version)>();
        if (patient is not null)
        {
            if (SiteAccess.ReadableSites(http.User) is { } sites && !sites.Contains(patient.Site))
                return Outcomes.Refusal(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden,
                    $"subject '{subject.SubjectId}' is at site {patient.Site}; your token's sites are {(sites.Count == 0 ? "none" : string.Join(", ", sites))}");
            var observations = await session.Query<RecordedObservation>()
                .Where(o => o.PatientId == patient.Id && (code == null || o.Code == code)).ToListAsync(http.RequestAborted);
            var entries = (await session.LoadManyAsync<RecordedEntry>(http.RequestAborted,
                    observations.Select(o => RecordedEntry.IdOf(patient.Id, o.EntryKey)).Distinct().ToArray()))
                .Where(e => !e.Voided).ToDictionary(e => e.Entry.EntryKey);
            found.AddRange(observations.Where(o => entries.ContainsKey(o.EntryKey)).Select(o => (o, entries[o.EntryKey].Version)));
        }

        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{FhirJson.Base}";
        var bundle = new Bundle { Id = Guid.NewGuid().ToString(), Type = Bundle.BundleType.Searchset, Total = found.Count, Timestamp = DateTimeOffset.UtcNow };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = $"{baseUrl}/Observation{http.Request.QueryString}" });
        foreach (var (observation, _) in found.OrderBy(f => f.Version).ThenBy(f => f.Observation.Key, StringComparer.Ordinal))
        {
            var resource = FhirJson.Parse<Observation>(observation.Resource);
            resource.Id = observation.Id;
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/Observation/{observation.Id}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }
        return FhirJson.Result(bundle, StatusCodes.Status200OK);
    }
}
