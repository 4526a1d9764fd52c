using System.Text.Json;
using Wolverine;

namespace TrialMonitor.Api.Door;

/// <summary>
/// Where the sender of a patient command may write, which every writer states (<see cref="WriteActor"/>) and the
/// handlers read from the envelope: a coordinator the sites of their token; admins and the server's own writers (the
/// demo loader, the command-line import, the benchmarks) every site, which they say with <see cref="AllSites"/>. A
/// command that states no scope is refused: a writer that forgets it writes nowhere, not everywhere. Checked on the
/// patient's own site as the write model holds it, so every writer passes the same check.
/// </summary>
public sealed class WriteScope
{
    public const string Header = "trialmonitor-sites";
    private const string Everywhere = "*";

    private WriteScope(IReadOnlyList<string>? sites) => Sites = sites;

    /// <summary>The sites written to, or null for every site.</summary>
    public IReadOnlyList<string>? Sites { get; }

    public static WriteScope AllSites { get; } = new(null);

    public static WriteScope Of(IEnumerable<string> sites) => new([.. sites]);

    /// <summary>The scope the command was sent with; refused (nothing is written) when it states none.</summary>
    public static WriteScope Of(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (!envelope.Headers.TryGetValue(Header, out var value) || value is null)
            throw new WriteForbiddenException($"The command states no site scope (the {Header} header); a writer must say where it may write.");
        return value == Everywhere ? AllSites : new WriteScope(JsonSerializer.Deserialize<string[]>(value) ?? []);
    }

    public string HeaderValue => Sites is null ? Everywhere : JsonSerializer.Serialize(Sites);

    public void EnsureCanWrite(string site, string what)
    {
        if (Sites is null || Sites.Contains(site)) return;
        throw new WriteForbiddenException($"{what} is at site {site}; " +
            (Sites.Count == 0 ? "your token names no site" : $"your token's sites are {string.Join(", ", Sites)}") + ".");
    }
}
