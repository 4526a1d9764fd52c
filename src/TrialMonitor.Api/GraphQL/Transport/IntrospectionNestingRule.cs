using GraphQL.Validation;
using GraphQLParser.AST;

namespace TrialMonitor.Api.GraphQL.Transport;

/// <summary>
/// Refuses introspection that nests the type-listing fields more than three deep, as graphql-js's
/// MaxIntrospectionDepthRule does: their work grows exponentially with nesting, yet the complexity
/// rule counts introspection linearly so that the console's ordinary query passes.
/// </summary>
internal sealed class IntrospectionNestingRule : ValidationRuleBase
{
    public const int MaxNesting = 3;
    public const string Code = "INTROSPECTION_TOO_DEEP";

    private static readonly HashSet<string> TypeListingFields = ["fields", "interfaces", "possibleTypes", "inputFields"];

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation is { } operation && Deepest(context.Document, operation.SelectionSet, 0, inIntrospection: false, []) > MaxNesting)
        {
            context.ReportError(new ValidationError(context.Document.Source, "", "Maximum introspection depth exceeded.", operation)
            {
                Code = Code,
            });
        }
        return default;
    }

    private static int Deepest(GraphQLDocument document, GraphQLSelectionSet? selections, int nesting, bool inIntrospection, HashSet<string> fragmentsOnPath)
    {
        if (selections is null || nesting > MaxNesting) return nesting;
        var deepest = nesting;
        foreach (var selection in selections.Selections)
        {
            var depth = selection switch
            {
                GraphQLField field => FieldDepth(document, field, nesting, inIntrospection, fragmentsOnPath),
                GraphQLInlineFragment inline => Deepest(document, inline.SelectionSet, nesting, inIntrospection, fragmentsOnPath),
                GraphQLFragmentSpread spread => SpreadDepth(document, spread, nesting, inIntrospection, fragmentsOnPath),
                _ => nesting,
            };
            deepest = Math.Max(deepest, depth);
        }
        return deepest;
    }

    private static int FieldDepth(GraphQLDocument document, GraphQLField field, int nesting, bool inIntrospection, HashSet<string> fragmentsOnPath)
    {
        var name = field.Name.StringValue;
        var introspecting = inIntrospection || name is "__schema" or "__type";
        var deeper = introspecting && TypeListingFields.Contains(name) ? nesting + 1 : nesting;
        return Deepest(document, field.SelectionSet, deeper, introspecting, fragmentsOnPath);
    }

    private static int SpreadDepth(GraphQLDocument document, GraphQLFragmentSpread spread, int nesting, bool inIntrospection, HashSet<string> fragmentsOnPath)
    {
        var name = spread.FragmentName.Name.StringValue;
        // A fragment cycle is another rule's error; stop here rather than recurse forever.
        if (!fragmentsOnPath.Add(name)) return nesting;
        var fragment = document.Definitions.OfType<GraphQLFragmentDefinition>()
            .FirstOrDefault(definition => definition.FragmentName.Name.StringValue == name);
        var depth = Deepest(document, fragment?.SelectionSet, nesting, inIntrospection, fragmentsOnPath);
        fragmentsOnPath.Remove(name);
        return depth;
    }
}
