using System.Collections.Concurrent;
using Marten;

namespace TrialMonitor.Api.Tests.Support;

/// <summary>
/// Base of integration tests whose many cases read one scenario, built once per class on a reset database instead of
/// resetting and rebuilding it for each case (the role matrix has hundreds). A case may write beside the scenario, never
/// change what another case reads of it. xUnit runs the classes of a collection one after another, so no other class
/// resets the database while a class's cases run.
/// </summary>
[Collection(SharedHost.Name)]
public abstract class ScenarioTest<TScenario>(AppFixture app) where TScenario : notnull
{
    private static readonly ConcurrentDictionary<Type, Lazy<Task<object>>> Built = new();

    protected AppFixture App { get; } = app;

    /// <summary>Builds the class's scenario; called once, on a database just reset.</summary>
    protected abstract Task<TScenario> BuildAsync();

    protected async Task<TScenario> Scenario() =>
        (TScenario)await Built.GetOrAdd(GetType(), _ => new Lazy<Task<object>>(ResetAndBuildAsync)).Value;

    private async Task<object> ResetAndBuildAsync()
    {
        // Pauses the async daemon around the reset; deleting under a running daemon breaks its progress.
        await App.Host.ResetAllMartenDataAsync();
        return await BuildAsync();
    }
}
