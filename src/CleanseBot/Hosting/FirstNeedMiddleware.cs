namespace CleanseBot.Hosting;

/// <summary>
/// Middleware built on the first request that needs it rather than at start-up. Building the web chat's static files,
/// CORS and WebSockets middleware took about a fifth of a traced cold start to first answer, and the messaging
/// endpoint, which a channel or the Emulator calls first, needs none of them (docs/performance.md).
/// </summary>
internal static class FirstNeedMiddleware
{
    /// <summary>
    /// Runs the middleware <paramref name="configure"/> adds for the requests <paramref name="needs"/> selects, in this
    /// place of the pipeline, and passes every other request straight on. The branch is built once, on its first request.
    /// </summary>
    public static IApplicationBuilder UseOnFirstNeed(this IApplicationBuilder app, Func<HttpContext, bool> needs, Action<IApplicationBuilder> configure)
    {
        var branch = app.New();
        return app.Use(next =>
        {
            var built = new Lazy<RequestDelegate>(() =>
            {
                configure(branch);
                branch.Run(next);
                return branch.Build();
            });
            return context => needs(context) ? built.Value(context) : next(context);
        });
    }
}
