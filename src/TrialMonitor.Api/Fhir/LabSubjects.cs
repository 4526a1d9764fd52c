using Marten;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Trials;

namespace TrialMonitor.Api.Fhir;

/// <summary>The patient a lab's subject identifier names, or why it names none (or none the caller may send results for).</summary>
public sealed record SubjectResolution(Guid? PatientId, int Status, string? Refusal);

/// <summary>
/// Finds the patients the subjects of a lab's Bundle are: the trial by its code, the subject by its id within it. An
/// unknown trial or subject is refused (422); a lab may send results only for the trials its token names (403);
/// a coordinator's sites are checked by the door, on the patient's own site.
/// </summary>
public static class LabSubjects
{
    public static async Task<IReadOnlyDictionary<LabSubject, SubjectResolution>> ResolveAsync(IQuerySession session, IEnumerable<LabSubject> subjects,
        FhirCaller caller, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(caller);
        var wanted = subjects.Distinct().ToList();
        var codes = wanted.Select(s => s.TrialCode).Distinct().ToArray();
        var trials = (await session.Query<Trial>().Where(t => codes.Contains(t.Code)).ToListAsync(cancellation)).ToLookup(t => t.Code);
        var trialIds = trials.SelectMany(t => t).Select(t => t.Id).ToArray();
        var subjectIds = wanted.Select(s => s.SubjectId).Distinct().ToArray();
        var patients = trialIds.Length == 0 ? []
            : await session.Query<PatientChart>().Where(p => trialIds.Contains(p.TrialId) && subjectIds.Contains(p.SubjectId)).ToListAsync(cancellation);
        return wanted.ToDictionary(s => s, s => Resolve(s, [.. trials[s.TrialCode]], patients, caller));
    }

    /// <summary>Where a lab may write: every site of the trials its token names.</summary>
    public static async Task<IReadOnlyList<string>> SitesOfAsync(IQuerySession session, IReadOnlyList<string> trialCodes, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        var codes = trialCodes.ToArray();
        var trials = await session.Query<Trial>().Where(t => codes.Contains(t.Code)).ToListAsync(cancellation);
        return [.. trials.SelectMany(t => t.Sites).Distinct()];
    }

    private static SubjectResolution Resolve(LabSubject subject, IReadOnlyList<Trial> trials, IReadOnlyList<PatientChart> patients, FhirCaller caller)
    {
        if (trials.Count == 0) return new(null, 422, $"'{subject.System}' names trial '{subject.TrialCode}'; no trial is registered with that code");
        if (trials.Count > 1) return new(null, 422, $"several trials are registered with the code '{subject.TrialCode}'");
        if (caller.Role == Roles.Lab && !caller.Trials.Contains(subject.TrialCode))
            return new(null, 403, $"trial '{subject.TrialCode}' is not one your token names ({(caller.Trials.Count == 0 ? "none" : string.Join(", ", caller.Trials))})");
        var patient = patients.FirstOrDefault(p => p.TrialId == trials[0].Id && p.SubjectId == subject.SubjectId);
        return patient is null
            ? new(null, 422, $"no subject '{subject.SubjectId}' is enrolled in trial '{subject.TrialCode}'")
            : new(patient.Id, 0, null);
    }
}
