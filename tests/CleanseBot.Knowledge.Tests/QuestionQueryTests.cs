using CleanseBot.Knowledge.Search;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace CleanseBot.Knowledge.Tests;

/// <summary>
/// <see cref="QuestionQuery"/> stands in for a BooleanQuery of one DisjunctionMaxQuery of TermQuerys per term and
/// a sloppy PhraseQuery per neighbouring pair, which allocated hundreds of kilobytes a search. Rankings, thresholds
/// and the evaluation figures were tuned on that query's scores, so it must give the very same ones.
/// </summary>
[Collection(RealKnowledge.Name)]
public sealed class QuestionQueryTests(KnowledgeFixture fixture)
{
    private static readonly (string Field, float Boost)[] WeightedFields =
        [("question", 4f), ("alternates", 3f), ("section", 1.5f), ("answer", 1f)];

    private static readonly string[] PhraseFields = ["question", "alternates"];

    [Fact]
    public void Scores_every_evaluation_message_exactly_as_the_lucene_query_it_replaces()
    {
        using var directory = IndexOf(fixture.Knowledge);
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var segment = reader.Leaves[0].AtomicReader;
        var indexed = IndexedTerms.Read(segment, QuestionQuery.Fields);
        var scratch = new SearchScratch(segment, QuestionQuery.Fields);
        var compared = 0;
        foreach (var message in Repository.EvaluationMessages())
        {
            var terms = fixture.Index.Search(message, 1).QueryTerms;
            if (terms.Count == 0)
            {
                continue;
            }

            var expected = searcher.Search(LuceneQuery(terms, segment), 10).ScoreDocs;
            var actual = searcher.Search(new QuestionQuery(terms, indexed, scratch), 10).ScoreDocs;

            Assert.Equal(Describe(expected), Describe(actual));
            compared++;
        }

        Assert.True(compared > 200, $"only {compared} messages had terms");
    }

    private static string Describe(ScoreDoc[] hits) =>
        string.Join(", ", hits.Select(hit => $"{hit.Doc}:{hit.Score:R}"));

    // As the index was built, and queried, before QuestionQuery.
    private static RAMDirectory IndexOf(KnowledgeBase knowledge)
    {
        var queryAnalyzer = new KnowledgeAnalyzer();
        var synonyms = knowledge.Synonyms.Text.Length == 0 ? null : SynonymRules.Parse(knowledge.Synonyms, queryAnalyzer);
        var directory = new RAMDirectory();
        var config = new IndexWriterConfig(KnowledgeAnalyzer.Version, new KnowledgeAnalyzer(synonyms))
        {
            Similarity = new BM25Similarity(),
            MergePolicy = new LogByteSizeMergePolicy(),
        };
        using var writer = new IndexWriter(directory, config);
        foreach (var pair in knowledge.Pairs)
        {
            var document = new Document
            {
                new TextField("question", pair.Question, Field.Store.NO),
                new TextField("section", pair.Section, Field.Store.NO),
                new TextField("answer", pair.Answer, Field.Store.NO),
            };
            foreach (var alternate in pair.AlternateQuestions)
            {
                document.Add(new TextField("alternates", alternate, Field.Store.NO));
            }

            writer.AddDocument(document);
        }

        writer.ForceMerge(1);
        writer.Commit();
        return directory;
    }

    private static BooleanQuery LuceneQuery(IReadOnlyList<QueryTerm> terms, AtomicReader segment)
    {
        bool Holds(string field, string text) => segment.DocFreq(new Term(field, text)) > 0;

        var query = new BooleanQuery();
        foreach (var term in terms)
        {
            var anyField = new DisjunctionMaxQuery(0.3f) { Boost = term.Boost };
            foreach (var (field, boost) in WeightedFields.Where(weighted => Holds(weighted.Field, term.Text)))
            {
                anyField.Add(new TermQuery(new Term(field, term.Text)) { Boost = boost });
            }

            if (anyField.Disjuncts.Count > 0)
            {
                query.Add(anyField, Occur.SHOULD);
            }
        }

        for (var i = 1; i < terms.Count; i++)
        {
            foreach (var field in PhraseFields.Where(field => Holds(field, terms[i - 1].Text) && Holds(field, terms[i].Text)))
            {
                var phrase = new PhraseQuery { Slop = 2, Boost = 2f };
                phrase.Add(new Term(field, terms[i - 1].Text));
                phrase.Add(new Term(field, terms[i].Text));
                query.Add(phrase, Occur.SHOULD);
            }
        }

        return query;
    }
}
