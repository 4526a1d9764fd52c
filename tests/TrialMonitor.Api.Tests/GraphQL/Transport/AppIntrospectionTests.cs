using System.Net;
using System.Text.Json;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.GraphQL.Transport;

/// <summary>
/// The introspection queries GraphiQL and other clients send, POSTed to /graphql of the full host with the
/// real schema and the transport's default limits.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class AppIntrospectionTests(AppFixture app)
{
    [Theory]
    [InlineData(nameof(IntrospectionQuery.Full))]
    [InlineData(nameof(IntrospectionQuery.AllOptions))]
    public async Task Graphql_js_introspection_query_passes_the_limits_on_the_real_schema(string which)
    {
        var query = which == nameof(IntrospectionQuery.AllOptions) ? IntrospectionQuery.AllOptions : IntrospectionQuery.Full;

        var (status, body, raw) = await Post(new { query, operationName = "IntrospectionQuery" });

        Assert.True(status == HttpStatusCode.OK, raw);
        Assert.False(body.TryGetProperty("errors", out _), raw);
        var schema = body.GetProperty("data").GetProperty("__schema");
        Assert.Equal("Query", schema.GetProperty("queryType").GetProperty("name").GetString());
        Assert.Equal("Subscription", schema.GetProperty("subscriptionType").GetProperty("name").GetString());
        var queryType = Assert.Single(schema.GetProperty("types").EnumerateArray(), type => type.GetProperty("name").GetString() == "Query");
        Assert.Contains(queryType.GetProperty("fields").EnumerateArray(), field => field.GetProperty("name").GetString() == "cohort");
    }

    [Fact]
    public async Task Full_introspection_answers_deprecation_of_arguments_repeatable_directives_and_scalar_urls()
    {
        var (status, body, raw) = await Post(new { query = IntrospectionQuery.AllOptions });

        Assert.True(status == HttpStatusCode.OK, raw);
        var schema = body.GetProperty("data").GetProperty("__schema");
        var directives = schema.GetProperty("directives").EnumerateArray().ToList();
        Assert.All(directives, directive => Assert.Equal(JsonValueKind.False, directive.GetProperty("isRepeatable").ValueKind));
        var deprecated = Assert.Single(directives, directive => directive.GetProperty("name").GetString() == "deprecated");
        Assert.Contains("ARGUMENT_DEFINITION", deprecated.GetProperty("locations").EnumerateArray().Select(location => location.GetString()));
        var types = schema.GetProperty("types").EnumerateArray().ToList();
        // Arguments answer their deprecation: none of cohort's is deprecated.
        var cohort = types.Single(type => type.GetProperty("name").GetString() == "Query").GetProperty("fields").EnumerateArray()
            .Single(field => field.GetProperty("name").GetString() == "cohort");
        var trialId = Assert.Single(cohort.GetProperty("args").EnumerateArray(), arg => arg.GetProperty("name").GetString() == "trialId");
        Assert.Equal(JsonValueKind.False, trialId.GetProperty("isDeprecated").ValueKind);
        Assert.Equal(JsonValueKind.Null, trialId.GetProperty("deprecationReason").ValueKind);
        var input = types.First(type => type.GetProperty("kind").GetString() == "INPUT_OBJECT");
        Assert.All(input.GetProperty("inputFields").EnumerateArray(),
            field => Assert.Equal(JsonValueKind.False, field.GetProperty("isDeprecated").ValueKind));
        var scalar = types.First(type => type.GetProperty("kind").GetString() == "SCALAR");
        Assert.True(scalar.TryGetProperty("specifiedByURL", out _), raw[..Math.Min(raw.Length, 2000)]);
    }

    [Fact]
    public async Task A_request_body_over_the_apps_256_KiB_limit_is_refused_413_naming_the_limit()
    {
        // A well-formed request whose query is padded with a comment to one byte over 256 KiB of body.
        var envelope = System.Text.Encoding.UTF8.GetByteCount("""{"query":"{ __typename }\n#"}""");
        var (status, body, raw) = await Post(new { query = "{ __typename }\n#" + new string('x', (256 * 1024) + 1 - envelope) });

        Assert.True(status == HttpStatusCode.RequestEntityTooLarge, raw);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("REQUEST_TOO_LARGE", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("262144 bytes", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ordinary_queries_are_still_bounded_by_the_complexity_limit()
    {
        // A page of 100 patients with three entry lists each: lists multiply their children (20 unless paged).
        const string query = """
            { patients(trialId: "0e82e362-1d1a-4ed1-3b00-000000000473", first: 100) {
                edges { node { cytogenetics { entryKey } doses { entryKey } toxicities { entryKey } } } } }
            """;

        var (status, body, raw) = await Post(new { query });

        Assert.True(status == HttpStatusCode.BadRequest, raw);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("COMPLEXITY", error.GetProperty("extensions").GetProperty("code").GetString());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, string Raw)> Post(object request)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(request).ToUrl("/graphql");
            s.WithRequestHeader("Accept", "application/graphql-response+json, application/json");
            s.IgnoreStatusCode();
        });
        var raw = await result.ReadAsTextAsync();
        using var json = JsonDocument.Parse(raw);
        return ((HttpStatusCode)result.Context.Response.StatusCode, json.RootElement.Clone(), raw);
    }
}
