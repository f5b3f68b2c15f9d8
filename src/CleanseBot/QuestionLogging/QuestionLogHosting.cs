using CleanseBot.Hosting;
using CleanseBot.QuestionLog;
using Microsoft.Extensions.Options;

namespace CleanseBot.QuestionLogging;

/// <summary>The question log's composition: its options, the queue the bot records into, and, when on, the store and its two jobs.</summary>
internal static class QuestionLogHosting
{
    public static WebApplicationBuilder AddQuestionLog(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<QuestionLogOptions>().BindConfiguration(QuestionLogOptions.SectionName).ValidateOnStart(new QuestionLogOptionsValidator());

        // Switched off, the queue ignores what the bot records and both jobs end at once, before the store is made,
        // so no file or database is touched. (Decided when the host starts, not here: settings a host gets later,
        // as the tests' do, are not all visible yet.)
        services.AddSingleton<QuestionLogQueue>();
        services.AddSingleton<SuggestedAlternates>();
        services.AddSingleton(provider => QuestionLogStore.Create(provider.GetRequiredService<IOptions<QuestionLogOptions>>().Value, AppContext.BaseDirectory));
        services.AddHostedService<QuestionLogWriter>();
        services.AddHostedService<QuestionLogRetention>();

        return builder;
    }
}
