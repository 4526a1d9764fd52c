using System.Security.Claims;
using GraphQL;
using TrialMonitor.Api.GraphQL.Transport;
using TrialMonitor.Api.Patients.Chart;

namespace TrialMonitor.Api.Auth;

/// <summary>
/// Site scoping of coordinators. Reads of one patient at another site are refused (FORBIDDEN naming the
/// site); lists and cohort views leave other sites' patients out. Writes are checked by the handlers on the
/// patient's own site (<see cref="Door.WriteScope"/>), so nothing is appended. Safety monitors and auditors read every site; only coordinators write.
/// </summary>
public static class SiteAccess
{
    /// <returns>The sites whose patients the user may read, or null for every site.</returns>
    public static IReadOnlyList<string>? ReadableSites(ClaimsPrincipal? user)
    {
        if (user is null) return [];
        if (user.IsInRole(Roles.SafetyMonitor) || user.IsInRole(Roles.Auditor)) return null;
        return Sites(user);
    }

    public static IReadOnlyList<string> Sites(ClaimsPrincipal user) =>
        [.. user.FindAll(TrialMonitorClaims.Site).Select(claim => claim.Value).Distinct()];

    /// <summary>
    /// The claims that decide what a read shows the user, i.e. which queries they may run (roles) and over which
    /// patients (sites; a lab's trials): users of the same scope may be sent the same answer. Null when unauthenticated.
    /// </summary>
    public static string? AnswerScope(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true) return null;
        return string.Join('\n', new[] { TrialMonitorClaims.Role, TrialMonitorClaims.Site, TrialMonitorClaims.Trial }
            .Select(type => type + "=" + string.Join(',', user.FindAll(type).Select(claim => claim.Value).Distinct().Order(StringComparer.Ordinal))));
    }

    public static void EnsureCanRead(IResolveFieldContext context, PatientChart? chart)
    {
        if (chart is null || ReadableSites(context.User) is not { } sites || sites.Contains(chart.Site)) return;
        throw Forbidden($"Patient {chart.Id} is at site {chart.Site}; {Yours(sites)}.");
    }

    private static string Yours(IReadOnlyList<string> sites) =>
        sites.Count == 0 ? "your token names no site" : $"your token's sites are {string.Join(", ", sites)}";

    private static ExecutionError Forbidden(string message) => new(message) { Code = GraphQLErrorCodes.Forbidden };
}
