using CleanseBot.Evaluation;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Concepts;
using CleanseBot.Knowledge.Ranking;
using CleanseBot.Knowledge.Search;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Evaluation;

/// <summary>
/// The passage ranker, answerability and warning-sign models shipped in CleanseBot.Knowledge are what the evaluation
/// command's <c>--train</c> makes from the sets in the repository, and nothing they learned from judges them.
/// </summary>
public sealed class ModelTrainingTests(ModelTrainingTests.Retrained retrained) : IClassFixture<ModelTrainingTests.Retrained>
{
    private static readonly string[] BlindSets = ["holdout-7.tsv", "holdout-8.tsv", "holdout-9.tsv", "holdout-10.tsv", "holdout-11.tsv", "holdout-12.tsv", "holdout-13.tsv", "holdout-14.tsv", "holdout-15.tsv", "holdout-16.tsv", "holdout-17.tsv", "holdout-18.tsv", "holdout-19.tsv", "holdout-20.tsv", "warnings-blind.tsv", "warnings-blind-2.tsv", "warnings-blind-3.tsv", "warnings-blind-4.tsv", "warnings-blind-5.tsv", "warnings-blind-6.tsv", "warnings-blind-7.tsv", "warnings-blind-8.tsv", "warnings-blind-9.tsv", "warnings-blind-10.tsv", "warnings-blind-11.tsv", "warnings-blind-12.tsv", "warnings-blind-13.tsv", "warnings-blind-14.tsv", "warnings-blind-15.tsv", "warnings-blind-16.tsv", "warnings-blind-17.tsv", "warnings-blind-18.tsv", "warnings-blind-19.tsv", "warnings-blind-20.tsv", "warnings-blind-21.tsv", "warnings-blind-22.tsv", "warnings-blind-23.tsv", "warnings-blind-24.tsv"];

    private const string Retrain = "The training sets or the knowledge changed since the model was trained: retrain it (evaluation/README.md).";

    // L-BFGS takes the same steps everywhere only as far as floating point lets it: ML.NET's vector code is as wide as
    // the processor's, so a machine with AVX2 stops a little apart from one with AVX-512. Measured between two such
    // machines: weights apart by up to 0.0015, the passage classifier's (673 words × 67 pairs, looser) by up to 0.011.
    // A change of data or of a signal moves weights by far more, and the fingerprint catches a change of data anyway.
    private const double WeightTolerance = 0.005;
    private const double ClassifierTolerance = 0.03;

    [Fact]
    public void Retraining_on_the_training_sets_reproduces_the_shipped_ranker_and_its_classifier()
    {
        var shipped = PassageRanker.Shipped!;
        var ranker = retrained.Ranking.Ranker;

        Assert.True(ranker.File.Fingerprint == shipped.File.Fingerprint, Retrain);
        Assert.Equal(shipped.File.TrainedOn, ranker.File.TrainedOn);
        Assert.Equal(shipped.File.Bias, ranker.File.Bias, WeightTolerance);
        Assert.All(shipped.File.Weights.Zip(ranker.File.Weights), pair => Assert.Equal(pair.First, pair.Second, WeightTolerance));
        Assert.All(shipped.File.Mean.Zip(ranker.File.Mean), pair => Assert.Equal(pair.First, pair.Second, WeightTolerance));
        Assert.Equal(shipped.Classifier.File.Pairs, ranker.Classifier.File.Pairs);
        Assert.Equal(shipped.Classifier.File.Words.Keys, ranker.Classifier.File.Words.Keys);
        Assert.All(shipped.Classifier.File.Bias.Zip(ranker.Classifier.File.Bias), pair => Assert.Equal(pair.First, pair.Second, ClassifierTolerance));
        Assert.All(shipped.Classifier.File.Words, word => Assert.All(
            word.Value.Zip(ranker.Classifier.File.Words[word.Key]), pair => Assert.Equal(pair.First, pair.Second, ClassifierTolerance)));
    }

