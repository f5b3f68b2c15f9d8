using CleanseBot.Evaluation;

namespace CleanseBot.Tests.Evaluation;

/// <summary>
/// <c>training-sets.txt</c> names the sets the models learn from; a set marked answering-only teaches the answering
/// models and never the warning-sign model.
/// </summary>
public sealed class TrainingDataTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("training-sets-").FullName;

    [Fact]
    public void A_set_marked_answering_only_is_trained_on_but_not_by_the_warning_sign_model()
    {
        Write("# comment\nsigns.tsv\nnear-topic.tsv answering-only\n");

        var sets = TrainingData.TrainingSets(_folder);

        Assert.Equal(["signs.tsv", "near-topic.tsv"], sets.Select(static set => set.Set));
        Assert.Equal(["signs.tsv"], TrainingData.WarningSignSets(_folder, sets).Select(static set => set.Set));
    }

    [Fact]
    public void A_line_that_is_not_a_set_alone_or_marked_answering_only_is_refused_with_the_line()
    {
        Write("signs.tsv warnings\n");

        var error = Assert.Throws<InvalidDataException>(() => TrainingData.TrainingSets(_folder));

        Assert.Contains("\"signs.tsv warnings\"", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string trainingSets)
    {
        File.WriteAllText(Path.Combine(_folder, "training-sets.txt"), trainingSets);
        const string Header = "expected\tcategory\tmessage\tprevious\n";
        File.WriteAllText(Path.Combine(_folder, "signs.tsv"), Header + "red-flag\tplain\tmy spot is hot and spreading\t\n");
        File.WriteAllText(Path.Combine(_folder, "near-topic.tsv"), Header + "none\tnear-topic\tdoes steam help cold sores\t\n");
    }
}
