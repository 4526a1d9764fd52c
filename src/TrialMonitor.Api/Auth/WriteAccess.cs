using System.Text.Json;
using TrialMonitor.Api.Validation;
using Wolverine;

namespace TrialMonitor.Api.Auth;

/// <summary>
/// Where the sender of a command may write, read by the handlers from the envelope (see
/// <see cref="WriteActor"/>): a coordinator the sites of their token, the server's own writers
/// (sent without the header) and admins everywhere. Checked on the patient's own site as the write
/// model holds it, so every writer (GraphQL, the demo loader, an import) passes the same check.
/// </summary>
public sealed record WriteAccess(IReadOnlyList<string>? Sites)
{
    public const string SitesHeader = "trialmonitor-sites";

    public static WriteAccess Of(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return envelope.Headers.TryGetValue(SitesHeader, out var sites) && sites is not null
            ? new WriteAccess(JsonSerializer.Deserialize<string[]>(sites) ?? [])
            : new WriteAccess((IReadOnlyList<string>?)null);
    }

    public static string Header(IReadOnlyList<string> sites) => JsonSerializer.Serialize(sites);

    public void EnsureCanWrite(string site, string what)
    {
        if (Sites is null || Sites.Contains(site)) return;
        throw new WriteForbiddenException($"{what} is at site {site}; " +
            (Sites.Count == 0 ? "your token names no site" : $"your token's sites are {string.Join(", ", Sites)}") + ".");
    }
}
