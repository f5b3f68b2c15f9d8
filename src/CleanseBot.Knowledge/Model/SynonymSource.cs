namespace CleanseBot.Knowledge.Model;

/// <summary>The text of a synonym file and its name, for error messages.</summary>
public sealed record SynonymSource(string FileName, string Text)
{
    public static SynonymSource None { get; } = new("(none)", string.Empty);
}
