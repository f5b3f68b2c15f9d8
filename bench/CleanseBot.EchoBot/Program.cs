using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace CleanseBot.EchoBot;

// Not top-level statements: those would declare a second public Program next to CleanseBot's in bench/CleanseBot.Benchmarks.
internal static class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // CloudAdapter's constructors are ambiguous to dependency injection, so it is built by hand, as in CleanseBot.
        builder.Services.AddSingleton(provider => new CloudAdapter(
            new ConfigurationBotFrameworkAuthentication(provider.GetRequiredService<IConfiguration>()),
            provider.GetRequiredService<ILogger<CloudAdapter>>()));
        builder.Services.AddSingleton<EchoActivityHandler>();

        var app = builder.Build();
        app.MapPost("/api/messages", (HttpContext context, CloudAdapter adapter, EchoActivityHandler bot) =>
            adapter.ProcessAsync(context.Request, context.Response, bot, context.RequestAborted));
        app.Run();
    }
}
