using System.Text.Json;
using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Tests.Alerts;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Tests.Projections;

public sealed class StoredStateEqualsFullFoldTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Random_histories_written_in_rounds_leave_the_write_model_the_entries_by_key_and_the_chart_a_full_fold_gives()
    {
        var trial = await Bus.Trial();
        var streams = Enumerable.Range(1, 24).Select(n => Guid.NewGuid()).Select((id, n) => (Id: id, Events: RandomCohort.Stream(id, trial, 100 + n))).ToList();
        // In five rounds, so later rounds fold into stored (or kept) state rather than starting from the enrolment.
        for (var round = 0; round < 5; round++)
        {
            await using var session = App.Store.LightweightSession();
            foreach (var (id, events) in streams)
            {
                var (from, to) = (round * events.Count / 5, (round + 1) * events.Count / 5);
                var part = events.Skip(from).Take(to - from).ToArray();
                if (round == 0) session.Events.StartStream<Patient>(id, part);
                else if (part.Length > 0) session.Events.Append(id, to, part);
            }
            await session.SaveChangesAsync();
        }

        await using var query = App.Store.QuerySession();
        var serializer = App.Store.Options.Serializer();
        foreach (var (id, events) in streams)
        {
            var stored = await query.Events.FetchStreamAsync(id);
            PatientChart? folded = null;
            foreach (var e in stored)
            {
                folded = PatientChartFolding.Apply(folded, e);
                folded!.Version = e.Version;
                folded.LastRecordedAt = e.Timestamp;
            }
            folded!.Assessment = PatientEvaluation.Evaluate(folded.ToCourse(), ClinicalSettings.PaperDefaults);
            var chart = await query.LoadAsync<PatientChart>(id) ?? throw new InvalidOperationException($"patient {id} has no chart");
            Assert.Equal(Json(serializer.ToJson(folded) , "LastRecordedAt"), Json(serializer.ToJson(chart), "LastRecordedAt"));
            await ChartEntries.LoadAsync(query, [chart], CancellationToken.None);
            Assert.Equal(folded.Entries, chart.Entries);

            var writeModel = await query.LoadAsync<Patient>(id);
            var live = await query.Events.AggregateStreamAsync<Patient>(id);
            Assert.Equal(live!.DiedOn(), writeModel!.DiedOn());
            Assert.Equal((live.Site, live.EnrolledOn, live.DiagnosedOn, live.TrialId), (writeModel.Site, writeModel.EnrolledOn, writeModel.DiagnosedOn, writeModel.TrialId));

            var recorded = (await query.Query<RecordedEntry>().Where(r => r.PatientId == id).ToListAsync()).ToDictionary(r => r.Entry.EntryKey);
            var entries = stored.Select(e => e.Data).OfType<IPatientEntry>().ToList();
            var voided = stored.Select(e => e.Data).OfType<EntryVoided>().Select(v => v.VoidedEntryKey).ToHashSet();
            Assert.Equal(entries.Select(e => e.EntryKey).Order(), recorded.Keys.Order());
            Assert.All(entries, e => Assert.Equal((e, voided.Contains(e.EntryKey)), (recorded[e.EntryKey].Entry, recorded[e.EntryKey].Voided)));
        }
        // The random histories hold corrections and deaths, so the comparison covers them.
        Assert.Contains(streams, s => s.Events.OfType<EntryVoided>().Any());
        Assert.Contains(streams, s => s.Events.OfType<PatientDied>().Any());
    }

    // The time of a stored event is what PostgreSQL kept (microseconds); the comparison is of what was folded.
    private static string Json(string json, string without)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement.EnumerateObject().Where(p => p.Name != without).ToDictionary(p => p.Name, p => p.Value));
    }
}
