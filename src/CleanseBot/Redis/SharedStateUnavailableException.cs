namespace CleanseBot.Redis;

/// <summary>
/// Redis could not be reached, or did not answer within Redis:Timeout. Whatever needed it is refused with 503 and
/// Retry-After (a visitor's client tries again), never answered with an apology for a turn that did not happen.
/// </summary>
public sealed class SharedStateUnavailableException(string message, Exception inner) : Exception(message, inner);
