using System.Globalization;
using CleanseBot.Answering;
using CleanseBot.QuestionLog;

namespace CleanseBot.QuestionLogging;

/// <summary>
/// A turn waiting in the queue, as the request path left it: nothing computed yet, so that recording a turn costs
/// the turn one allocation. <see cref="ToLoggedTurn"/>, on the writer's thread, masks, hashes and picks the fields.
/// </summary>
internal sealed record PendingTurn(Guid TurnId, DateTimeOffset At, string Channel, string ConversationId, string? Text, Decision Decision, TimeSpan TurnTime, string? ReplyId)
    : QueuedRecord
{
    /// <summary>Characters of a message that wait in the queue: twice what is logged, so masking sees whole words.</summary>
    internal const int MaxQueuedLength = 2 * MaxLoggedLength;

    // Messages over Answering:MaxMessageLength are refused but still logged; a content owner needs their start, not all
    // of a pasted page. Cut after masking, so the cut never splits an address into an unmasked part.
    internal const int MaxLoggedLength = 2000;

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

        return new LoggedTurn(
            TurnId,
            At,
            Channel,
            hash.Of(ConversationId),
            message,
            Decision.Kind.ToString(),
            Decision.Pair?.Id,
            Confidence(Decision),
            Decision.RedFlag?.Kind.ToString(),
            TurnTime,
            ReplyId);
    }

    /// <summary>The answered pair's confidence when there is one, otherwise the best candidate's; none when nothing was searched.</summary>
    private static double? Confidence(Decision decision)
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

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{TurnId} {Decision.Kind}");
}
