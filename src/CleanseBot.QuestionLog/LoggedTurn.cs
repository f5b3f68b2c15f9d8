namespace CleanseBot.QuestionLog;

/// <summary>
/// One turn as the question log keeps it: nothing that names the visitor. <see cref="Conversation"/> is a salted hash
/// (<see cref="ConversationHash"/>) and <see cref="Message"/> has been through <see cref="PersonalDataMask"/>.
/// </summary>
/// <param name="TurnId">Chosen by the service when the turn is decided, so feedback on the reply can name it.</param>
/// <param name="Decision">What the bot did, by the name of the service's decision kind (Answer, DidYouMean, NotCovered, RedFlag...).</param>
/// <param name="PairId">The answer's pair, when there was one.</param>
/// <param name="Confidence">The best candidate's confidence, when the guide was searched.</param>
/// <param name="RedFlag">The warning sign's kind, when the message had one.</param>
/// <param name="TurnTime">From the message reaching the bot to its reply sent and the conversation saved.</param>
/// <param name="ReplyId">The id the channel gave the bot's reply, when it gave one: Teams names the reply its feedback is about by it.</param>
public sealed record LoggedTurn(
    Guid TurnId,
    DateTimeOffset At,
    string Channel,
    string Conversation,
    string Message,
    string Decision,
    int? PairId,
    double? Confidence,
    string? RedFlag,
    TimeSpan TurnTime,
    string? ReplyId = null);