    [Fact]
    public void Retraining_on_the_training_sets_reproduces_the_shipped_model()
    {
        var shipped = AnswerabilityModel.Shipped!.File;
        var model = retrained.Answerability;

        Assert.True(model.File.Fingerprint == shipped.Fingerprint, Retrain);
        Assert.Equal(shipped.TrainedOn, model.File.TrainedOn);
        Assert.Equal(shipped.Bias, model.File.Bias, WeightTolerance);
        Assert.All(shipped.Weights.Zip(model.File.Weights), pair => Assert.Equal(pair.First, pair.Second, WeightTolerance));
        Assert.All(shipped.Mean.Zip(model.File.Mean), pair => Assert.Equal(pair.First, pair.Second, WeightTolerance));
        Assert.Equal(shipped.Words!.Keys, model.File.Words!.Keys);
        Assert.All(shipped.Words, weight => Assert.Equal(weight.Value, model.File.Words[weight.Key], WeightTolerance));
    }

    [Fact]
    public async Task Retraining_on_the_training_sets_reproduces_the_shipped_warning_sign_model()
    {
        var knowledge = await KnowledgeBase.LoadAsync(RealBot.KnowledgeFolder, CancellationToken.None);
        var sets = TrainingData.TrainingSets(AppContext.BaseDirectory);
        var signSets = TrainingData.WarningSignSets(AppContext.BaseDirectory, sets);
        var rules = knowledge.WarningSigns!;

        var model = WarningSignTraining.Train(
            rules, WarningSignTraining.Examples(knowledge, signSets), TrainingData.Fingerprint(knowledge, sets), [.. signSets.Select(set => set.Set)]);

        var shipped = WarningSignModel.Shipped!.File;
        Assert.True(model.File.Fingerprint == shipped.Fingerprint, Retrain);
        foreach (var (shippedReading, retrainedReading) in new[] { (shipped.Warning, model.File.Warning), (shipped.Urgency, model.File.Urgency) })
        {
            Assert.Equal(shippedReading.Weights.Keys, retrainedReading.Weights.Keys);
            Assert.Equal(shippedReading.Bias, retrainedReading.Bias, WeightTolerance);
            Assert.All(shippedReading.Weights, weight => Assert.Equal(weight.Value, retrainedReading.Weights[weight.Key], WeightTolerance));
            Assert.Equal(shippedReading.Words?.Keys, retrainedReading.Words?.Keys);
            Assert.All(shippedReading.Words ?? new Dictionary<string, double>(), weight => Assert.Equal(weight.Value, retrainedReading.Words![weight.Key], WeightTolerance));
            Assert.Equal(shippedReading.Pieces?.Keys, retrainedReading.Pieces?.Keys);
            Assert.All(shippedReading.Pieces ?? new Dictionary<string, double>(), weight => Assert.Equal(weight.Value, retrainedReading.Pieces![weight.Key], WeightTolerance));
            Assert.Equal(shippedReading.Meaning?.Count, retrainedReading.Meaning?.Count);
            Assert.All((shippedReading.Meaning ?? []).Zip(retrainedReading.Meaning ?? []), weights => Assert.Equal(weights.First, weights.Second, WeightTolerance));
        }
    }

    [Fact]
    public void Trains_only_on_sets_that_exist_and_never_on_a_blind_one()
    {
        var sets = TrainingData.TrainingSets(AppContext.BaseDirectory);

        Assert.NotEmpty(sets);
        Assert.All(sets, set => Assert.DoesNotContain(set.Set, BlindSets));
        Assert.All(sets, set => Assert.NotEmpty(set.Cases));
    }

    /// <summary>The ranker and the answerability model trained once for the tests that compare them with the shipped ones.</summary>
    public sealed class Retrained : IAsyncLifetime
    {
        internal RankerTraining.Trained Ranking { get; private set; } = null!;

        internal AnswerabilityModel Answerability { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var knowledge = await KnowledgeBase.LoadAsync(RealBot.KnowledgeFolder, CancellationToken.None);
            using var index = KnowledgeIndex.Build(knowledge);
            var sets = TrainingData.TrainingSets(AppContext.BaseDirectory);
            var fingerprint = TrainingData.Fingerprint(knowledge, sets);
            string[] trainedOn = [.. sets.Select(set => set.Set)];
            Ranking = RankerTraining.Train(knowledge, index, sets, fingerprint, trainedOn);
            Answerability = AnswerabilityTraining.Train(AnswerabilityTraining.Examples(index, sets, Ranking.WithoutSet), fingerprint, trainedOn);
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
