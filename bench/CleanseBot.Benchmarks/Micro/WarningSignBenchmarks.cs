using BenchmarkDotNet.Attributes;
using CleanseBot.Knowledge.Search;
using CleanseBot.Knowledge.Concepts;

namespace CleanseBot.Benchmarks.Micro;

/// <summary>
/// The warning-sign check that runs before every answer, beside the search it precedes, on the evaluation set's
/// messages: its cost as a share of the search's, measured in one run; the concepts, the message's meaning and its words'
/// pieces apart.
/// </summary>
public class WarningSignBenchmarks
{
    private KnowledgeIndex _index = null!;
    private ConceptRules _warningSigns = null!;
    private IReadOnlyList<string> _messages = [];
    private int _next;

    public enum MessageKind
    {
        Answerable,
        WarningSigns,
    }

    [ParamsAllValues]
    public MessageKind Messages { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _index = KnowledgeIndex.Build(RealKnowledge.Load());
        _warningSigns = _index.Knowledge.WarningSigns ?? throw new InvalidOperationException("The knowledge has no warning-signs.txt.");
        _messages = Messages == MessageKind.Answerable ? RealQuestions.Answerable : RealQuestions.WarningSigns;
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    [Benchmark(Baseline = true)]
    public SearchResult Search() => _index.Search(_messages[_next++ % _messages.Count], 3);

    [Benchmark]
    public ConceptMatch? Match() => _warningSigns.Match(_messages[_next++ % _messages.Count]);

    // What the learned warning-sign model reads beside the concepts, on every message since it may overrule a rule.
    [Benchmark]
    public float[] Meaning() => _warningSigns.Meaning(_messages[_next++ % _messages.Count]);

    // The pieces of its words the same model weighs, on every message for the same reason.
    [Benchmark]
    public long[] Pieces() => WordPieces.Numbers(_messages[_next++ % _messages.Count]);
}
