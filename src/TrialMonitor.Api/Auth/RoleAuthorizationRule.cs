using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using TrialMonitor.Api.GraphQL.Transport;

namespace TrialMonitor.Api.Auth;

/// <summary>
/// Enforces the authorization metadata GraphQL.NET's <c>AuthorizeWithRoles</c> stores on fields and
/// types (the server package that would enforce it is not served to us). Refuses, before anything
/// runs, an unauthenticated caller (UNAUTHENTICATED) and any selected field whose roles, or whose
/// type's roles, the caller has none of (FORBIDDEN, naming the roles). A field of Query, Mutation or
/// Subscription that declares no roles is refused too: a new operation is closed until someone says who may use it.
/// Introspection alone needs no token: the schema is public (schema.graphql, bundled into the console), and
/// GraphiQL introspects before its user has pasted one.
/// </summary>
public sealed class RoleAuthorizationRule : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.User?.Identity?.IsAuthenticated != true)
        {
            if (context.Operation?.SelectionSet.Selections.All(s => s is GraphQLField f && f.Name.StringValue.StartsWith("__", StringComparison.Ordinal)) == true)
                return default;
            context.ReportError(new ValidationError(context.Document.Source, "", "Send a bearer token: Authorization: Bearer <token>.",
                context.Operation is { } operation ? [operation] : []) { Code = GraphQLErrorCodes.Unauthenticated });
            return default;
        }
        return new ValueTask<INodeVisitor?>(new MatchingNodeVisitor<GraphQLField>((field, validation) => Check(field, validation)));
    }

    private static void Check(GraphQLField node, ValidationContext context)
    {
        var name = node.Name.StringValue;
        if (name.StartsWith("__", StringComparison.Ordinal)) return;
        var field = context.TypeInfo.GetFieldDef();
        var parent = context.TypeInfo.GetParentType();
        if (field is null || parent is null) return; // an unknown field is another rule's error
        var isRoot = parent == context.Schema.Query || parent == context.Schema.Mutation || parent == context.Schema.Subscription;
        var user = context.User!;

        if (isRoot && !field.IsAuthorizationRequired())
        {
            Refuse(context, node, $"'{name}' declares no roles, so no one may use it yet.");
            return;
        }
        foreach (var (what, metadata) in new (string, IMetadataReader?)[]
                 { ($"'{parent.Name}.{name}'", field), ($"type '{field.ResolvedType?.GetNamedType().Name}'", NamedType(field)) })
        {
            if (metadata is null) continue;
            if (metadata.GetPolicies() is { Count: > 0 })
            {
                Refuse(context, node, $"{what} names a policy; only roles are enforced here.");
                return;
            }
            if (metadata.GetRoles() is { Count: > 0 } roles && !roles.Any(user.IsInRole))
            {
                Refuse(context, node, $"{what} needs role {string.Join(" or ", roles)}; you have {Describe(user)}.");
                return;
            }
        }
    }

    private static IMetadataReader? NamedType(FieldType field) => field.ResolvedType?.GetNamedType() as IMetadataReader;

    private static string Describe(System.Security.Claims.ClaimsPrincipal user)
    {
        var roles = user.FindAll(TrialMonitorClaims.Role).Select(claim => claim.Value).ToList();
        return roles.Count == 0 ? "no role" : "role " + string.Join(", ", roles);
    }

    private static void Refuse(ValidationContext context, GraphQLField node, string message) =>
        context.ReportError(new ValidationError(context.Document.Source, "", message, node) { Code = GraphQLErrorCodes.Forbidden });
}
