using Hl7.Fhir.Model;
using JasperFx;
using Marten;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Door;
using Wolverine;

namespace TrialMonitor.Api.Fhir;

/// <summary>
/// A lab's transaction or batch Bundle through the door: each entry read (<see cref="ObservationReader"/>,
/// <see cref="ReportReader"/>), the Observations put together as the entries they become (<see cref="LabGrouping"/>),
/// the subjects found (<see cref="LabSubjects"/>), and the entries recorded in one command, sent as every writer sends
/// (<see cref="PatientWrites"/>). A transaction with any entry refused is refused whole, before or by the door.
/// </summary>
public static class LabBundle
{
    public static async Task<IResult> RecordAsync(Bundle bundle, FhirCaller caller, IServiceProvider services, string correlationId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(services);
        var transaction = bundle.Type == Bundle.BundleType.Transaction;
        var answers = new Dictionary<int, EntryAnswer>();
        var observations = new List<LabObservation>();
        var reports = new List<LabReport>();
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var (observation, report, answer) = Read(i, bundle.Entry[i]);
            if (answer is not null) answers[i] = answer;
            if (observation is not null) observations.Add(observation);
            if (report is not null) reports.Add(report);
        }
        var groups = LabGrouping.Group(observations, reports, answers);

        var store = services.GetRequiredService<IDocumentStore>();
        IReadOnlyList<string> sites;
        var resolved = new List<LabGroup>();
        await using (var session = store.QuerySession())
        {
            var subjects = await LabSubjects.ResolveAsync(session, groups.Select(g => g.Subject), caller, cancellation);
            foreach (var group in groups)
            {
                var subject = subjects[group.Subject];
                if (subject.PatientId is { } patientId) resolved.Add(group with { PatientId = patientId });
                else foreach (var entry in group.Entries) answers[entry] = EntryAnswer.Refused(subject.Status, $"Bundle.entry[{entry}].resource.subject.identifier", subject.Refusal!);
            }
            sites = caller.Role == Roles.Lab ? await LabSubjects.SitesOfAsync(session, caller.Trials, cancellation) : caller.Sites;
        }

        if (resolved.Count > 0 && !(transaction && answers.Values.Any(a => a.IsRefusal)))
        {
            var actor = WriteActor.Fhir(caller.User, caller.Role, sites, BundleName(bundle), correlationId);
            try
            {
                var outcome = await services.GetRequiredService<IMessageBus>()
                    .RecordAsync<LabResultsOutcome>(new RecordLabResults(resolved, transaction), actor, cancellation);
                BundleAnswers.Apply(resolved, outcome, answers);
            }
            catch (InvalidInputException unstorable)
            {
                // Refused before any decision (a string PostgreSQL cannot store, see Validation/StoredText).
                foreach (var entry in resolved.SelectMany(g => g.Entries))
                    answers[entry] = EntryAnswer.Refused(422, $"Bundle.entry[{entry}]", string.Join("; ", unstorable.Errors));
            }
            catch (ConcurrencyException)
            {
                // Other writers kept moving these patients through every attempt (PatientWrites): nothing was appended.
                foreach (var entry in resolved.SelectMany(g => g.Entries))
                    answers[entry] = EntryAnswer.Refused(409, $"Bundle.entry[{entry}]", "other writers kept changing the patient; send the Bundle again");
            }
        }
        return BundleResponse.Of(bundle, answers, transaction);
    }

    private static (LabObservation?, LabReport?, EntryAnswer?) Read(int i, Bundle.EntryComponent entry)
    {
        var at = $"Bundle.entry[{i}]";
        if (entry.Request?.Method is not (Bundle.HTTPVerb.POST or Bundle.HTTPVerb.PUT))
        {
            return (null, null, EntryAnswer.Refused(400, at + ".request.method", entry.Request?.Method is { } method
                ? $"TrialMonitor takes results by POST or PUT (got {method}); a result sent in error is withdrawn by sending it with status entered-in-error"
                : "is required in a transaction or batch: POST or PUT"));
        }
        switch (entry.Resource)
        {
            case Observation observation:
                var (read, answer) = ObservationReader.Read(i, entry.FullUrl, observation);
                return (read, null, answer);
            case DiagnosticReport diagnosticReport:
                var (report, reportAnswer) = ReportReader.Read(i, diagnosticReport);
                return (null, report, reportAnswer);
            case Specimen:
                return (null, null, EntryAnswer.NotRecorded("TrialMonitor records no specimens; the Observations that name it are put together by it"));
            case null:
                return (null, null, EntryAnswer.Refused(400, at + ".resource", "is required"));
            default:
                return (null, null, EntryAnswer.Refused(422, at + ".resource",
                    $"TrialMonitor takes Observation and DiagnosticReport resources (got {entry.Resource.TypeName}); the subject is named by identifier"));
        }
    }

    /// <summary>The Bundle as the events name it: its identifier, else its id.</summary>
    public static string BundleName(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return Identifiers.Key(bundle.Identifier) ?? (bundle.Id is { Length: > 0 } id ? $"Bundle/{id}" : "a Bundle without identifier");
    }
}
