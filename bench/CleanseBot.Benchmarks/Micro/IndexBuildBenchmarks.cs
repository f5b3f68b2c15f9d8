using BenchmarkDotNet.Attributes;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Benchmarks.Micro;

/// <summary>What the service does at start-up before it can answer: read knowledge/ and build the index.</summary>
public class IndexBuildBenchmarks
{
    private KnowledgeBase _knowledge = null!;
    private string _folder = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _folder = RealKnowledge.Folder;
        _knowledge = RealKnowledge.Load();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> LoadAndBuild()
    {
        var knowledge = await KnowledgeBase.LoadAsync(_folder, CancellationToken.None).ConfigureAwait(false);
        using var index = KnowledgeIndex.Build(knowledge);
        return index.Knowledge.Pairs.Count;
    }

    [Benchmark]
    public int BuildOnly()
    {
        using var index = KnowledgeIndex.Build(_knowledge);
        return index.Knowledge.Pairs.Count;
    }
}
