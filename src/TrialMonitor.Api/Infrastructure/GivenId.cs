namespace TrialMonitor.Api.Infrastructure;

/// <summary>An id as a request's path or a verb's argument gives it, read or refused in the same words at every door.</summary>
public static class GivenId
{
    /// <returns>Null when <paramref name="text"/> is an id, else the problem: "trialId 'nope' is not a trial id (a GUID)".</returns>
    public static string? Problem(string text, string name, string what, out Guid id) =>
        Guid.TryParse(text, out id) ? null : $"{name} {Quoted.Of(text)} is not a {what} id (a GUID)";
}
