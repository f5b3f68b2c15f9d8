namespace CleanseBot.Knowledge.Parsing;

/// <summary>A knowledge file that cannot be read; the message names the file and line so an author can fix it.</summary>
public sealed class KnowledgeFormatException : Exception
{
    public KnowledgeFormatException(string file, int line, string problem)
        : base($"{file}:{line}: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    public string File { get; }

    public int Line { get; }

    public string Problem { get; }
}
