namespace CleanseBot.Knowledge.Search;

/// <summary>
/// The words a question opens with, as people type them ("wats", "shud", "isnt"), as pieces of the patterns that
/// find the asking part of a message (<see cref="AskingSentence"/>), its shape (<see cref="QuestionShape"/>) and
/// what its pronoun stands for (<see cref="Referent"/>): one list, so the three read a question alike.
/// </summary>
internal static class QuestionWords
{
    /// <summary>What a chat message may open with before its question: "so", "ok", "wait, ...".</summary>
    public const string Fillers = @"(?:(?:so|and|but|ok|okay|hey|hi|um|also|wait|like|sorry)\b[\s,]*)*";

    /// <summary>"What is", "which one".</summary>
    public const string What = "what's|whats|what|wats|wat|which";

    /// <summary>"Why", and "how come", which asks the same.</summary>
    public const string Why = @"why|how\s+come";

    /// <summary>Question words that ask neither what, why nor how.</summary>
    public const string Other = "who|where|when";

    /// <summary>The verbs a yes-or-no question opens with.</summary>
    public const string YesNoVerbs = "is|are|am|was|were|isnt|arent|does|do|did|doesnt|dont|can|could|cant|should|shud|would|will|wont|has|have";
}
