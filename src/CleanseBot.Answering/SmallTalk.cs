namespace CleanseBot.Answering;

/// <summary>Recognises the few messages that are not questions for the knowledge: asking for help, saying hello or thanks.</summary>
internal static class SmallTalk
{
    private static readonly HashSet<string> HelpPhrases = new(StringComparer.OrdinalIgnoreCase)
    {
        "help", "/help", "?", "menu", "commands", "start", "/start", "what can you do", "what can i ask",
        "what can i ask you", "what do you know", "how does this work", "options",
    };

    private static readonly HashSet<string> Greetings = new(StringComparer.OrdinalIgnoreCase)
    {
        "hi", "hello", "hey", "hiya", "howdy", "yo", "good morning", "good afternoon", "good evening", "hi there", "hello there",
    };

    private static readonly HashSet<string> Thanks = new(StringComparer.OrdinalIgnoreCase)
    {
        "thanks", "thank you", "thx", "ty", "cheers", "thanks a lot", "thank you so much", "great thanks", "ok thanks",
    };

    public static SmallTalkKind Classify(string text)
    {
        var phrase = text.Trim().TrimEnd('!', '.', ' ', '?');
        if (phrase.Length == 0)
        {
            // Only punctuation, such as "?": the person wants to know what to ask.
            return SmallTalkKind.Help;
        }

        if (HelpPhrases.Contains(phrase))
        {
            return SmallTalkKind.Help;
        }

        if (Greetings.Contains(phrase))
        {
            return SmallTalkKind.Greeting;
        }

        return Thanks.Contains(phrase) ? SmallTalkKind.Thanks : SmallTalkKind.None;
    }
}

internal enum SmallTalkKind
{
    None,
    Help,
    Greeting,
    Thanks,
}
