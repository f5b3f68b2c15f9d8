using BenchmarkDotNet.Attributes;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Benchmarks.Micro;

/// <summary>One search on the real knowledge, cycling through the evaluation set's messages of one kind.</summary>
public class SearchBenchmarks
{
    private KnowledgeIndex _index = null!;
    private IReadOnlyList<string> _messages = [];
    private int _next;

    public enum MessageKind
    {
        Answerable,
        Misspelled,
        Uncovered,
    }

    [ParamsAllValues]
    public MessageKind Messages { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _index = KnowledgeIndex.Build(RealKnowledge.Load());
        _messages = Messages switch
        {
            MessageKind.Answerable => RealQuestions.Answerable,
            MessageKind.Misspelled => RealQuestions.Misspelled,
            _ => RealQuestions.Uncovered,
        };
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    // The dialog asks for three candidates.
    [Benchmark]
    public SearchResult Search() => _index.Search(_messages[_next++ % _messages.Count], 3);
}
