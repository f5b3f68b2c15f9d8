using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace CleanseBot.Channels.DirectLine;

/// <summary>
/// Serves wwwroot: the demo page at /, widget.js, and Web Chat's bundle (webchat/webchat.js, 4 MB), whose brotli and
/// gzip copies, made at build, go to browsers that accept them. Each file gets the cache policy its use needs.
/// </summary>
internal static class WebChatFiles
{
    private static readonly (string Encoding, string Suffix)[] Precompressed = [("br", ".br"), ("gzip", ".gz")];

    /// <summary>Whether <paramref name="context"/> may be for one of these files: a GET or HEAD outside the service's APIs.</summary>
    public static bool MayServe(HttpContext context)
    {
        var request = context.Request;
        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && !request.Path.StartsWithSegments(DirectLineApi.BasePath, StringComparison.OrdinalIgnoreCase)
            && !request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase)

            // The admin pages are not files, and hold a secret (the form token) that must not be compressed alongside
            // text a visitor chose (BREACH).
            && !request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);
    }

    public static IApplicationBuilder UseWebChatFiles(this IApplicationBuilder app)
    {
        app.UseDefaultFiles();
        app.Use(ChoosePrecompressed);
        return app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = new PrecompressedContentTypes(),
            OnPrepareResponse = SetCachePolicy,
        });
    }

    private static Task ChoosePrecompressed(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var path = request.Path.Value;
        if (path is null || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            return next(context);
        }

        // The compressed copies are only ever sent as an encoding of their original.
        if (path.EndsWith(".br", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var files = context.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider;
        if (!files.GetFileInfo(path + ".br").Exists)
        {
            return next(context);
        }

        context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        foreach (var (encoding, suffix) in Precompressed)
        {
            if (accepted.Any(value => value.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) && value.Quality is not 0)
                && files.GetFileInfo(path + suffix).Exists)
            {
                request.Path = path + suffix;
                context.Response.Headers.ContentEncoding = encoding;
                break;
            }
        }

        return next(context);
    }

    // Web Chat's bundle changes only with its pinned version: a day in the browser's cache, then revalidated by ETag.
    // widget.js is pasted into other sites, so that a fix reaches them within minutes. Pages are always revalidated.
    private static void SetCachePolicy(StaticFileResponseContext context)
    {
        var headers = context.Context.Response.Headers;
        var name = context.File.Name;
        headers.CacheControl = name.StartsWith("webchat.js", StringComparison.Ordinal) ? "public, max-age=86400"
            : name == "widget.js" ? "public, max-age=300"
            : "no-cache";
        headers.XContentTypeOptions = "nosniff";
    }

    /// <summary>webchat.js.br is JavaScript, sent with Content-Encoding: br.</summary>
    private sealed class PrecompressedContentTypes : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider _types = new();

        public bool TryGetContentType(string subpath, out string contentType)
        {
            foreach (var (_, suffix) in Precompressed)
            {
                if (subpath.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    subpath = subpath[..^suffix.Length];
                    break;
                }
            }

            return _types.TryGetContentType(subpath, out contentType!);
        }
    }
}
