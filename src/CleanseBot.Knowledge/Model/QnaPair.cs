namespace CleanseBot.Knowledge.Model;

/// <summary>One answerable unit of the knowledge: a question, its phrasings, the answer and where it sits in the guide.</summary>
public sealed record QnaPair(
    int Id,
    string Question,
    IReadOnlyList<string> AlternateQuestions,
    string Answer,
    IReadOnlyList<QnaFilter> Filters,
    IReadOnlyList<QnaPrompt> Prompts,
    SourceLocation Source)
{
    /// <summary>The guide's section path, e.g. "Choosing the Right Products > Toners and Astringents".</summary>
    public string Section => FilterValue(KnownFilters.Section) ?? string.Empty;

    /// <summary>
    /// The answer without the "Yes." or "No," it opens with when it was written for a yes-or-no question; the answer
    /// itself when it opens otherwise. Asked "what does it do for my complexion?", a reply that opens with "Yes." reads
    /// as if the bot misheard.
    /// </summary>
    public string Body => YesNoOpener.Without(Answer);

    public string? FilterValue(string name)
    {
        foreach (var filter in Filters)
        {
            if (string.Equals(filter.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return filter.Value;
            }
        }

        return null;
    }
}

/// <summary>A <c>- name = value</c> line under <c>**Filters:**</c> (QnA Maker metadata).</summary>
public sealed record QnaFilter(string Name, string Value);

/// <summary>A follow-up under <c>**Prompts:**</c>: <c>- [DisplayText](#TargetId)</c>.</summary>
public sealed record QnaPrompt(string DisplayText, int TargetId, bool ContextOnly);

/// <summary>Where a pair was authored, so that errors and diagnostics can point a human at it.</summary>
public sealed record SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}

public static class KnownFilters
{
    public const string Section = "section";
    public const string Kind = "kind";
}

/// <summary>The "Yes." or "No," that opens an answer written for a yes-or-no question.</summary>
internal static class YesNoOpener
{
    private static readonly string[] Openers = ["Yes. ", "Yes, ", "No. ", "No, "];

    public static string Without(string answer)
    {
        foreach (var opener in Openers)
        {
            if (answer.StartsWith(opener, StringComparison.Ordinal) && answer.Length > opener.Length)
            {
                var body = answer[opener.Length..].TrimStart();
                return body.Length == 0 ? answer : char.ToUpperInvariant(body[0]) + body[1..];
            }
        }

        return answer;
    }
}
