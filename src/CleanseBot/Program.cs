using CleanseBot.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,

    // appsettings.json and knowledge/ are copied next to the binary, so the bot starts the same from any folder.
    ContentRootPath = AppContext.BaseDirectory,
});

builder.AddCleanseBot();

var app = builder.Build();
app.MapCleanseBot();
app.Run();

/// <summary>Exposed so tests can find the entry assembly.</summary>
public partial class Program;
