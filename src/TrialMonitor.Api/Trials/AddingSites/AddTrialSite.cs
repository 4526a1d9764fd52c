using Marten;
using TrialMonitor.Api.Door;

namespace TrialMonitor.Api.Trials.AddingSites;

/// <summary>Opens a further site of a registered trial; coordinators can then enrol patients there.</summary>
public sealed record AddTrialSite(Guid TrialId, string Site);

public static class AddTrialSiteHandler
{
    public static async Task<Trial> Handle(AddTrialSite command, IDocumentSession session, CancellationToken ct)
    {
        var checks = new FieldChecks().NotBlank(command.Site, "site");
        var stream = await session.Events.FetchForWriting<Trial>(command.TrialId, ct);
        var trial = stream.Aggregate;
        if (trial is null)
            checks.Fail("trialId", $"no trial is registered with id {command.TrialId}");
        var site = command.Site?.Trim() ?? "";
        if (trial is not null && site.Length > 0 && trial.Sites.Contains(site, StringComparer.OrdinalIgnoreCase))
            checks.Fail("site", $"'{site}' is already a site of this trial");
        checks.ThrowIfAny();

        var added = new TrialSiteAdded(command.TrialId, site);
        stream.AppendOne(added);
        var updated = trial!.Apply(added);
        updated.Version = trial.Version + 1;
        return updated;
    }
}
