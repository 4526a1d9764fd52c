using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TrialMonitor.Api.Commands;

namespace TrialMonitor.Api.Auth;

/// <summary>Mints tokens for local use (./ops/token, ./ops/run) and tests; production tokens come from the identity provider.</summary>
public static class TokenIssuer
{
    /// <summary>Where ./ops/run serves the API.</summary>
    public const string DefaultBaseUrl = "http://127.0.0.1:5080";

    public const string Usage = "usage: token ROLE [--site SITE]... [--trial CODE]... [--user NAME] [--hours N] [--link [BASE_URL]]   "
        + "(ROLE: coordinator | safety_monitor | auditor | admin | lab; BASE_URL default " + DefaultBaseUrl + ")";

    public static readonly ProcessCommand Command = new("token", Usage,
        "Prints a token for the local API (./ops/token). It is the last line, signed with TrialMonitor__Auth__SigningKey or the development key; "
        + "--hours its lifetime (default 12); with --link, a link that opens the trial pages signed in with it. Exits 0, or 2 on bad arguments.",
        CommandHost.Configuration,
        (services, args, output, error, _) => Task.FromResult(Run(args, services.GetRequiredService<IConfiguration>(), output, error)));

    /// <exception cref="ArgumentOutOfRangeException">The lifetime is not positive: the token would be expired when minted.</exception>

    public static string Mint(AuthSettings settings, string user, IEnumerable<string> roles, IEnumerable<string>? sites = null,
        TimeSpan? lifetime = null, IEnumerable<string>? trials = null)
    {
        if (lifetime is { } given) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(given, TimeSpan.Zero, nameof(lifetime));
        var claims = new List<Claim> { new(TrialMonitorClaims.User, user) };
        claims.AddRange(roles.Select(role => new Claim(TrialMonitorClaims.Role, role)));
        claims.AddRange((sites ?? []).Select(site => new Claim(TrialMonitorClaims.Site, site)));
        claims.AddRange((trials ?? []).Select(trial => new Claim(TrialMonitorClaims.Trial, trial)));
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(12)),
            SigningCredentials = new SigningCredentials(settings.SecurityKey, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>
    /// <c>token ROLE [--site SITE]... [--trial CODE]... [--user NAME] [--hours N] [--link [BASE_URL]]</c>: prints a token as the last line;
    /// with --link, a link that opens the trial pages signed in with it (the token after #, never sent to a server log).
    /// </summary>
    /// <returns>The process exit code.</returns>
    public static int Run(IReadOnlyList<string> args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!TokenArguments.TryRead(args, out var read, out var problem))
        {
            error.WriteLine(problem);
            error.WriteLine(Usage);
            return ProcessCommand.BadArguments;
        }
        var (role, sites, trials) = (read.Role, read.Sites, read.Trials);
        if (role == Roles.Coordinator && sites.Count == 0)
            error.WriteLine("note: a coordinator without --site may read and write no patient");
        if (role == Roles.Lab && trials.Count == 0)
            error.WriteLine("note: a lab without --trial may send results for no patient");
        var settings = AuthSettings.From(configuration);
        var token = Mint(settings, read.User, [role], sites, TimeSpan.FromHours(read.Hours), trials);
        output.WriteLine(read.LinkBase is null ? token : $"{read.LinkBase.TrimEnd('/')}/app#token={token}");
        return 0;
    }
}
