using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrialMonitor.Api.Auth;

namespace TrialMonitor.Api.Tests.Support;

/// <summary>Tokens signed with the test host's (development) key.</summary>
public static class TestTokens
{
    /// <summary>The sites of <see cref="Given.Trial"/>.</summary>
    public static readonly string[] AllTestSites = ["MDACC", "SITE-2"];

    /// <summary>
    /// What a test sends unless it says otherwise: every role, coordinator at both test sites, so tests of
    /// other behaviour are not about authorization (tests/…/Auth is).
    /// </summary>
    public static string Everyone(this AppFixture app) => app.Token("test-user", Roles.All, AllTestSites);

    public static string Token(this AppFixture app, string user, IEnumerable<string> roles, IEnumerable<string>? sites = null,
        IEnumerable<string>? trials = null) =>
        TokenIssuer.Mint(app.Host.Services.GetRequiredService<AuthSettings>(), user, roles, sites, trials: trials);

    /// <summary>The principal the JWT middleware would make of such a token, for executing on the schema directly.</summary>
    public static ClaimsPrincipal Principal(string user, IEnumerable<string> roles, IEnumerable<string>? sites = null)
    {
        var claims = new List<Claim> { new(TrialMonitorClaims.User, user) };
        claims.AddRange(roles.Select(role => new Claim(TrialMonitorClaims.Role, role)));
        claims.AddRange((sites ?? []).Select(site => new Claim(TrialMonitorClaims.Site, site)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", TrialMonitorClaims.User, TrialMonitorClaims.Role));
    }

    public static ClaimsPrincipal EveryonePrincipal => Principal("test-user", Roles.All, AllTestSites);

    /// <summary>The development key's settings, for API processes started with TrialMonitor__Auth__DevelopmentKey=true.</summary>
    public static AuthSettings Development { get; } = AuthSettings.From(new ConfigurationBuilder()
        .AddInMemoryCollection([new("TrialMonitor:Auth:DevelopmentKey", "true")]).Build());

    public static string DevelopmentToken(string user, IEnumerable<string> roles, IEnumerable<string>? sites = null) =>
        TokenIssuer.Mint(Development, user, roles, sites);
}
