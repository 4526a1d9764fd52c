using GraphQL;
using GraphQL.Types;
using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Molecular;

namespace TrialMonitor.Api.GraphQL.Schema.Molecular;

/// <summary>A patient's molecular response as <see cref="MolecularEvaluation"/> gives it (the last evaluable result is in results).</summary>
public sealed class MolecularResponseType : RecordGraphType<MolecularResponse>
{
    public MolecularResponseType() : base(r => r.LastEvaluable)
    {
        Description = "ELN-2020's molecular response (Hochhaus 2020; Cross 2015) from the BCR-ABL1 results, as known on a date: "
                      + "the trial's data cut-off, else today (UTC); a replayed chart's on its own date.";
    }

    /// <summary>
    /// Computed when read, never stored (it depends on the date it is known on): a replayed chart's on
    /// its date, the chart as it is now from its entries under its trial's settings on <paramref name="clock"/>'s today.
    /// </summary>
    public static object Resolve(IResolveFieldContext<PatientChart> context, IDocumentStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        var chart = context.Source;
        if (chart.KnownOn is { } knownOn) return MolecularEvaluation.Evaluate(chart.ToCourse().AsOf(knownOn), knownOn);
        var today = ClinicalDates.Today(clock);
        return context.LoadEntries(store, chart).Then(entries => context.LoadTrial(store, chart.TrialId).Then(trial =>
            MolecularEvaluation.Evaluate(PatientChart.CourseOf(chart.Baseline, entries), trial?.Settings ?? ClinicalSettings.PaperDefaults, today)));
    }
}

/// <summary>The level of a result in the names ELN and Cross 2015 give them: MR4, MR4_5 (MR4.5) and MR5 as one word, ABOVE_0_1 for &gt; 0.1 %.</summary>
public sealed class MolecularLevelType : EnumerationGraphType<MolecularLevel>
{
    public MolecularLevelType()
    {
        Name = nameof(MolecularLevel);
        Description = "The depth of one BCR-ABL1 result (% IS) with its ABL1 control copies; NOT_EVALUABLE counts for nothing.";
    }

    // GraphQL.NET's constant case splits letters from digits (MR_4_5), which suits the bands (ABOVE_0_1) only.
    protected override string ChangeEnumCase(string val) =>
        val.StartsWith("Mr", StringComparison.Ordinal) ? val.ToUpperInvariant() : base.ChangeEnumCase(val);
}
