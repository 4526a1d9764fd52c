using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TrialMonitor.Api.Tests.GraphQL.Transport;

[Collection(SharedTransportHost.Name)]
public sealed class HttpTransportTests(TransportHost host)
{
    private const string GraphQLResponse = "application/graphql-response+json";
    private const string Json = "application/json";

    [Fact]
    public async Task Post_query_answers_200_with_data_as_graphql_response_json_by_default()
    {
        var response = await Post("""{"query":"{ hello }"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(GraphQLResponse, response.MediaType);
        Assert.Equal("Hello, world", response.Body.GetProperty("data").GetProperty("hello").GetString());
        Assert.False(response.Body.TryGetProperty("errors", out _));
    }

    [Theory]
    [InlineData(Json, Json)]
    [InlineData("application/graphql-response+json, application/json;q=0.9", GraphQLResponse)]
    [InlineData("application/graphql-response+json;q=0.5, application/json", Json)]
    [InlineData("*/*", GraphQLResponse)]
    [InlineData("application/*", GraphQLResponse)]
    [InlineData("text/html, application/json;q=0.1", Json)]
    public async Task Accept_header_chooses_the_response_media_type(string accept, string expected)
    {
        var response = await Post("""{"query":"{ hello }"}""", accept: accept);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(expected, response.MediaType);
        Assert.Equal("utf-8", response.Charset);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml, text/plain")]
    [InlineData("application/json;q=0")]
    public async Task Accept_header_allowing_neither_type_answers_406(string accept)
    {
        var response = await Post("""{"query":"{ hello }"}""", accept: accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.Status);
        Assert.Equal("NOT_ACCEPTABLE", SingleErrorCode(response));
    }

    [Fact]
    public async Task Get_query_with_variables_and_operation_name_runs_the_named_operation()
    {
        var query = Uri.EscapeDataString("query A { hello } query B($name: String) { hello(name: $name) }");
        var variables = Uri.EscapeDataString("""{"name":"Ada"}""");

        var response = await Get($"?query={query}&operationName=B&variables={variables}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Hello, Ada", response.Body.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Post_with_variables_and_operation_name_runs_the_named_operation()
    {
        var response = await Post("""
            {"query":"query A { hello } query B($name: String) { hello(name: $name) }",
             "operationName":"B","variables":{"name":"Grace"},"extensions":{"any":"thing"}}
            """);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Hello, Grace", response.Body.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Mutation_over_post_runs()
    {
        var response = await Post("""{"query":"mutation { increment }"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.Body.GetProperty("data").GetProperty("increment").GetInt32() > 0);
    }

    [Fact]
    public async Task Mutation_over_get_answers_405_with_allow_post_and_does_not_run()
    {
        var response = await Get("?query=" + Uri.EscapeDataString("mutation { increment }"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal(["POST"], response.Allow);
        Assert.Equal("METHOD_NOT_ALLOWED", SingleErrorCode(response));
        Assert.False(response.Body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Get_selects_the_mutation_by_operation_name_before_refusing_it()
    {
        var query = Uri.EscapeDataString("query Q { hello } mutation M { increment }");

        Assert.Equal(HttpStatusCode.OK, (await Get($"?query={query}&operationName=Q")).Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await Get($"?query={query}&operationName=M")).Status);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Other_methods_answer_405_with_allow_get_and_post(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), host.HttpUri)
        {
            Content = new StringContent("""{"query":"{ hello }"}""", Encoding.UTF8, Json),
        };

        var response = await Send(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal(["GET", "POST"], response.Allow);
        Assert.Equal("METHOD_NOT_ALLOWED", SingleErrorCode(response));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/graphql")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    [InlineData(null)]
    public async Task Unsupported_content_type_answers_415(string? contentType)
    {
        var response = await Post("""{"query":"{ hello }"}""", contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", SingleErrorCode(response));
    }

    [Fact]
    public async Task Body_over_the_size_limit_answers_413()
    {
        var padding = new string(' ', TransportHost.TightMaxRequestBytes);
        var response = await Post($$"""{"query":"{ hello }"{{padding}}}""", uri: host.TightHttpUri);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("REQUEST_TOO_LARGE", SingleErrorCode(response));
    }

    [Fact]
    public async Task Body_over_the_size_limit_without_content_length_answers_413()
    {
        var body = $$"""{"query":"{ hello }"{{new string(' ', TransportHost.TightMaxRequestBytes)}}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, host.TightHttpUri)
        {
            Content = new StreamContent(new ChunkedOnly(Encoding.UTF8.GetBytes(body))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(Json);

        var response = await Send(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
    }

    [Theory]
    [InlineData("NONSENSE", "JSON_INVALID")]
    [InlineData("""{"query":""", "JSON_INVALID")]
    [InlineData("""[{"query":"{ hello }"}]""", "INVALID_REQUEST")]
    [InlineData("""{"qeury":"{ hello }"}""", "QUERY_MISSING")]
    [InlineData("""{"query":"{ hello }","variables":[7]}""", "INVALID_REQUEST")]
    [InlineData("""{"query":7}""", "INVALID_REQUEST")]
    public async Task Malformed_request_answers_400_for_both_media_types(string body, string code)
    {
        foreach (var accept in new[] { GraphQLResponse, Json })
        {
            var response = await Post(body, accept: accept);

            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Equal(code, SingleErrorCode(response));
            Assert.False(response.Body.TryGetProperty("data", out _));
        }
    }

    [Fact]
    public async Task Get_with_variables_that_are_not_json_answers_400()
    {
        var response = await Get("?query=" + Uri.EscapeDataString("{ hello }") + "&variables=%7Bnope");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("JSON_INVALID", SingleErrorCode(response));
    }

    [Fact]
    public async Task Get_without_query_answers_400()
    {
        var response = await Get("");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("QUERY_MISSING", SingleErrorCode(response));
    }

    [Theory]
    [InlineData("""{"query":"{"}""", "SYNTAX_ERROR")]
    [InlineData("""{"query":"{ nope }"}""", "FIELDS_ON_CORRECT_TYPE")]
    [InlineData("""{"query":"query A { hello } query B { hello }"}""", "NO_OPERATION_NAME")]
    [InlineData("""{"query":"query A { hello }","operationName":"C"}""", "INVALID_OPERATION_NAME")]
    [InlineData("""{"query":"query($n: String!) { hello(name: $n) }","variables":{}}""", "INVALID_VALUE")]
    public async Task Document_errors_answer_400_as_graphql_response_json_and_200_as_json(string body, string code)
    {
        var strict = await Post(body, accept: GraphQLResponse);
        var legacy = await Post(body, accept: Json);

        Assert.Equal(HttpStatusCode.BadRequest, strict.Status);
        Assert.Equal(HttpStatusCode.OK, legacy.Status);
        Assert.Contains(code, ErrorCodes(strict));
        Assert.Contains(code, ErrorCodes(legacy));
        Assert.False(strict.Body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Field_error_after_execution_began_answers_200_with_partial_data()
    {
        var response = await Post("""{"query":"{ hello boom }"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Hello, world", response.Body.GetProperty("data").GetProperty("hello").GetString());
        Assert.Equal(JsonValueKind.Null, response.Body.GetProperty("data").GetProperty("boom").ValueKind);
    }

    [Fact]
    public async Task Unexpected_exception_is_shown_as_internal_error_without_its_message_and_is_logged()
    {
        var response = await Post("""{"query":"{ boom }"}""");

        var error = Assert.Single(response.Body.GetProperty("errors").EnumerateArray());
        Assert.Equal("Internal error.", error.GetProperty("message").GetString());
        Assert.Equal("INTERNAL_SERVER_ERROR", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("boom", error.GetProperty("path")[0].GetString());
        Assert.True(error.TryGetProperty("locations", out _));
        Assert.DoesNotContain("hunter2", response.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperation", response.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", response.Raw, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Entries, entry => entry.Exception?.Message == TestQuery.SecretMessage);
    }

    [Fact]
    public async Task Invalid_input_is_shown_as_one_bad_user_input_error_per_field()
    {
        var response = await Post("""{"query":"{ refused }"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var errors = response.Body.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, error =>
        {
            Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
            Assert.Equal("refused", error.GetProperty("path")[0].GetString());
        });
        Assert.Equal("dose", errors[0].GetProperty("extensions").GetProperty("field").GetString());
        Assert.Equal("must not be negative (got -5)", errors[0].GetProperty("extensions").GetProperty("reason").GetString());
        Assert.Equal("date", errors[1].GetProperty("extensions").GetProperty("field").GetString());
        Assert.Equal("dose: must not be negative (got -5)", errors[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Subscription_over_http_is_refused_without_running()
    {
        var response = await Post("""{"query":"subscription { ticks(topic: \"http\") }"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("SUBSCRIPTION_OVER_HTTP", SingleErrorCode(response));
    }

    [Fact]
    public async Task Query_deeper_than_the_limit_fails_validation()
    {
        var response = await Post(Nested("child", 25));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("COMPLEXITY", ErrorCodes(response));
    }

    [Fact]
    public async Task Query_within_the_depth_limit_runs()
    {
        var response = await Post(Nested("child", 10));

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Query_over_the_complexity_limit_fails_validation()
    {
        // Each list level multiplies its children by GraphQL.NET's default of 5.
        var response = await Post(Nested("children", 8));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("COMPLEXITY", ErrorCodes(response));
    }

    [Fact]
    public async Task Deeply_nested_introspection_is_refused_by_the_depth_limit()
    {
        var ofTypes = string.Concat(Enumerable.Repeat("ofType { ", 40)) + "name" + new string('}', 40);
        var query = "{ __schema { types { fields { type { " + ofTypes + " } } } } }";

        var response = await Post(JsonSerializer.Serialize(new { query }));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("COMPLEXITY", ErrorCodes(response));
    }

    [Fact]
    public async Task Introspection_nesting_type_listings_more_than_three_deep_is_refused()
    {
        var query = "{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }";

        var response = await Post(JsonSerializer.Serialize(new { query }));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("INTROSPECTION_TOO_DEEP", ErrorCodes(response));
    }

    [Fact]
    public async Task Absurdly_nested_document_is_a_syntax_error_not_a_crash()
    {
        var query = new string('{', 5_000) + new string('}', 5_000);

        var response = await Post(JsonSerializer.Serialize(new { query }));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("SYNTAX_ERROR", SingleErrorCode(response));
    }

    [Fact]
    public async Task Standard_introspection_query_passes_the_limits()
    {
        var response = await Post(JsonSerializer.Serialize(new { query = IntrospectionQuery.Full }));

        Assert.True(HttpStatusCode.OK == response.Status, response.Raw);
        Assert.False(response.Body.TryGetProperty("errors", out _), response.Raw);
        var types = response.Body.GetProperty("data").GetProperty("__schema").GetProperty("types").EnumerateArray();
        Assert.Contains(types, type => type.GetProperty("name").GetString() == "Node");
    }

    [Fact]
    public async Task Graphql_js_introspection_query_with_every_option_passes_the_limits()
    {
        var response = await Post(JsonSerializer.Serialize(new { query = IntrospectionQuery.AllOptions, operationName = "IntrospectionQuery" }));

        Assert.True(HttpStatusCode.OK == response.Status, response.Raw);
        Assert.False(response.Body.TryGetProperty("errors", out _), response.Raw);
        var schema = response.Body.GetProperty("data").GetProperty("__schema");
        Assert.Equal("Query", schema.GetProperty("queryType").GetProperty("name").GetString());
        Assert.Contains(schema.GetProperty("types").EnumerateArray(), type => type.GetProperty("name").GetString() == "Query");
    }

    [Fact]
    public async Task Plus_signs_and_non_ascii_text_come_back_literally_not_as_unicode_escapes()
    {
        var response = await Post("""{"query":"{ hello(name: \"CR/6+ <b> é\") }"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("\"Hello, CR/6+ <b> é\"", response.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", response.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_runs_as_the_http_user_with_the_built_user_context()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, host.HttpUri)
        {
            Content = new StringContent("""{"query":"{ userName fromUserContext }"}""", Encoding.UTF8, Json),
        };
        request.Headers.Add("X-Test-User", "monitor-7");

        var response = await Send(request);

        var data = response.Body.GetProperty("data");
        Assert.Equal("monitor-7", data.GetProperty("userName").GetString());
        Assert.Equal("hello from /graphql", data.GetProperty("fromUserContext").GetString());
    }

    [Fact]
    public async Task Authenticated_caller_refused_by_the_authorization_hook_answers_403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, host.HttpUri)
        {
            Content = new StringContent("""{"query":"{ hello }"}""", Encoding.UTF8, Json),
        };
        request.Headers.Add("X-Deny", "yes");
        request.Headers.Add("X-Test-User", "ada");

        var response = await Send(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("FORBIDDEN", SingleErrorCode(response));
    }

    [Fact]
    public async Task Unauthenticated_caller_refused_by_the_authorization_hook_answers_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, host.HttpUri)
        {
            Content = new StringContent("""{"query":"{ hello }"}""", Encoding.UTF8, Json),
        };
        request.Headers.Add("X-Deny", "yes");

        var response = await Send(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("UNAUTHENTICATED", SingleErrorCode(response));
    }

    private static string Nested(string field, int depth) => JsonSerializer.Serialize(new
    {
        query = "{ root { " + string.Concat(Enumerable.Repeat(field + " { ", depth)) + "level" + new string('}', depth) + " } }",
    });

    private static string? SingleErrorCode(HttpResult response) => Assert.Single(ErrorCodes(response));

    private static List<string?> ErrorCodes(HttpResult response) =>
        [.. response.Body.GetProperty("errors").EnumerateArray()
            .Select(error => error.GetProperty("extensions").GetProperty("code").GetString())];

    private Task<HttpResult> Get(string queryString, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, host.HttpUri + queryString);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return Send(request);
    }

    private Task<HttpResult> Post(string body, string? accept = null, string? contentType = Json, Uri? uri = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri ?? host.HttpUri)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        return Send(request);
    }

    private async Task<HttpResult> Send(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await host.Http.SendAsync(request);
            var raw = await response.Content.ReadAsStringAsync();
            using var json = JsonDocument.Parse(raw);
            return new HttpResult(
                response.StatusCode,
                response.Content.Headers.ContentType?.MediaType,
                response.Content.Headers.ContentType?.CharSet,
                [.. response.Content.Headers.Allow],
                json.RootElement.Clone(),
                raw);
        }
    }

    private sealed record HttpResult(
        HttpStatusCode Status, string? MediaType, string? Charset, string[] Allow, JsonElement Body, string Raw);

    /// <summary>A stream of unknown length, so the request goes chunked without a Content-Length.</summary>
    private sealed class ChunkedOnly(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
