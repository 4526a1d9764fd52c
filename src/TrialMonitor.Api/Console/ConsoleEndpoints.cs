using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace TrialMonitor.Api.Console;

/// <summary>
/// The GraphiQL console at /console and the trial pages at /app (both src/TrialMonitor.Console, built by ./ops/console
/// into wwwroot/console and wwwroot/app), and a browser's GET of /graphql sent to the console. The pages are public files;
/// what they show comes from /graphql with the user's token.
/// </summary>
public static class ConsoleEndpoints
{
    public const string Path = "/console";

    public const string PagesPath = "/app";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>Call before the GraphQL transport is mapped: the redirect runs ahead of its GET handling.</summary>
    public static WebApplication UseTrialMonitorConsole(this WebApplication app)
    {
        var webRoot = app.Environment.WebRootPath ?? System.IO.Path.Combine(app.Environment.ContentRootPath, "wwwroot");
        var root = System.IO.Path.GetFullPath(System.IO.Path.Combine(webRoot, "console"));
        var pagesRoot = System.IO.Path.GetFullPath(System.IO.Path.Combine(webRoot, "app"));

        // Middleware, not an endpoint: it runs after routing picked /graphql, before the transport executes.
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method) && request.Path.Equals("/graphql", StringComparison.OrdinalIgnoreCase)
                && !context.WebSockets.IsWebSocketRequest && AcceptsHtml(request))
            {
                context.Response.Redirect(Path + request.QueryString);
                return Task.CompletedTask;
            }
            return next(context);
        });

        app.MapGet(Path, (HttpContext context) => Serve(context, root, "", "The console is"));
        app.MapGet(Path + "/{**file}", (HttpContext context, string? file) => Serve(context, root, file ?? "", "The console is"));
        app.MapGet(PagesPath, (HttpContext context) => Serve(context, pagesRoot, "", "The trial pages are"));
        app.MapGet(PagesPath + "/{**file}", (HttpContext context, string? file) => Serve(context, pagesRoot, file ?? "", "The trial pages are"));
        return app;
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static IResult Serve(HttpContext context, string root, string file, string whatIs)
    {
        var index = System.IO.Path.Combine(root, "index.html");
        if (!File.Exists(index))
        {
            return Results.Text(
                $"{whatIs} not built: {index} is missing. Run ./ops/run (it builds src/TrialMonitor.Console) and reload.\n",
                "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, file));
        var insideRoot = candidate.StartsWith(root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (insideRoot && File.Exists(candidate))
        {
            var contentType = ContentTypes.TryGetContentType(candidate, out var type) ? type : "application/octet-stream";
            // Vite puts a content hash in every asset's name; index.html must be fetched fresh to find new ones.
            context.Response.Headers[HeaderNames.CacheControl] = file.StartsWith("assets/", StringComparison.Ordinal)
                ? "public, max-age=31536000, immutable"
                : "no-cache";
            return Results.File(candidate, contentType);
        }

        // A missing asset is a 404; any other path is a page of the console or of the trial pages (routed in the browser).
        if (System.IO.Path.HasExtension(file))
        {
            return Results.NotFound();
        }
        context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        return Results.File(index, "text/html; charset=utf-8");
    }
}
