using System.Security.Claims;
using Hl7.Fhir.Model;
using TrialMonitor.Api.Auth;

namespace TrialMonitor.Api.Fhir;

/// <summary>Who is sending or reading lab results, in the first of the allowed roles their token has: their sites and (a lab's) trials.</summary>
public sealed record FhirCaller(string User, string Role, IReadOnlyList<string> Sites, IReadOnlyList<string> Trials)
{
    /// <returns>The caller, or the refusal to answer: 401 without a valid token, 403 without one of the roles.</returns>
    public static (FhirCaller? Caller, IResult? Refusal) Of(HttpContext http, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(http);
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return (null, Outcomes.Refusal(StatusCodes.Status401Unauthorized, OperationOutcome.IssueType.Login,
                "send a bearer token: Authorization: Bearer <token>"));
        }
        var role = roles.FirstOrDefault(r => user.IsInRole(r) || user.HasClaim(TrialMonitorClaims.Role, r));
        if (role is null)
        {
            var has = user.FindAll(TrialMonitorClaims.Role).Select(c => c.Value).ToList();
            return (null, Outcomes.Refusal(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden,
                $"this needs role {string.Join(" or ", roles)}; you have {(has.Count == 0 ? "no role" : "role " + string.Join(", ", has))}"));
        }
        return (new FhirCaller(user.FindFirst(TrialMonitorClaims.User)?.Value ?? "anonymous", role, SiteAccess.Sites(user), TrialsOf(user)), null);
    }

    private static IReadOnlyList<string> TrialsOf(ClaimsPrincipal user) =>
        [.. user.FindAll(TrialMonitorClaims.Trial).Select(claim => claim.Value).Distinct()];
}
