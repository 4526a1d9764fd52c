using Marten;
using Npgsql;
using TrialMonitor.Api.Audit.Chain;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Audit;

public sealed class AuditChainTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Every_appended_event_is_chained_and_the_chain_verifies()
    {
        var trial = await Bus.Trial();
        var patient = await Bus.EnrolledPatient(trial);
        await Bus.RecordCourseWithCorrection(patient);

        var result = await Verify(patient);

        Assert.True(result.Intact, result.ToString());
        Assert.Equal(await EventCount(patient), result.CheckedEvents);
        var chain = await Load<AuditChain>(patient);
        Assert.Equal(chain!.Head, result.HeadHash);
        Assert.Empty(chain.Links);
        Assert.Equal(Enumerable.Range(1, result.CheckedEvents).Select(v => (long)v), (await LinksOf(patient)).Select(l => l.Version));
        Assert.True((await Verify(trial)).Intact);
    }

    [Fact]
    public async Task A_long_stream_is_chained_link_by_link_and_an_edited_link_is_caught()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await using (var session = App.Store.LightweightSession())
        {
            var stream = await session.Events.FetchForWriting<Patient>(patient);
            stream.AppendMany(Enumerable.Range(0, 600)
                .Select(i => (object)new FollowUpContactRecorded(patient, $"CONTACT-{i}", Given.EnrolledOn.AddDays(i))).ToArray());
            await session.SaveChangesAsync();
        }
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new FollowUpContactRecorded(patient, "CONTACT-LAST", new DateOnly(2002, 1, 1))), TestWriter.AllSites);

        var result = await Verify(patient);
        Assert.True(result.Intact, result.ToString());
        Assert.Equal(602, result.CheckedEvents);
        Assert.Equal(602, (await LinksOf(patient)).Count);
        // The head stays one small document however long the stream grows.
        Assert.True(await Scalar<int>($"select pg_column_size(data) from trialmonitor.mt_doc_auditchain where id = '{patient}'") < 512);

        await Sql($"""
            update trialmonitor.mt_doc_chainlink set data = jsonb_set(data, '{"{Hash}"}', to_jsonb(repeat('0', 64)))
            where data ->> 'StreamId' = '{patient}' and (data ->> 'Version')::int = 377
            """);
        var edited = await Verify(patient);
        Assert.False(edited.Intact);
        Assert.Equal(377, edited.FirstBrokenVersion);
        Assert.Equal(376, edited.CheckedEvents);
        Assert.Contains("no longer matches its hash", edited.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_kept_in_one_document_still_verifies_and_moves_out_on_the_next_append()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.RecordCourseWithCorrection(patient);
        // The chain as it was stored before links were one per event: every link inside the chain document.
        await Sql($"""
            update trialmonitor.mt_doc_auditchain set data = jsonb_set(data, '{"{Links}"}', (
              select jsonb_agg(jsonb_build_object('Version', (l.data -> 'Version'), 'EventId', (l.data -> 'Id'), 'Hash', (l.data -> 'Hash'))
                               order by (l.data ->> 'Version')::int)
              from trialmonitor.mt_doc_chainlink l where l.data ->> 'StreamId' = '{patient}'))
            where id = '{patient}';
            delete from trialmonitor.mt_doc_chainlink where data ->> 'StreamId' = '{patient}';
            """);
        Assert.Equal(7, (await Load<AuditChain>(patient))!.Links.Count);
        Assert.True((await Verify(patient)).Intact);

        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new FollowUpContactRecorded(patient, "CONTACT-AFTER", new DateOnly(2002, 1, 1))), TestWriter.AllSites);

        var result = await Verify(patient);
        Assert.True(result.Intact, result.ToString());
        Assert.Equal(8, result.CheckedEvents);
        Assert.Empty((await Load<AuditChain>(patient))!.Links);
        Assert.Equal(8, (await LinksOf(patient)).Count);
    }

    [Fact]
    public async Task An_edited_event_breaks_the_chain_at_its_version()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.RecordCourseWithCorrection(patient);

        // A Ph+ of 30 % quietly becomes 3 %, straight in the database.
        await Sql($"""
            update trialmonitor.mt_events set data = jsonb_set(data, '{"{Cytogenetics,PhPositivePercent}"}', '3')
            where stream_id = '{patient}' and version = 5
            """);

        var result = await Verify(patient);
        Assert.False(result.Intact);
        Assert.Equal(5, result.FirstBrokenVersion);
        Assert.Equal(4, result.CheckedEvents);
        Assert.Contains("no longer matches its hash", result.Reason, StringComparison.Ordinal);
        Assert.Equal(await EventId(patient, 5), result.EventId);
    }

    [Fact]
    public async Task An_edited_header_or_timestamp_breaks_the_chain()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.RecordCourseWithCorrection(patient);

        await Sql($"""update trialmonitor.mt_events set headers = jsonb_set(headers, '{"{user}"}', '"someone-else"') where stream_id = '{patient}' and version = 3""");
        Assert.Equal(3, (await Verify(patient)).FirstBrokenVersion);

        await Sql($"update trialmonitor.mt_events set headers = jsonb_set(headers, '{{user}}', '\"{AuditScenario.Coordinator}\"') where stream_id = '{patient}' and version = 3");
        Assert.True((await Verify(patient)).Intact, "restoring the header restores the chain");

        await Sql($"update trialmonitor.mt_events set timestamp = timestamp - interval '1 day' where stream_id = '{patient}' and version = 2");
        Assert.Equal(2, (await Verify(patient)).FirstBrokenVersion);
    }

    [Fact]
    public async Task A_deleted_event_is_named_by_its_version()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.RecordCourseWithCorrection(patient);
        var deleted = await EventId(patient, 6);

        await Sql($"delete from trialmonitor.mt_events where stream_id = '{patient}' and version = 6");

        var result = await Verify(patient);
        Assert.False(result.Intact);
        Assert.Equal(6, result.FirstBrokenVersion);
        Assert.Equal(deleted, result.EventId);
        Assert.Contains("missing", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_last_event_is_caught_too()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.RecordCourseWithCorrection(patient);

        await Sql($"delete from trialmonitor.mt_events where stream_id = '{patient}' and version = 7");

        var result = await Verify(patient);
        Assert.Equal(7, result.FirstBrokenVersion);
        Assert.Contains("deleted", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reordered_events_break_the_chain_at_the_first_moved_version()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.RecordCourseWithCorrection(patient);

        // Swap versions 3 and 4 (through a free version, the pair is unique).
        await Sql($"""
            update trialmonitor.mt_events set version = -4 where stream_id = '{patient}' and version = 4;
            update trialmonitor.mt_events set version = 4 where stream_id = '{patient}' and version = 3;
            update trialmonitor.mt_events set version = 3 where stream_id = '{patient}' and version = -4;
            """);

        var result = await Verify(patient);
        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenVersion);
        Assert.Contains("reordered", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trial_verification_checks_every_patient_and_names_the_broken_one()
    {
        var trial = await Bus.Trial();
        var first = await Bus.EnrolledPatient(trial, "001");
        var second = await Bus.EnrolledPatient(trial, "002");
        await Bus.RecordCourseWithCorrection(first);
        await Bus.RecordCourseWithCorrection(second);
        await using (var session = App.Store.QuerySession())
        {
            var intact = await AuditChainVerifier.VerifyTrialAsync(session, trial);
            Assert.True(intact.Intact);
            Assert.Equal(3, intact.CheckedStreams);
            Assert.Equal(1 + 7 + 7, intact.CheckedEvents);
        }

        await Sql($"""update trialmonitor.mt_events set data = jsonb_set(data, '{"{Dose,DailyDoseMg}"}', '600') where stream_id = '{second}' and version = 4""");

        await using var after = App.Store.QuerySession();
        var broken = await AuditChainVerifier.VerifyTrialAsync(after, trial);
        Assert.False(broken.Intact);
        Assert.Equal(second, broken.FirstBroken!.StreamId);
        Assert.Equal(4, broken.FirstBroken.FirstBrokenVersion);
    }

    private async Task<ChainVerification> Verify(Guid stream)
    {
        await using var session = App.Store.QuerySession();
        return await AuditChainVerifier.VerifyStreamAsync(session, stream);
    }

    private async Task<IReadOnlyList<ChainLink>> LinksOf(Guid stream)
    {
        await using var session = App.Store.QuerySession();
        return await session.Query<ChainLink>().Where(l => l.StreamId == stream).OrderBy(l => l.Version).ToListAsync();
    }

    private static async Task<T> Scalar<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("TRIALMONITOR_DB"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<Guid> EventId(Guid stream, long version)
    {
        await using var session = App.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(stream);
        return events.Single(e => e.Version == version).Id;
    }

    private static async Task Sql(string sql)
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("TRIALMONITOR_DB"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
