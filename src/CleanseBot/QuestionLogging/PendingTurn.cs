using System.Globalization;
using CleanseBot.Answering;
using CleanseBot.QuestionLog;

namespace CleanseBot.QuestionLogging;

/// <summary>
/// A turn waiting in the queue: the decision's few fields the log keeps, and the message and conversation id as they
/// came. <see cref="ToLoggedTurn"/>, on the writer's thread, masks and hashes them.
/// </summary>
/// <remarks>
/// It holds no <see cref="Decision"/>: a decision keeps its whole search (candidates, their signals), and a queue of a
/// second's turns holding those kept every turn's search alive past the young generation, so the garbage collector
/// copied it on and swept it from the old one (bench/load/question-log.sh, docs/performance.md).
/// </remarks>
internal sealed record PendingTurn(
    Guid TurnId,
    DateTimeOffset At,
    string Channel,
    string ConversationId,
    string? Text,
    DecisionKind Kind,
    int? PairId,
    double? Confidence,
    RedFlagKind? RedFlag,
    TimeSpan TurnTime,
    string? ReplyId)
    : QueuedRecord
{
    /// <summary>Characters of a message that wait in the queue: twice what is logged, so masking sees whole words.</summary>
    internal const int MaxQueuedLength = 2 * MaxLoggedLength;

    // Messages over Answering:MaxMessageLength are refused but still logged; a content owner needs their start, not all
    // of a pasted page. Cut after masking, so the cut never splits an address into an unmasked part.
    internal const int MaxLoggedLength = 2000;

    /// <summary>What the log keeps of <paramref name="decision"/>; the text is cut to <see cref="MaxQueuedLength"/>, nothing else is done to it here.</summary>
    public static PendingTurn Of(Guid turnId, DateTimeOffset at, string channel, string conversationId, string? text, Decision decision, TimeSpan turnTime, string? replyId) =>
        new(
            turnId,
            at,
            channel,
            conversationId,
            // An over-long message (up to the request body limit) would hold its whole text in memory until written.
            text is { Length: > MaxQueuedLength } ? text[..MaxQueuedLength] : text,
            decision.Kind,
            decision.Pair?.Id,
            ConfidenceOf(decision),
            decision.RedFlag?.Kind,
            turnTime,
            replyId);

    public LoggedTurn ToLoggedTurn(ConversationHash hash)
    {
        var message = PersonalDataMask.Mask(Text ?? "");
        if (Text?.Length == MaxQueuedLength)
        {
            // Cut before it was queued: its last word may be part of an address the masks no longer recognise.
            message = message[..Math.Max(0, message.LastIndexOfAny([' ', '\n', '\t']))];
        }

        if (message.Length > MaxLoggedLength)
        {
            message = message[..MaxLoggedLength];
        }

        return new LoggedTurn(TurnId, At, Channel, hash.Of(ConversationId), message, Kind.ToString(), PairId, Confidence, RedFlag?.ToString(), TurnTime, ReplyId);
    }

    /// <summary>The answered pair's confidence when there is one, otherwise the best candidate's; none when nothing was searched.</summary>
    private static double? ConfidenceOf(Decision decision)
    {
        if (decision.Search is not { } search)
        {
            return null;
        }

        foreach (var candidate in search.Candidates)
        {
            if (decision.Pair is { } pair && candidate.Pair.Id == pair.Id)
            {
                return Math.Round(candidate.Confidence, 4);
            }
        }

        return search.Best is { } best ? Math.Round(best.Confidence, 4) : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{TurnId} {Kind}");
}
