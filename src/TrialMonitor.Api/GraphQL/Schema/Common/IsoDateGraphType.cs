using GraphQL.Types;

namespace TrialMonitor.Api.GraphQL.Schema.Common;

/// <summary>A clinical date (collectedOn, effectiveOn...) as ISO yyyy-MM-dd, named `Date` rather than GraphQL.NET's `DateOnly`.</summary>
public sealed class IsoDateGraphType : DateOnlyGraphType
{
    public IsoDateGraphType()
    {
        Name = "Date";
    }
}
