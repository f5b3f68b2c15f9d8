using CleanseBot.Evaluation;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Concepts;
using CleanseBot.Knowledge.Ranking;
using CleanseBot.Knowledge.Search;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Evaluation;

/// <summary>
/// The answerability and warning-sign models shipped in CleanseBot.Knowledge are what the evaluation command's
/// <c>--train</c> makes from the sets in the repository, and nothing they learned from judges them.
/// </summary>
public sealed class ModelTrainingTests
{
    private static readonly string[] BlindSets = ["holdout-7.tsv", "holdout-8.tsv", "holdout-9.tsv", "holdout-10.tsv", "holdout-11.tsv", "warnings-blind.tsv", "warnings-blind-2.tsv", "warnings-blind-3.tsv", "warnings-blind-4.tsv"];

    [Fact]
    public async Task Retraining_on_the_training_sets_reproduces_the_shipped_model()
    {
        var knowledge = await KnowledgeBase.LoadAsync(RealBot.KnowledgeFolder, CancellationToken.None);
        using var index = KnowledgeIndex.Build(knowledge);
        var sets = TrainingData.TrainingSets(AppContext.BaseDirectory);

        var retrained = AnswerabilityTraining.Train(
            AnswerabilityTraining.Examples(index, sets), TrainingData.Fingerprint(knowledge, sets), [.. sets.Select(set => set.Set)]);

        var shipped = AnswerabilityModel.Shipped!.File;
        Assert.True(retrained.File.Fingerprint == shipped.Fingerprint,
            "The training sets or the knowledge changed since the model was trained: retrain it (evaluation/README.md).");
        Assert.Equal(shipped.TrainedOn, retrained.File.TrainedOn);
        Assert.Equal(shipped.Bias, retrained.File.Bias, precision: 4);
        Assert.All(shipped.Weights.Zip(retrained.File.Weights), pair => Assert.Equal(pair.First, pair.Second, precision: 4));
        Assert.All(shipped.Mean.Zip(retrained.File.Mean), pair => Assert.Equal(pair.First, pair.Second, precision: 4));
        Assert.Equal(shipped.Words!.Keys, retrained.File.Words!.Keys);
        Assert.All(shipped.Words, weight => Assert.Equal(weight.Value, retrained.File.Words[weight.Key], precision: 4));
    }

    [Fact]
    public async Task Retraining_on_the_training_sets_reproduces_the_shipped_warning_sign_model()
    {
        var knowledge = await KnowledgeBase.LoadAsync(RealBot.KnowledgeFolder, CancellationToken.None);
        var sets = TrainingData.TrainingSets(AppContext.BaseDirectory);
        var rules = knowledge.WarningSigns!;

        var retrained = WarningSignTraining.Train(
            rules, WarningSignTraining.Examples(knowledge, sets), TrainingData.Fingerprint(knowledge, sets), [.. sets.Select(set => set.Set)]);

        var shipped = WarningSignModel.Shipped!.File;
        Assert.True(retrained.File.Fingerprint == shipped.Fingerprint,
            "The training sets or the knowledge changed since the model was trained: retrain it (evaluation/README.md).");
        foreach (var (shippedReading, retrainedReading) in new[] { (shipped.Warning, retrained.File.Warning), (shipped.Urgency, retrained.File.Urgency) })
        {
            Assert.Equal(shippedReading.Weights.Keys, retrainedReading.Weights.Keys);
            Assert.Equal(shippedReading.Bias, retrainedReading.Bias, precision: 4);
            Assert.All(shippedReading.Weights, weight => Assert.Equal(weight.Value, retrainedReading.Weights[weight.Key], precision: 4));
            Assert.Equal(shippedReading.Words?.Keys, retrainedReading.Words?.Keys);
            Assert.All(shippedReading.Words ?? new Dictionary<string, double>(), weight => Assert.Equal(weight.Value, retrainedReading.Words![weight.Key], precision: 4));
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
}
