using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Ranking;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

/// <summary>
/// The learned passage ranker (<see cref="PassageRanker"/>) and its classifier (<see cref="PassageClassifier"/>): the
/// candidates come in the ranker's order, the thresholds still judge how well the guide's words meet the message, and a
/// pair the classifier never learned leaves the search's own order.
/// </summary>
[Collection(RealKnowledge.Name)]
public sealed class PassageRankerTests(KnowledgeFixture fixture)
{
    [Fact]
    public void The_shipped_ranker_weighs_the_searchs_signals_and_the_classifier_knows_every_pair_of_the_knowledge()
    {
        var ranker = PassageRanker.Shipped;

        Assert.NotNull(ranker);
        Assert.Equal([.. CandidateSignals.Names, PassageRanker.ClassifierFeature], ranker.File.Features);
        Assert.All(fixture.Index.Knowledge.Pairs, pair => Assert.True(ranker.Classifier.Knows(pair.Id), $"pair {pair.Id}"));
    }

    [Fact]
    public void The_classifiers_probabilities_over_its_pairs_add_up_to_one_and_words_it_never_learned_change_nothing()
    {
        var classifier = Classifier(("steam", [2.0, 0.0, -1.0]));

        var read = classifier.Read(["steam", "zebra"]);

        Assert.Equal(1, Math.Exp(read.Of(1)) + Math.Exp(read.Of(2)) + Math.Exp(read.Of(3)), precision: 9);
        Assert.True(read.Of(1) > read.Of(2) && read.Of(2) > read.Of(3));
        Assert.Equal(read.Of(2), classifier.Read(["steam"]).Of(2), precision: 12);
        Assert.Equal(Math.Log(1.0 / 3), classifier.Read(["zebra"]).Of(3), precision: 9);
    }

    [Fact]
    public void A_classifier_file_with_a_weight_missing_or_not_a_number_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => Classifier(("steam", [1.0, 2.0])));
        Assert.Throws<InvalidDataException>(() => Classifier(("steam", [1.0, double.NaN, 0.0])));
        Assert.Throws<InvalidDataException>(() => new PassageClassifier(new PassageClassifier.ClassifierFile("f", [], [1, 1], [0.0, 0.0], new Dictionary<string, double[]>())));
    }

    [Fact]
    public void Candidates_come_in_the_rankers_order_and_their_confidences_stay_highest_first()
    {
        // A ranker that weighs the classifier alone, and a classifier for which "steam" points to the third candidate.
        var ranker = new PassageRanker(OnlyClassifier(), Classifier(("steam", [0.0, 0.0, 3.0])));
        List<SearchCandidate> candidates = [Candidate(1, 0.9), Candidate(2, 0.8), Candidate(3, 0.6)];

        ranker.Order(candidates, ["steam"]);

        Assert.Equal([3, 1, 2], candidates.Select(candidate => candidate.Pair.Id));
        Assert.Equal([0.9, 0.8, 0.6], candidates.Select(candidate => candidate.Confidence));
        Assert.Equal(candidates.Select(candidate => candidate.RankerScore!.Value).OrderDescending(), candidates.Select(candidate => candidate.RankerScore!.Value));
        Assert.True(candidates[0].Signals!.PassageProbability > candidates[1].Signals!.PassageProbability);
    }

    [Fact]
    public void A_candidate_the_classifier_never_learned_leaves_the_searchs_order()
    {
        var ranker = new PassageRanker(OnlyClassifier(), Classifier(("steam", [0.0, 0.0, 3.0])));
        List<SearchCandidate> candidates = [Candidate(1, 0.9), Candidate(899, 0.8), Candidate(3, 0.6)];

        ranker.Order(candidates, ["steam"]);

        Assert.Equal([1, 899, 3], candidates.Select(candidate => candidate.Pair.Id));
    }

    [Fact]
    public void A_ranker_file_that_weighs_other_features_than_the_search_measures_is_refused()
    {
        var file = OnlyClassifier() with { Features = CandidateSignals.Names };

        var refused = Assert.Throws<InvalidDataException>(() => new PassageRanker(file, Classifier(("steam", [0.0, 0.0, 0.0]))));

        Assert.Contains("retrain", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_search_orders_by_the_shipped_ranker_and_without_a_ranker_by_its_own_evidence()
    {
        var message = "whats the point of cleaning pores out properly";

        var ranked = fixture.Index.Search(message, 5);
        var unranked = fixture.Index.Search(message, 5, AnswerabilityModel.Shipped, ranker: null);

        Assert.Equal(unranked.Candidates.Select(candidate => candidate.Confidence), ranked.Candidates.Select(candidate => candidate.Confidence));
        var ranker = PassageRanker.Shipped!;
        var classified = ranker.Classifier.Read(MessageWords.Of(message));
        var scores = ranked.Candidates.Select(candidate =>
        {
            var features = new double[PassageRanker.FeatureNames.Count];
            PassageRanker.Features(candidate.Signals!, classified.Of(candidate.Pair.Id), features);
            return ranker.Score(features);
        }).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        // A message the ranker orders otherwise than the evidence does, so that the order above is the ranker's doing.
        Assert.NotEqual(unranked.Candidates.Select(candidate => candidate.Pair.Id), ranked.Candidates.Select(candidate => candidate.Pair.Id));
    }

    private static PassageClassifier Classifier((string Word, double[] Weights) word) =>
        new(new PassageClassifier.ClassifierFile("test", [], [1, 2, 3], [0.0, 0.0, 0.0], new Dictionary<string, double[]> { [word.Word] = word.Weights }));

    private static LinearModelFile OnlyClassifier()
    {
        var count = PassageRanker.FeatureNames.Count;
        var weights = new double[count];
        weights[CandidateSignals.Names.Count] = 1; // the classifier's reading of the whole message
        return new LinearModelFile("test", [], PassageRanker.FeatureNames, new double[count], [.. Enumerable.Repeat(1.0, count)], weights, 0);
    }

    private static SearchCandidate Candidate(int id, double confidence) =>
        new(new QnaPair(id, $"question {id}", [], $"answer {id}", [], [], new SourceLocation("test.qna", id)), 1f, confidence) { Signals = new CandidateSignals { LexicalConfidence = confidence } };
}
