using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using TrialMonitor.Api.Commands;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Auth;

/// <summary>
/// The token verb's arguments, read and checked before anything is minted: a role that exists, names (user, sites, trial
/// codes) of 1 to <see cref="MaxNameLength"/> printable characters as the door takes keys, a lifetime between 0 and
/// <see cref="MaxHours"/> hours, a link base that is an http(s) URL. Each refusal names the argument, the value and the limit.
/// </summary>
public sealed record TokenArguments(string Role, IReadOnlyList<string> Sites, IReadOnlyList<string> Trials, string User, double Hours, string? LinkBase)
{
    public const int MaxNameLength = 128;

    /// <summary>A year: a local token, not a credential to keep.</summary>
    public const double MaxHours = 365 * 24;

    private const double DefaultHours = 12;

    private static readonly VerbOption[] Options =
    [
        new("--site", "SITE", Repeatable: true), new("--trial", "CODE", Repeatable: true), new("--user", "NAME"), new("--hours", "N"),
        new("--link", "BASE_URL", ValueOptional: true),
    ];

    public static bool TryRead(IReadOnlyList<string> args, [NotNullWhen(true)] out TokenArguments? read, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(args);
        read = null;
        var roles = string.Join(" | ", Roles.All);
        // The role comes first: without it, "--site X" would be read as the options of a token of no role.
        if (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            problem = $"ROLE missing: give one of {roles}";
            return false;
        }
        if (!VerbArguments.TryRead(args, ["ROLE"], required: 1, Options, out var given, out problem)) return false;
        var role = given["ROLE"]!;
        if (!Roles.All.Contains(role))
        {
            problem = $"ROLE {Quoted.Of(role)} is not a role: give one of {roles}";
            return false;
        }
        var user = given.Value("--user") ?? $"local-{role.Replace('_', '-')}";
        var hoursProblem = HoursProblem(given.Value("--hours"), out var hours);
        var linkProblem = LinkProblem(given.Value("--link"), out var linkBase);
        problem = given.Values("--site").Select(site => NameProblem(site, "--site")).FirstOrDefault(p => p is not null)
                  ?? given.Values("--trial").Select(trial => NameProblem(trial, "--trial")).FirstOrDefault(p => p is not null)
                  ?? NameProblem(user, "--user") ?? hoursProblem ?? linkProblem;
        if (problem is not null) return false;
        read = new TokenArguments(role, given.Values("--site"), given.Values("--trial"), user, hours, linkBase);
        return true;
    }

    private static string? NameProblem(string name, string option) =>
        new FieldChecks().Key(name, option, MaxNameLength).Errors is [var error, ..] ? $"{option} {Quoted.Of(name)}: {error.Reason}" : null;

    private static string? HoursProblem(string? text, out double hours)
    {
        hours = DefaultHours;
        if (text is null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out hours) || double.IsNaN(hours))
            return $"--hours {Quoted.Of(text)} is not a number of hours";
        if (hours <= 0) return $"--hours {text}: a token's lifetime must be positive";
        return hours > MaxHours ? $"--hours {text}: a token's lifetime must be at most {MaxHours:0} hours (a year)" : null;
    }

    /// <param name="text">The value given to --link: null without --link, "" for --link alone (the local API).</param>
    private static string? LinkProblem(string? text, out string? linkBase)
    {
        linkBase = text is "" ? TokenIssuer.DefaultBaseUrl : text;
        if (linkBase is null || Uri.TryCreate(linkBase, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return null;
        return $"--link {Quoted.Of(linkBase)} is not an http(s) URL such as {TokenIssuer.DefaultBaseUrl}";
    }
}
