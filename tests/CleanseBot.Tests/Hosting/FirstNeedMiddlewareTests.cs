using CleanseBot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CleanseBot.Tests.Hosting;

/// <summary>Middleware kept out of start-up is built by the first request that needs it, once, and only runs for such requests.</summary>
public sealed class FirstNeedMiddlewareTests
{
    [Fact]
    public async Task Builds_the_branch_on_the_first_request_that_needs_it_and_only_once()
    {
        var builds = 0;
        var trail = new List<string>();
        var pipeline = Pipeline(branch =>
        {
            builds++;
            branch.Use((context, next) =>
            {
                trail.Add("branch " + context.Request.Path);
                return next(context);
            });
        }, trail);

        Assert.Equal(0, builds);
        await pipeline(Request("/api/messages"));
        Assert.Equal(0, builds);
        await pipeline(Request("/page"));
        await pipeline(Request("/page"));

        Assert.Equal(1, builds);
        Assert.Equal(["rest /api/messages", "branch /page", "rest /page", "branch /page", "rest /page"], trail);
    }

    [Fact]
    public async Task Builds_the_branch_once_when_its_first_requests_come_together()
    {
        var builds = 0;
        var pipeline = Pipeline(_ => Interlocked.Increment(ref builds), []);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => pipeline(Request("/page")))));

        Assert.Equal(1, builds);
    }

    // The branch is for paths other than /api; what follows it records each request it sees.
    private static RequestDelegate Pipeline(Action<IApplicationBuilder> configure, List<string> trail)
    {
        var app = new ApplicationBuilder(new ServiceCollection().BuildServiceProvider());
        app.UseOnFirstNeed(context => !context.Request.Path.StartsWithSegments("/api"), configure);
        app.Run(context =>
        {
            lock (trail)
            {
                trail.Add("rest " + context.Request.Path);
            }

            return Task.CompletedTask;
        });
        return app.Build();
    }

    private static DefaultHttpContext Request(string path) => new() { Request = { Path = path } };
}
