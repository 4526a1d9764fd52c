using TrialMonitor.Api.Audit.Chain;

namespace TrialMonitor.Api.Tests.Audit;

/// <summary>What the serializer appended and what jsonb gives back must hash alike.</summary>
public sealed class CanonicalJsonTests
{
    [Theory]
    [InlineData("""{"b":1,"a":{"d":[1,2],"c":"x"}}""", """{"a": {"c": "x", "d": [1, 2]}, "b": 1}""")]
    [InlineData("""{"v":40.0}""", """{"v": 40}""")]
    [InlineData("""{"v":1E-05}""", """{"v": 0.00001}""")]
    [InlineData("""{"s":"CR\/6\u002B \u00E9"}""", """{"s": "CR/6+ é"}""")]
    [InlineData("null", "  ")]
    public void Serializer_and_jsonb_spellings_of_one_value_are_one_canonical_form(string appended, string stored) =>
        Assert.Equal(CanonicalJson.ToCanonical(appended), CanonicalJson.ToCanonical(stored));

    [Theory]
    [InlineData("""{"v":40}""", """{"v":4}""")]
    [InlineData("""{"a":"x"}""", """{"a":"x","b":null}""")]
    [InlineData("""[1,2]""", """[2,1]""")]
    public void Different_values_stay_different(string one, string other) =>
        Assert.NotEqual(CanonicalJson.ToCanonical(one), CanonicalJson.ToCanonical(other));

    [Fact]
    public void A_link_depends_on_the_previous_one()
    {
        var e = new ChainedEvent(Guid.NewGuid(), 2, Guid.NewGuid(), "dose_changed", """{"x":1}""", null, DateTimeOffset.UnixEpoch, "c", null);

        Assert.NotEqual(e.ChainFrom(ChainedEvent.Genesis), e.ChainFrom(e.ChainFrom(ChainedEvent.Genesis)));
        Assert.Equal(64, e.ChainFrom(ChainedEvent.Genesis).Length);
        Assert.Equal(e.ChainFrom(ChainedEvent.Genesis), (e with { HeadersJson = "{}" }).ChainFrom(ChainedEvent.Genesis));
    }
}
