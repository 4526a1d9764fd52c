using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace TrialMonitor.Api.GraphQL.Transport;

/// <summary>A request whose document parsed, with the operation it selects when one can be told.</summary>
internal sealed record ParsedRequest(GraphQLRequest Request, GraphQLDocument Document, OperationType? OperationType);

/// <summary>Parses and executes a request against the registered schema, for HTTP and sockets alike.</summary>
internal sealed class GraphQLRequestRunner(ResultErrorSanitizer sanitizer)
{
    private const string SyntaxErrorCode = "SYNTAX_ERROR";
    private static readonly GraphQLDocumentBuilder DocumentBuilder = new();
    private static readonly DocumentExecuter FallbackExecuter = new();
    private static readonly Func<FieldImpactContext, FieldComplexityResult> DefaultFieldImpact = new ComplexityOptions().DefaultComplexityImpactDelegate;

    public ResultErrorSanitizer Sanitizer => sanitizer;

    /// <returns>The parsed request, or a syntax error.</returns>
    public static (ParsedRequest? Parsed, ExecutionError? Error) Parse(GraphQLRequest request)
    {
        GraphQLDocument document;
        try
        {
            document = DocumentBuilder.Build(request.Query!);
        }
        catch (ExecutionError documentError)
        {
            // GraphQL.NET's document builder throws its SyntaxError for every parser failure.
            documentError.Code ??= SyntaxErrorCode;
            return (null, documentError);
        }
        catch (GraphQLParserException parserError)
        {
            return (null, new ExecutionError(parserError.Message) { Code = SyntaxErrorCode });
        }
        return (new ParsedRequest(request, document, SelectOperation(document, request.OperationName)?.Operation), null);
    }

    public async Task<ExecutionResult> ExecuteAsync(
        ParsedRequest parsed, GraphQLCaller caller, IServiceProvider services, IDictionary<string, object?> userContext,
        GraphQLTransportOptions options, CancellationToken cancellation)
    {
        using var activity = GraphQLTransportTelemetry.StartOperation(parsed);
        var schema = services.GetService<ISchema>();
        if (schema is null)
        {
            return new ExecutionResult(new ExecutionError("No GraphQL schema is registered.") { Code = GraphQLErrorCodes.SchemaUnavailable });
        }
        var executer = services.GetService<IDocumentExecuter>() ?? FallbackExecuter;
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = parsed.Request.Query,
            Document = parsed.Document,
            OperationName = string.IsNullOrEmpty(parsed.Request.OperationName) ? null : parsed.Request.OperationName,
            Variables = parsed.Request.Variables,
            Extensions = parsed.Request.Extensions,
            User = caller.User,
            UserContext = userContext,
            RequestServices = services,
            ValidationRules = ValidationRules(options),
            CancellationToken = cancellation,
            ThrowOnUnhandledException = false,
        });
        var answer = sanitizer.Sanitize(result);
        GraphQLTransportTelemetry.Answered(activity, answer);
        return answer;
    }

    private static IEnumerable<IValidationRule> ValidationRules(GraphQLTransportOptions options) =>
    [
        .. DocumentValidator.CoreRules,
        new ComplexityValidationRule(new ComplexityOptions
        {
            MaxDepth = options.MaxQueryDepth,
            MaxComplexity = options.MaxQueryComplexity,
            DefaultComplexityImpactDelegate = FieldImpact,
        }),
        new IntrospectionNestingRule(),
        .. options.ValidationRules,
    ];

    /// <summary>
    /// Introspection counts one per field, lists included; <see cref="IntrospectionNestingRule"/> bounds its fan-out.
    /// (Fields with a complexity delegate of their own skip this one: <see cref="ModernIntrospection"/> gives the
    /// introspection fields that GraphQL.NET prices by schema size the same one per field.)
    /// </summary>
    private static FieldComplexityResult FieldImpact(FieldImpactContext context) =>
        context.ParentType.Name.StartsWith("__", StringComparison.Ordinal) || context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal)
            ? new FieldComplexityResult(1, 1)
            : DefaultFieldImpact(context);

    private static GraphQLOperationDefinition? SelectOperation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        if (string.IsNullOrEmpty(operationName)) return operations.Count == 1 ? operations[0] : null;
        return operations.FirstOrDefault(operation => operation.Name is { } name && name.Value == operationName);
    }
}
