namespace CleanseBot.Tests.LiveKnowledge;

/// <summary>What a content owner does to a copy of the knowledge (never the repository's own): add a pair, break a file.</summary>
internal static class KnowledgeEdits
{
    public const string File = "08-faq.qna";

    /// <summary>The question a new pair answers, and words of its answer no other pair has.</summary>
    public static string Question(int id) => $"what is a zebra{id} facial";

    public static string AnswerWords(int id) => $"Zebra{id} facials are a made-up treatment";

    /// <summary>Appends a valid pair with <paramref name="id"/>, as an editor saving the file does.</summary>
    public static void AddPair(string knowledge, int id) =>
        System.IO.File.AppendAllText(Path.Combine(knowledge, File), $"""


            <a id="{id}"></a>

            ## ? {Question(id)}
            - tell me about zebra{id} facials

            ```
            {AnswerWords(id)}, here only to test that a changed guide answers without a restart.
            ```

            """);

    /// <summary>Appends a question with no answer, a mistake the check names by file and line; returns that line.</summary>
    public static int Break(string knowledge)
    {
        var path = Path.Combine(knowledge, File);
        var lines = System.IO.File.ReadAllLines(path).Length;
        System.IO.File.AppendAllText(path, "\n<a id=\"898\"></a>\n\n## ? a question someone forgot to answer\n");
        return lines + 4;
    }
}
