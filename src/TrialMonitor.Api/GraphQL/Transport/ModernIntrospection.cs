using GraphQL;
using GraphQL.DI;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQL.Validation.Complexity;

namespace TrialMonitor.Api.GraphQL.Transport;

/// <summary>
/// Makes every schema served by the transport answer the introspection query of graphql-js 16 with all
/// its options (what GraphiQL 3.8 sends, and more), and counts introspection one per field:
/// <list type="bullet">
/// <item>GraphQL.NET's <c>Schema.Features</c>: deprecation of arguments and input fields
/// (<c>includeDeprecated</c> on <c>args</c> and <c>inputFields</c>, <c>isDeprecated</c> on <c>__InputValue</c>)
/// and <c>__Directive.isRepeatable</c>. <c>__Schema.description</c> and <c>__Type.isOneOf</c> are there already.</item>
/// <item><c>__Type.specifiedByURL</c>, which GraphQL.NET 8 does not have (graphql-dotnet issue #2495): added,
/// null for every type, as the spec allows when no scalar declares <c>@specifiedBy</c> (none of ours does).</item>
/// <item>GraphQL.NET gives <c>__Schema.types</c> and <c>__Schema.directives</c> complexity delegates of their own
/// that multiply everything below them by the number of types (or directives) in the schema, and a field's own
/// delegate wins over <see cref="ComplexityOptions.DefaultComplexityImpactDelegate"/>: the introspection query
/// cost about 170 × the number of types (18,420 for the API's schema) and any growth of the schema would have
/// locked the console out. Every introspection field here counts one, lists included, as the transport's own
/// delegate intends; the work of an introspection query is bounded by the schema, and its nesting by
/// <see cref="IntrospectionNestingRule"/>.</item>
/// </list>
/// Runs from the <c>Schema(IServiceProvider)</c> constructor (GraphQL.NET's <see cref="IConfigureSchema"/>), so it
/// applies to any schema built by dependency injection while the transport is registered.
/// </summary>
internal sealed class ModernIntrospection : IConfigureSchema
{
    public void Configure(ISchema schema, IServiceProvider serviceProvider)
    {
        schema.Features.DeprecationOfInputValues = true;
        schema.Features.RepeatableDirectives = true;
        schema.RegisterVisitor(IntrospectionTypesVisitor.Instance);
    }

    /// <summary>Runs during schema initialization, after the introspection types exist and before validation.</summary>
    private sealed class IntrospectionTypesVisitor : BaseSchemaNodeVisitor
    {
        public const string SpecifiedByUrl = "specifiedByURL";
        public const string IncludeDeprecated = "includeDeprecated";
        public static readonly IntrospectionTypesVisitor Instance = new();

        private static readonly Func<FieldImpactContext, FieldComplexityResult> OnePerField = _ => new FieldComplexityResult(1, 1);

        // __schema, __type and __typename themselves (meta-fields, on no type).
        public override void VisitSchema(ISchema schema) => schema.WithIntrospectionComplexityImpact(1);

        public override void VisitObject(IObjectGraphType type, ISchema schema)
        {
            // Types are resolved by now: what is added gets resolved types, not CLR types to resolve.
            if (type.Name == "__Type" && !type.HasField(SpecifiedByUrl))
            {
                type.AddField(new FieldType
                {
                    Name = SpecifiedByUrl,
                    Description = "A URL to the specification of a custom scalar's behaviour; null here, as no scalar of this schema declares one.",
                    ResolvedType = schema.AllTypes["String"] ?? new StringGraphType(),
                    Resolver = new FuncFieldResolver<string?>(_ => null),
                });
            }
            if (type.Name == "__Directive" && type.GetField("args") is { } args && args.Arguments?.Find(IncludeDeprecated) is null)
            {
                AddIncludeDeprecated(args, schema);
            }
        }

        /// <summary>
        /// __Directive.args(includeDeprecated:), which graphql-js asks for with inputValueDeprecation and GraphQL.NET 8
        /// lacks even with <c>DeprecationOfInputValues</c> (it has it on __Field.args and __Type.inputFields).
        /// </summary>
        private static void AddIncludeDeprecated(FieldType args, ISchema schema)
        {
            args.Arguments ??= new QueryArguments();
            args.Arguments.Add(new QueryArgument(schema.AllTypes["Boolean"] ?? new BooleanGraphType())
            {
                Name = IncludeDeprecated,
                DefaultValue = false,
            });
            var all = args.Resolver ?? throw new InvalidOperationException("__Directive.args has no resolver.");
            args.Resolver = new FuncFieldResolver<object?>(async context =>
            {
                var arguments = await all.ResolveAsync(context).ConfigureAwait(false);
                return context.GetArgument(IncludeDeprecated, false) || arguments is not IEnumerable<QueryArgument> list
                    ? arguments
                    : list.Where(argument => argument.DeprecationReason is null).ToList();
            });
        }

        public override void VisitObjectFieldDefinition(FieldType field, IObjectGraphType type, ISchema schema)
        {
            if (type.Name.StartsWith("__", StringComparison.Ordinal)) field.WithComplexityImpact(OnePerField);
        }
    }
}
