using JasperFx.Events.Projections;
using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Enrolling;

namespace TrialMonitor.Api.Patients.Chart;

public static class PatientCharts
{
    /// <summary>The inline chart projection with the entries it stores, the cache of committed charts it folds into, and their indexes.</summary>
    public static StoreOptions AddPatientCharts(this StoreOptions opts)
    {
        ArgumentNullException.ThrowIfNull(opts);
        var recent = new RecentCharts();
        opts.Projections.Add(new PatientChartProjection(recent), ProjectionLifecycle.Inline, PatientChartProjection.Name,
            rebuild =>
            {
                rebuild.DeleteViewTypeOnTeardown<PatientChart>();
                rebuild.DeleteViewTypeOnTeardown<RecordedEntry>();
            });
        opts.Listeners.Add(new RecentCharts.CommitListener(recent));
        // Numeric revisions, as the chart had when Marten's own aggregation wrote it: its table keeps its shape.
        opts.Schema.For<PatientChart>().UseNumericRevisions(true).Index(c => c.TrialId);
        opts.Schema.For<RecordedEntry>().Index(e => e.PatientId);
        SubjectEnrolment.Index(opts);
        return opts;
    }
}
