using System.Diagnostics;
using System.Net.WebSockets;

namespace TrialMonitor.Api.Tests.GraphQL.Transport;

[Collection(SharedTransportHost.Name)]
public sealed class WebSocketTransportTests(TransportHost host)
{
    [Fact]
    public async Task Connection_init_is_acknowledged_on_the_graphql_transport_ws_subprotocol()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);

        Assert.Equal(WsTestClient.SubProtocol, client.SubProtocolChosen);
    }

    [Fact]
    public async Task Ping_is_answered_with_pong_echoing_its_payload_and_pong_is_accepted()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);

        await client.SendAsync("""{"type":"pong"}""");
        await client.SendAsync("""{"type":"ping","payload":{"at":42}}""");
        var pong = await client.ReceiveAsync();
        await client.SendAsync("""{"type":"ping"}""");
        var bare = await client.ReceiveAsync();

        Assert.Equal("pong", pong.GetProperty("type").GetString());
        Assert.Equal(42, pong.GetProperty("payload").GetProperty("at").GetInt32());
        Assert.Equal("pong", bare.GetProperty("type").GetString());
        Assert.False(bare.TryGetProperty("payload", out _));
    }

    [Fact]
    public async Task Ping_before_connection_init_is_answered_too()
    {
        await using var client = await WsTestClient.ConnectAsync(host.WebSocketUri);

        await client.SendAsync("""{"type":"ping"}""");

        Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Plus_signs_come_back_literally_in_socket_messages()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);

        await client.SubscribeAsync("p1", """{ hello(name: "CR/6+") }""");
        var next = await client.ReceiveAsync();

        Assert.Contains("\"Hello, CR/6+\"", next.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002B", next.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_over_subscribe_sends_one_next_then_complete()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);

        await client.SendAsync("""
            {"id":"q1","type":"subscribe","payload":{"query":"query($name: String) { hello(name: $name) }","variables":{"name":"Ada"}}}
            """);
        var next = await client.ReceiveAsync();
        var complete = await client.ReceiveAsync();

        Assert.Equal("next", next.GetProperty("type").GetString());
        Assert.Equal("q1", next.GetProperty("id").GetString());
        Assert.Equal("Hello, Ada", next.GetProperty("payload").GetProperty("data").GetProperty("hello").GetString());
        Assert.Equal("complete", complete.GetProperty("type").GetString());
        Assert.Equal("q1", complete.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Mutation_over_subscribe_sends_one_next_then_complete()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);

        await client.SubscribeAsync("m1", "mutation { increment }");
        var next = await client.ReceiveAsync();

        Assert.True(next.GetProperty("payload").GetProperty("data").GetProperty("increment").GetInt32() > 0);
        Assert.Equal("complete", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Subscription_streams_each_published_event_and_completes_with_its_source()
    {
        var topic = host.Events.Topic(nameof(Subscription_streams_each_published_event_and_completes_with_its_source));
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);

        await client.SubscribeAsync("s1", $$"""subscription { ticks(topic: "{{nameof(Subscription_streams_each_published_event_and_completes_with_its_source)}}") }""");
        await topic.WhenSubscribers(1);
        topic.Publish("first");
        topic.Publish("second");
        var first = await client.ReceiveAsync();
        var second = await client.ReceiveAsync();
        topic.Complete();
        var complete = await client.ReceiveAsync();

        Assert.Equal("first", first.GetProperty("payload").GetProperty("data").GetProperty("ticks").GetString());
        Assert.Equal("s1", first.GetProperty("id").GetString());
        Assert.Equal("second", second.GetProperty("payload").GetProperty("data").GetProperty("ticks").GetString());
        Assert.Equal("complete", complete.GetProperty("type").GetString());
        Assert.Equal("s1", complete.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Client_complete_unsubscribes_and_nothing_more_is_sent_for_that_id_which_can_then_be_reused()
    {
        const string name = nameof(Client_complete_unsubscribes_and_nothing_more_is_sent_for_that_id_which_can_then_be_reused);
        var topic = host.Events.Topic(name);
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);
        await client.SubscribeAsync("s1", $$"""subscription { ticks(topic: "{{name}}") }""");
        await topic.WhenSubscribers(1);

        await client.SendAsync("""{"id":"s1","type":"complete"}""");
        await topic.WhenSubscribers(0);
        topic.Publish("too late");
        await client.SendAsync("""{"type":"ping"}""");
        var afterComplete = await client.ReceiveAsync();
        await client.SubscribeAsync("s1", $$"""subscription { ticks(topic: "{{name}}") }""");
        await topic.WhenSubscribers(1);
        topic.Publish("again");
        var reused = await client.ReceiveAsync();

        Assert.Equal("pong", afterComplete.GetProperty("type").GetString());
        Assert.Equal("again", reused.GetProperty("payload").GetProperty("data").GetProperty("ticks").GetString());
    }

    [Fact]
    public async Task Many_publishers_at_once_deliver_every_event_whole()
    {
        const string name = nameof(Many_publishers_at_once_deliver_every_event_whole);
        var topic = host.Events.Topic(name);
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);
        await client.SubscribeAsync("s1", $$"""subscription { ticks(topic: "{{name}}") }""");
        await topic.WhenSubscribers(1);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(publisher => Task.Run(() =>
        {
            for (var i = 0; i < 25; i++) topic.Publish($"{publisher}-{i}");
        })));
        var received = new HashSet<string>();
        for (var i = 0; i < 200; i++)
        {
            received.Add((await client.ReceiveAsync()).GetProperty("payload").GetProperty("data").GetProperty("ticks").GetString()!);
        }

        Assert.Equal(200, received.Count);
    }

    [Fact]
    public async Task Validation_failure_sends_an_error_message_with_codes_and_no_complete()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);

        await client.SubscribeAsync("bad", "{ nope }");
        var error = await client.ReceiveAsync();
        await client.SendAsync("""{"type":"ping"}""");
        var next = await client.ReceiveAsync();

        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("bad", error.GetProperty("id").GetString());
        Assert.Equal("FIELDS_ON_CORRECT_TYPE",
            Assert.Single(error.GetProperty("payload").EnumerateArray()).GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("pong", next.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Syntax_error_sends_an_error_message()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);

        await client.SubscribeAsync("bad", "{");
        var error = await client.ReceiveAsync();

        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("SYNTAX_ERROR", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Resolver_exceptions_over_the_socket_are_hidden_or_mapped_like_over_http()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);

        await client.SubscribeAsync("q", "{ boom refused }");
        var next = await client.ReceiveAsync();

        var raw = next.GetRawText();
        Assert.DoesNotContain("hunter2", raw, StringComparison.Ordinal);
        var codes = next.GetProperty("payload").GetProperty("errors").EnumerateArray()
            .Select(error => error.GetProperty("extensions").GetProperty("code").GetString()).ToList();
        Assert.Equal(["INTERNAL_SERVER_ERROR", "BAD_USER_INPUT", "BAD_USER_INPUT"], codes.Order().Reverse().ToList());
    }

    [Fact]
    public async Task Exception_resolving_an_event_is_sent_as_an_internal_error_in_next()
    {
        const string name = nameof(Exception_resolving_an_event_is_sent_as_an_internal_error_in_next);
        var topic = host.Events.Topic(name);
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);
        await client.SubscribeAsync("s", $$"""subscription { refusedTicks(topic: "{{name}}") }""");
        await topic.WhenSubscribers(1);

        topic.Publish("x");
        var next = await client.ReceiveAsync();

        Assert.DoesNotContain("hunter2", next.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("INTERNAL_SERVER_ERROR",
            next.GetProperty("payload").GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Source_stream_failure_is_sent_without_its_message()
    {
        const string name = nameof(Source_stream_failure_is_sent_without_its_message);
        var topic = host.Events.Topic(name);
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);
        await client.SubscribeAsync("s", $$"""subscription { ticks(topic: "{{name}}") }""");
        await topic.WhenSubscribers(1);

        topic.Fail(new InvalidOperationException(TestQuery.SecretMessage));
        var message = await client.ReceiveAsync();
        await client.SendAsync("""{"type":"ping"}""");

        Assert.Equal("error", message.GetProperty("type").GetString());
        Assert.DoesNotContain("hunter2", message.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("INTERNAL_SERVER_ERROR", message.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Operations_run_as_the_upgrade_requests_user_with_the_built_user_context()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri, user: "monitor-9");

        await client.SubscribeAsync("q", "{ userName fromUserContext }");
        var data = (await client.ReceiveAsync()).GetProperty("payload").GetProperty("data");

        Assert.Equal("monitor-9", data.GetProperty("userName").GetString());
        Assert.Equal("hello from /graphql", data.GetProperty("fromUserContext").GetString());
    }

    [Fact]
    public async Task Closing_the_socket_unsubscribes_its_streams()
    {
        const string name = nameof(Closing_the_socket_unsubscribes_its_streams);
        var topic = host.Events.Topic(name);
        var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);
        await client.SubscribeAsync("a", $$"""subscription { ticks(topic: "{{name}}") }""");
        await client.SubscribeAsync("b", $$"""subscription { ticks(topic: "{{name}}") }""");
        await topic.WhenSubscribers(2);

        await client.CloseAsync();
        await client.DisposeAsync();

        await topic.WhenSubscribers(0);
    }

    [Fact]
    public async Task Subscribes_beyond_the_per_socket_limit_get_an_error_message()
    {
        const string name = nameof(Subscribes_beyond_the_per_socket_limit_get_an_error_message);
        var topic = host.Events.Topic(name);
        await using var client = await WsTestClient.ConnectAndInitAsync(host.TightWebSocketUri);
        for (var i = 0; i < TransportHost.TightMaxOperations; i++)
        {
            await client.SubscribeAsync($"s{i}", $$"""subscription { ticks(topic: "{{name}}") }""");
        }
        await topic.WhenSubscribers(TransportHost.TightMaxOperations);

        await client.SubscribeAsync("one-too-many", $$"""subscription { ticks(topic: "{{name}}") }""");
        var error = await client.ReceiveAsync();

        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("one-too-many", error.GetProperty("id").GetString());
        Assert.Equal("TOO_MANY_OPERATIONS", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"payload":{}}""")]
    [InlineData("""{"type":"bogus"}""")]
    [InlineData("""{"type":"next","id":"1","payload":{}}""")]
    [InlineData("""{"type":"connection_init","payload":"token"}""")]
    public async Task Invalid_message_closes_4400(string message)
    {
        await using var client = await WsTestClient.ConnectAsync(host.WebSocketUri);

        await client.SendAsync(message);

        Assert.Equal(4400, (await client.ReceiveCloseAsync()).Code);
    }

    [Theory]
    [InlineData("""{"type":"subscribe","payload":{"query":"{ hello }"}}""")]
    [InlineData("""{"id":"","type":"subscribe","payload":{"query":"{ hello }"}}""")]
    [InlineData("""{"id":"1","type":"subscribe"}""")]
    [InlineData("""{"id":"1","type":"subscribe","payload":{"query":7}}""")]
    [InlineData("""{"id":"1","type":"subscribe","payload":{"query":"{ hello }","variables":[1]}}""")]
    [InlineData("""{"type":"complete"}""")]
    public async Task Invalid_operation_message_after_ack_closes_4400(string message)
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);

        await client.SendAsync(message);

        Assert.Equal(4400, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Subscribe_before_acknowledgement_closes_4401_unauthorized()
    {
        await using var client = await WsTestClient.ConnectAsync(host.WebSocketUri);

        await client.SubscribeAsync("1", "{ hello }");

        Assert.Equal((4401, "Unauthorized"), await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Authenticated_connection_refused_by_the_authorization_hook_closes_4403_forbidden()
    {
        await using var client = await WsTestClient.ConnectAsync(host.WebSocketUri, user: "ada");

        await client.SendAsync("""{"type":"connection_init","payload":{"deny":true}}""");

        Assert.Equal((4403, "Forbidden"), await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Unauthenticated_connection_refused_by_the_authorization_hook_closes_4401_unauthorized()
    {
        await using var client = await WsTestClient.ConnectAsync(host.WebSocketUri);

        await client.SendAsync("""{"type":"connection_init","payload":{"deny":true}}""");

        Assert.Equal((4401, "Unauthorized"), await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task No_connection_init_within_the_wait_timeout_closes_4408()
    {
        await using var client = await WsTestClient.ConnectAsync(host.InitTimeoutWebSocketUri);

        Assert.Equal((4408, "Connection initialisation timeout"), await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Connection_init_in_time_is_not_closed_by_the_wait_timeout()
    {
        var connecting = Stopwatch.StartNew();
        await using var client = await WsTestClient.ConnectAndInitAsync(host.InitTimeoutWebSocketUri);
        var topic = host.Events.Topic(nameof(Connection_init_in_time_is_not_closed_by_the_wait_timeout));
        await client.SubscribeAsync("s", $$"""subscription { ticks(topic: "{{nameof(Connection_init_in_time_is_not_closed_by_the_wait_timeout)}}") }""");
        await topic.WhenSubscribers(1);

        // Here the passing of time is what is under test, not work to wait for: twice the wait since connecting.
        var remaining = (TransportHost.ShortInitTimeout * 2) - connecting.Elapsed;
        if (remaining > TimeSpan.Zero) await Task.Delay(remaining);
        topic.Publish("still open");

        Assert.Equal("still open", (await client.ReceiveAsync()).GetProperty("payload").GetProperty("data").GetProperty("ticks").GetString());
    }

    [Fact]
    public async Task Duplicate_id_of_an_active_subscription_closes_4409()
    {
        const string name = nameof(Duplicate_id_of_an_active_subscription_closes_4409);
        var topic = host.Events.Topic(name);
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);
        await client.SubscribeAsync("dup", $$"""subscription { ticks(topic: "{{name}}") }""");
        await topic.WhenSubscribers(1);

        await client.SubscribeAsync("dup", $$"""subscription { ticks(topic: "{{name}}") }""");

        Assert.Equal((4409, "Subscriber for dup already exists"), await client.ReceiveCloseAsync());
        await topic.WhenSubscribers(0);
    }

    [Fact]
    public async Task Second_connection_init_closes_4429()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);

        await client.SendAsync("""{"type":"connection_init"}""");

        Assert.Equal((4429, "Too many initialisation requests"), await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Missing_subprotocol_is_accepted_then_closed_4406_as_graphql_ws_does()
    {
        await using var client = await WsTestClient.ConnectAsync(host.WebSocketUri, subProtocol: null);

        Assert.Equal((4406, "Subprotocol not acceptable"), await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Other_subprotocol_is_not_chosen_and_closed_4406()
    {
        await using var client = await WsTestClient.ConnectAsync(host.WebSocketUri, subProtocol: "graphql-ws");

        Assert.Null(client.SubProtocolChosen);
        Assert.Equal(4406, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Message_over_the_size_limit_closes_1009()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(host.TightWebSocketUri);

        await client.SubscribeAsync("big", "{ hello }" + new string(' ', TransportHost.TightMaxRequestBytes));

        Assert.Equal((int)WebSocketCloseStatus.MessageTooBig, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Protocol_violation_unsubscribes_the_sockets_streams()
    {
        const string name = nameof(Protocol_violation_unsubscribes_the_sockets_streams);
        var topic = host.Events.Topic(name);
        await using var client = await WsTestClient.ConnectAndInitAsync(host.WebSocketUri);
        await client.SubscribeAsync("s", $$"""subscription { ticks(topic: "{{name}}") }""");
        await topic.WhenSubscribers(1);

        await client.SendAsync("garbage");

        Assert.Equal(4400, (await client.ReceiveCloseAsync()).Code);
        await topic.WhenSubscribers(0);
    }
}
