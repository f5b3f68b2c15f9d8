using CleanseBot.Bot;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace CleanseBot.Transcripts;

/// <summary>
/// Emulator transcripts (Transcripts:Folder): the SDK's TranscriptLoggerMiddleware on the adapter, so every channel's
/// turns are written (the Emulator's, Direct Line's and Teams'), through the SDK's FileTranscriptLogger, masked.
/// </summary>
internal static partial class TranscriptHosting
{
    public static WebApplicationBuilder AddTranscripts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TranscriptOptions>().BindConfiguration(TranscriptOptions.SectionName).ValidateOnStart();
        return builder;
    }

    /// <summary>Adds the transcript middleware to <paramref name="adapter"/> when Transcripts:Folder is set.</summary>
    public static CleanseBotAdapter UseTranscripts(this CleanseBotAdapter adapter, IServiceProvider services)
    {
        var folder = services.GetRequiredService<IOptions<TranscriptOptions>>().Value.Folder;
        if (folder.Length == 0)
        {
            return adapter;
        }

        var path = Path.GetFullPath(folder, services.GetRequiredService<IHostEnvironment>().ContentRootPath);
        try
        {
            // Not the SDK's "unit test mode", which starts every conversation's file afresh when the process restarts.
            adapter.Use(new TranscriptLoggerMiddleware(new MaskedTranscriptLogger(new FileTranscriptLogger(path, unitTestMode: false))));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Transcripts help support staff; a folder that cannot be created must not stop the bot answering.
            LogCannotCreate(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TranscriptHosting)), error, path);
        }

        return adapter;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "No transcripts: the folder {Folder} cannot be created")]
    private static partial void LogCannotCreate(ILogger logger, Exception error, string folder);
}
