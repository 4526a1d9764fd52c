using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using TrialMonitor.Api.GraphQL.Transport;

namespace TrialMonitor.Api.Auth;

public static class AuthRegistration
{
    /// <summary>
    /// JWT bearer authentication of every GraphQL request and socket, role enforcement on the schema, and the REST
    /// endpoints' role policies (<see cref="RolePolicies"/>).
    /// Throws (the host does not start) when no signing key is configured; see <see cref="AuthSettings"/>.
    /// </summary>
    public static IServiceCollection AddTrialMonitorAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = AuthSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = settings.ValidationParameters();
            });
        services.AddRolePolicies();
        services.Configure<GraphQLTransportOptions>(options =>
        {
            options.AuthorizeCaller = caller => AuthorizeCallerAsync(caller, settings);
            options.BuildUserContext = caller => ValueTask.FromResult(RequestOrigin.UserContext(caller));
            options.AnswerScope = caller => SiteAccess.AnswerScope(caller.User);
            options.ValidationRules.Add(new RoleAuthorizationRule());
        });
        return services;
    }

    /// <summary>
    /// HTTP requests were authenticated by the JWT middleware; one without a (valid) token goes on to
    /// <see cref="RoleAuthorizationRule"/>, which lets introspection through and refuses the rest as
    /// UNAUTHENTICATED (HTTP 401). A socket sends its token in connection_init as
    /// <c>{ "Authorization": "Bearer ..." }</c> (or on the upgrade request); without one it is closed 4401.
    /// An authenticated caller needs a known role (else 403 / 4403).
    /// </summary>
    private static async ValueTask<bool> AuthorizeCallerAsync(GraphQLCaller caller, AuthSettings settings)
    {
        if (RequestOrigin.PayloadAuthorization(caller) is { } authorization)
        {
            caller.HttpContext.User = await ValidateAsync(authorization, settings);
        }
        if (caller.User.Identity?.IsAuthenticated != true) return !caller.HttpContext.WebSockets.IsWebSocketRequest;
        return Roles.All.Any(caller.User.IsInRole);
    }

    private static async Task<ClaimsPrincipal> ValidateAsync(string authorization, AuthSettings settings)
    {
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return new ClaimsPrincipal(new ClaimsIdentity());
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }
            .ValidateTokenAsync(authorization[scheme.Length..].Trim(), settings.ValidationParameters());
        return result.IsValid ? new ClaimsPrincipal(result.ClaimsIdentity) : new ClaimsPrincipal(new ClaimsIdentity());
    }
}
