using Stopwatch = System.Diagnostics.Stopwatch;
using CleanseBot.Hosting;
using Activity = Microsoft.Bot.Schema.Activity;
using Microsoft.Extensions.Options;

namespace CleanseBot.Dialogs;

/// <summary>
/// Decides what to say to one message: a friendly word for empty, over-long or small-talk messages, otherwise
/// the best-matching knowledge answer, or an honest "not covered" when nothing matches confidently enough.
/// </summary>
internal sealed partial class AnswerDialog(
    KnowledgeIndexProvider indexProvider,
    Replies replies,
    IOptions<AnsweringOptions> options,
    ILogger<AnswerDialog> logger)
{
    private const int CandidatesToConsider = 3;

    private readonly AnsweringOptions _options = options.Value;

    public async Task<Activity> ReplyToAsync(string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return replies.EmptyMessage();
        }

        if (text.Length > _options.MaxMessageLength)
        {
            LogTooLong(logger, text.Length, _options.MaxMessageLength);
            return replies.TooLong(text.Length);
        }

        switch (SmallTalk.Classify(text))
        {
            case SmallTalkKind.Help:
                return replies.Help();
            case SmallTalkKind.Greeting:
                return replies.Welcome();
            case SmallTalkKind.Thanks:
                return replies.Thanks();
        }

        var index = await indexProvider.GetAsync(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var result = index.Search(text, CandidatesToConsider);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogQuestion(logger, text);

        if (result.Best is not { } best || best.Confidence < _options.ConfidenceThreshold)
        {
            LogNotCovered(logger, result.Best?.Pair.Id, result.Best?.Confidence ?? 0, _options.ConfidenceThreshold, elapsed);
            return replies.NotCovered();
        }

        LogAnswered(logger, best.Pair.Id, best.Confidence, elapsed);
        return replies.Answer(best.Pair, index.Knowledge);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Question text: {Text}")]
    private static partial void LogQuestion(ILogger logger, string text);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered with pair {PairId} at confidence {Confidence:F2} (search {ElapsedMs:F2} ms)")]
    private static partial void LogAnswered(ILogger logger, int pairId, double confidence, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Not covered: best pair {PairId} at confidence {Confidence:F2} is below {Threshold:F2} (search {ElapsedMs:F2} ms)")]
    private static partial void LogNotCovered(ILogger logger, int? pairId, double confidence, double threshold, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message of {Length} characters is over the limit of {MaxLength}")]
    private static partial void LogTooLong(ILogger logger, int length, int maxLength);
}
