using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Auth;

/// <summary>
/// The authorization policies of the REST endpoints, each named after the roles it admits
/// (<c>.RequireAuthorization(RolePolicies.AuditorOrAdmin)</c>). A refusal answers in plain text as the endpoints do:
/// 401 asks for a bearer token, 403 names the roles that may and the caller's.
/// </summary>
public static class RolePolicies
{
    /// <summary>Who reads patient data (coordinators their sites' only): the ODM and CDISC exports, as the cohort views.</summary>
    public static readonly string PatientReaders = Named(Roles.PatientReaders);

    /// <summary>Who imports an EDC's data: coordinators (bound to their sites) and admins.</summary>
    public static readonly string CoordinatorOrAdmin = Named(Roles.Coordinator, Roles.Admin);

    /// <summary>Who exports the audit trail.</summary>
    public static readonly string AuditorOrAdmin = Named(Roles.Auditor, Roles.Admin);

    private static readonly string[][] Policies = [[.. Roles.PatientReaders], [Roles.Coordinator, Roles.Admin], [Roles.Auditor, Roles.Admin]];

    public static IServiceCollection AddRolePolicies(this IServiceCollection services)
    {
        var authorization = services.AddAuthorizationBuilder();
        foreach (var roles in Policies) authorization.AddPolicy(Named(roles), policy => policy.RequireRole(roles));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, Refusal>();
        return services;
    }

    private static string Named(params IReadOnlyList<string> roles) => string.Join(" or ", roles);

    private sealed class Refusal : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler granted = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (authorizeResult.Challenged)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await PlainText.WriteAsync(context, StatusCodes.Status401Unauthorized, "send a bearer token: Authorization: Bearer <token>");
            }
            else if (authorizeResult.Forbidden)
            {
                var allowed = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles);
                var has = context.User.FindAll(TrialMonitorClaims.Role).Select(c => c.Value).ToList();
                await PlainText.WriteAsync(context, StatusCodes.Status403Forbidden, $"{context.Request.Method} {context.Request.Path} needs role {string.Join(" or ", allowed)}; " +
                    $"you have {(has.Count == 0 ? "no role" : "role " + string.Join(", ", has))}");
            }
            else await granted.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
