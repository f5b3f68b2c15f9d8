using CleanseBot.Answering;
using CleanseBot.Bot;
using CleanseBot.Dialogs;
using CleanseBot.Hosting;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Search;
using CleanseBot.QuestionLog;
using CleanseBot.QuestionLogging;
using CleanseBot.Telemetry;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanseBot.Tests.Support;

/// <summary>
/// The bot's real parts, as the service composes them: the knowledge folder and appsettings.json copied next to the
/// tests, the real index, Replies and AnswerDialog. The index is built once for the whole test run.
/// </summary>
internal static class RealBot
{
    private static readonly Lazy<KnowledgeIndex> SharedIndex = new(BuildIndex);

    private static readonly Lazy<AnsweringOptions> SharedOptions = new(ReadAnsweringOptions);

    // Meters of their own, so that what these parts count stays out of any running service's /metrics.
    private static readonly ServiceProvider MeterServices = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public static string KnowledgeFolder => Path.Combine(AppContext.BaseDirectory, "knowledge");

    public static KnowledgeIndex Index => SharedIndex.Value;

    public static KnowledgeBase Knowledge => Index.Knowledge;

    /// <summary>The "Answering" section of the real appsettings.json.</summary>
    public static AnsweringOptions Options => SharedOptions.Value;

    /// <summary>A fresh copy of the bot's own settings, with <paramref name="change"/> made to it.</summary>
    public static AnsweringOptions OptionsWith(Action<AnsweringOptions> change)
    {
        var options = ReadAnsweringOptions();
        change(options);
        return options;
    }

    public static QnaPair Pair(int id) =>
        Knowledge.Find(id) ?? throw new InvalidOperationException($"The knowledge has no pair {id}.");

    /// <summary>Every question of the knowledge, main and alternate, with its pair: questions the guide answers.</summary>
    public static IEnumerable<(QnaPair Pair, string Question)> Questions() =>
        Knowledge.Pairs.SelectMany(static pair => pair.AlternateQuestions.Prepend(pair.Question).Select(question => (pair, question)));

    public static Replies Replies() => new(Microsoft.Extensions.Options.Options.Create(Options));

    /// <summary>The dialog over the real knowledge, with the bot's own settings or <paramref name="options"/>.</summary>
    public static AnswerDialog Dialog(AnsweringOptions? options = null)
    {
        var provider = new KnowledgeIndexProvider();
        provider.Publish(Index);
        return new AnswerDialog(
            provider,
            Microsoft.Extensions.Options.Options.Create(options ?? Options),
            Microsoft.Extensions.Options.Options.Create(new RerankerOptions()),
            NullLogger<AnswerDialog>.Instance);
    }

    public static CleanseBotMetrics Metrics() => new(MeterServices.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    public static CleanseBotActivityHandler ActivityHandler()
    {
        var state = new ConversationState(new MemoryStorage());
        var questionLog = QuestionLogOff();
        var provider = new KnowledgeIndexProvider();
        provider.Publish(Index);
        var alternates = new SuggestedAlternates(questionLog, Replies(), provider, Microsoft.Extensions.Options.Options.Create(Options), Microsoft.Extensions.Options.Options.Create(new ConversationStateOptions()), TimeProvider.System);
        return new(Dialog(), Replies(), state, Metrics(), questionLog, alternates, Microsoft.Extensions.Options.Options.Create(Options));
    }

    /// <summary>The question log switched off: these parts answer without a service to write the log.</summary>
    public static QuestionLogQueue QuestionLogOff() =>
        new(Microsoft.Extensions.Options.Options.Create(new QuestionLogOptions { Enabled = false }), Metrics(), TimeProvider.System);

    private static KnowledgeIndex BuildIndex()
    {
        var knowledge = KnowledgeBase.LoadAsync(KnowledgeFolder, CancellationToken.None).GetAwaiter().GetResult();
        return KnowledgeIndex.Build(knowledge);
    }

    private static AnsweringOptions ReadAnsweringOptions()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: false)
            .Build();
        var options = configuration.GetSection(AnsweringOptions.SectionName).Get<AnsweringOptions>()
            ?? throw new InvalidOperationException("appsettings.json has no Answering section.");

        // The service refuses to start with invalid options; the tests should not quietly run with them either.
        var failures = new DataAnnotationValidateOptions<AnsweringOptions>(null).Validate(null, options);
        return failures.Failed ? throw new OptionsValidationException(nameof(AnsweringOptions), typeof(AnsweringOptions), failures.Failures) : options;
    }
}
