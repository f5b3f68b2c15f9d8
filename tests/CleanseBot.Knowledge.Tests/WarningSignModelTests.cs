using CleanseBot.Knowledge.Concepts;

namespace CleanseBot.Knowledge.Tests;

/// <summary>The learned warning-sign model (<see cref="WarningSignModel"/>): a weight per concept of the warning-sign file, kept by name.</summary>
public sealed class WarningSignModelTests
{
    private static readonly WarningSignModel Model = new(new WarningSignModel.ModelFile(
        "test", [], new Dictionary<string, double> { ["discharge"] = 3, ["heat"] = 1, ["just-asking"] = -4 }, Bias: -2));

    [Fact]
    public void Signs_together_weigh_more_than_one_alone_and_asking_in_general_weighs_against_them()
    {
        string[] concepts = ["discharge", "heat", "just-asking"];

        var one = Model.Probability(concepts, [true, false, false]);
        var both = Model.Probability(concepts, [true, true, false]);
        var asked = Model.Probability(concepts, [true, true, true]);

        Assert.True(both > one && one > asked, $"{one:F2} {both:F2} {asked:F2}");
    }

    [Fact]
    public void A_concept_the_model_never_learned_weighs_nothing_and_one_it_knows_need_not_be_in_the_file()
    {
        // A content owner added "new-sign" and removed "heat": the model still reads the rest.
        var probability = Model.Probability(["new-sign", "discharge"], [true, true]);

        Assert.Equal(1 / (1 + Math.Exp(-(3.0 - 2))), probability, precision: 9);
    }

    [Fact]
    public void The_shipped_model_weighs_the_concepts_of_the_warning_sign_file()
    {
        var rules = KnowledgeBase.Load(KnowledgeFixture.Folder, CancellationToken.None).WarningSigns!;

        var model = WarningSignModel.Shipped!;

        Assert.Equal(rules.Concepts.Order(StringComparer.Ordinal), model.File.Weights.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_model_survives_being_written_and_read_back()
    {
        var read = WarningSignModel.Parse(Model.ToJson());

        Assert.Equal(Model.File.Weights, read.File.Weights);
        Assert.Equal(Model.File.Bias, read.File.Bias);
    }
}
