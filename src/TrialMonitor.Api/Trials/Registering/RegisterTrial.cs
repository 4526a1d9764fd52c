using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Clinical.Course;
using Wolverine.Marten;

namespace TrialMonitor.Api.Trials.Registering;

public sealed record RegisterTrial(Guid TrialId, string Code, string Title, IReadOnlyList<string> Sites, ClinicalSettings Settings);

public static class RegisterTrialHandler
{
    public static async Task<(Trial, IStartStream)> Handle(RegisterTrial command, IQuerySession session, CancellationToken ct)
    {
        var checks = new FieldChecks()
            .Require(command.TrialId != Guid.Empty, "trialId", "must not be empty")
            .NotBlank(command.Code, "code")
            .NotBlank(command.Title, "title")
            .Require(command.Sites.Count > 0, "sites", "at least one site is required")
            .Require(command.Sites.All(s => !string.IsNullOrWhiteSpace(s)), "sites", "site codes must not be blank")
            .CriteriaSet(command.Settings.CriteriaSet, "settings.criteriaSet")
            .Between(command.Settings.FishBackgroundCutoffPercent, 0, 100, "settings.fishBackgroundCutoffPercent", "%")
            .Between(command.Settings.AlertGradeThreshold, 1, 5, "settings.alertGradeThreshold");
        if (command.TrialId != Guid.Empty && await session.Events.FetchStreamStateAsync(command.TrialId, ct) is not null)
            checks.Fail("trialId", $"a trial with id {command.TrialId} is already registered");
        checks.ThrowIfAny();

        var registered = new TrialRegistered(command.TrialId, command.Code.Trim(), command.Title.Trim(), command.Sites, command.Settings);
        return (Trial.Create(registered), MartenOps.StartStream<Trial>(command.TrialId, registered));
    }
}
