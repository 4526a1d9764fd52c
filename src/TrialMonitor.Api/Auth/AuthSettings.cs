using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace TrialMonitor.Api.Auth;

/// <summary>
/// The token signing key and issuer, from TrialMonitor:Auth. With no key configured the host refuses to
/// start, unless TrialMonitor:Auth:DevelopmentKey=true (set by ./ops/run, ./ops/test, ./ops/token and the
/// tests, never by default) selects the well-known development key.
/// </summary>
public sealed record AuthSettings(string SigningKey, string Issuer, string Audience, bool IsDevelopmentKey)
{
    public const string Section = "TrialMonitor:Auth";
    public const string DefaultIssuer = "trialmonitor";
    public const string DefaultAudience = "trialmonitor-api";

    /// <summary>Public by design: it signs local tokens only. A production key comes from TrialMonitor:Auth:SigningKey.</summary>
    private const string DevelopmentSigningKey = "trialmonitor-local-development-signing-key-not-for-production";

    public SymmetricSecurityKey SecurityKey => new(Encoding.UTF8.GetBytes(SigningKey));

    public static AuthSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var issuer = section["Issuer"] is { Length: > 0 } configuredIssuer ? configuredIssuer : DefaultIssuer;
        var audience = section["Audience"] is { Length: > 0 } configuredAudience ? configuredAudience : DefaultAudience;
        if (section["SigningKey"] is { Length: > 0 } key)
        {
            // HS256 needs a key of at least 256 bits.
            if (Encoding.UTF8.GetByteCount(key) < 32)
                throw new InvalidOperationException("TrialMonitor:Auth:SigningKey must be at least 32 bytes long.");
            return new AuthSettings(key, issuer, audience, IsDevelopmentKey: false);
        }
        if (section.GetValue<bool>("DevelopmentKey"))
            return new AuthSettings(DevelopmentSigningKey, issuer, audience, IsDevelopmentKey: true);
        throw new InvalidOperationException(
            "No token signing key: set TrialMonitor:Auth:SigningKey (e.g. TrialMonitor__Auth__SigningKey), "
            + "or TrialMonitor:Auth:DevelopmentKey=true to use the public development key locally (./ops/run does).");
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = SecurityKey,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromMinutes(1),
        NameClaimType = TrialMonitorClaims.User,
        RoleClaimType = TrialMonitorClaims.Role,
    };
}
