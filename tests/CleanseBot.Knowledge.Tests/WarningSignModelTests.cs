using CleanseBot.Knowledge.Concepts;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

/// <summary>The learned warning-sign model (<see cref="WarningSignModel"/>): a weight per concept of the warning-sign file, kept by name.</summary>
public sealed class WarningSignModelTests
{
    private static readonly WarningSignModel Model = new(new WarningSignModel.ModelFile(
        "test", [],
        Warning: new(
            new Dictionary<string, double> { ["discharge"] = 3, ["heat"] = 1, ["just-asking"] = -4 },
            Bias: -2,
            Words: new Dictionary<string, double> { ["soggi"] = 2, ["wallet"] = -3 },
            Meaning: [0.5, -0.25],
            Pieces: new Dictionary<string, double> { ["<oo"] = 2, ["ooz"] = 2, ["oze"] = 1 }),
        Urgency: new(new Dictionary<string, double> { ["unwell"] = 4, ["discharge"] = 0.5 }, Bias: -2, Pieces: new Dictionary<string, double> { ["<fe"] = 8, ["fev"] = 8 })));

    [Fact]
    public void Signs_together_weigh_more_than_one_alone_and_asking_in_general_weighs_against_them()
    {
        string[] concepts = ["discharge", "heat", "just-asking"];

        var one = Model.Probability(concepts, [true, false, false], [], [], []);
        var both = Model.Probability(concepts, [true, true, false], [], [], []);
        var asked = Model.Probability(concepts, [true, true, true], [], [], []);

        Assert.True(both > one && one > asked, $"{one:F2} {both:F2} {asked:F2}");
    }

    [Fact]
    public void A_concept_the_model_never_learned_weighs_nothing_and_one_it_knows_need_not_be_in_the_file()
    {
        // A content owner added "new-sign" and removed "heat": the model still reads the rest.
        var probability = Model.Probability(["new-sign", "discharge"], [true, true], [], [], []);

        Assert.Equal(1 / (1 + Math.Exp(-(3.0 - 2))), probability, precision: 9);
    }

    [Fact]
    public void Words_weigh_beside_the_concepts_and_a_word_it_never_learned_weighs_nothing()
    {
        string[] concepts = ["discharge", "heat", "just-asking"];
        var rules = KnowledgeBase.Load(KnowledgeFixture.Folder, CancellationToken.None).WarningSigns!;
        rules.Match("the scab went soggy", out _, out var soggy);
        rules.Match("my wallet is bleeding", out _, out var wallet);

        var alone = Model.Probability(concepts, [false, true, false], [], [], []);
        var told = Model.Probability(concepts, [false, true, false], soggy, [], []);
        var idiom = Model.Probability(concepts, [false, true, false], wallet, [], []);
        var unknown = Model.Probability(concepts, [false, true, false], ["zebra"], [], []);

        Assert.True(told > alone && alone > idiom, $"{idiom:F2} {alone:F2} {told:F2}");
        Assert.Equal(alone, unknown, precision: 9);
    }

    [Fact]
    public void The_meaning_of_the_message_weighs_beside_its_words_and_a_meaning_from_other_vectors_weighs_nothing()
    {
        var model = new WarningSignModel(Model.File with { Warning = Model.File.Warning with { Meaning = [2.0, -1.0] } });
        string[] concepts = ["discharge"];

        var none = model.Probability(concepts, [false], [], [], []);
        var toward = model.Probability(concepts, [false], [], [], [1f, 0f]);
        var away = model.Probability(concepts, [false], [], [], [0f, 1f]);
        var otherVectors = model.Probability(concepts, [false], [], [], [1f, 0f, 0f]);

        Assert.True(toward > none && none > away, $"{away:F2} {none:F2} {toward:F2}");
        Assert.Equal(none, otherVectors, precision: 9);
    }

    [Fact]
    public void Urgency_is_a_reading_of_its_own_a_fever_weighs_more_there_than_discharge()
    {
        string[] concepts = ["discharge", "unwell"];

        var discharge = Model.UrgencyProbability(concepts, [true, false], []);
        var withFever = Model.UrgencyProbability(concepts, [true, true], []);

        Assert.True(discharge < 0.5 && withFever > 0.5, $"{discharge:F2} {withFever:F2}");
    }

    [Fact]
    public void Urgency_weighs_the_pieces_of_the_words_too_so_a_fever_counts_however_it_is_written()
    {
        string[] concepts = ["discharge", "unwell"];

        var plain = Model.UrgencyProbability(concepts, [true, false], WordPieces.Numbers("pus on my chin"));
        var feverish = Model.UrgencyProbability(concepts, [true, false], WordPieces.Numbers("pus on my chin and im fevrish"));

        Assert.True(plain < 0.5 && feverish > 0.5, $"{plain:F2} {feverish:F2}");
    }

    [Fact]
    public void The_shipped_urgency_reading_hears_an_emergency_in_words_no_urgent_rule_holds()
    {
        var rules = KnowledgeBase.Load(KnowledgeFixture.Folder, CancellationToken.None).WarningSigns!;
        const string Emergency = "hives all over my neck after the peel and my tongue feels weird";
        const string Ordinary = "my chin spot has a bit of yellow crust, no fever";
        rules.Match(Emergency, out var emergency, out _);
        rules.Match(Ordinary, out var ordinary, out _);

        var urgent = WarningSignModel.Shipped!.UrgencyProbability(rules.Concepts, emergency, WordPieces.Numbers(Emergency));
        var conceptsAlone = WarningSignModel.Shipped!.UrgencyProbability(rules.Concepts, emergency, []);
        var calm = WarningSignModel.Shipped!.UrgencyProbability(rules.Concepts, ordinary, WordPieces.Numbers(Ordinary));

        // The bot's Answering:UrgentThreshold is 0.4.
        Assert.True(urgent >= 0.4, $"{urgent}");
        Assert.True(conceptsAlone < 0.4, $"{conceptsAlone}");
        Assert.True(calm < 0.4, $"{calm}");
    }

    [Fact]
    public void A_file_without_the_urgency_reading_is_refused()
    {
        var json = Model.ToJson().Replace("\"urgency\"", "\"unused\"", StringComparison.Ordinal);

        Assert.Throws<InvalidDataException>(() => WarningSignModel.Parse(json));
    }

    [Fact]
    public void A_word_no_message_spelled_that_way_counts_by_the_pieces_it_shares_with_one_that_did()
    {
        string[] concepts = ["discharge", "heat", "just-asking"];

        var unknown = Model.Probability(concepts, [false, false, false], ["oozi"], WordPieces.Numbers("zzzy"), []);
        var misspelt = Model.Probability(concepts, [false, false, false], ["oozi"], WordPieces.Numbers("oozy"), []);

        Assert.True(misspelt > unknown, $"{misspelt} against {unknown}");
    }

    [Fact]
    public void Pieces_weigh_by_their_share_of_the_message_so_a_long_message_is_not_a_sum_of_hundreds()
    {
        string[] concepts = ["discharge"];
        var alone = WordPieces.Numbers("ooze");
        var amongMany = WordPieces.Numbers("ooze and a long message about toners serums cleansers masks and steaming every week");

        var inShort = Model.Probability(concepts, [false], [], alone, []);
        var inLong = Model.Probability(concepts, [false], [], amongMany, []);

        Assert.True(inShort > inLong, $"{inShort} against {inLong}");
        Assert.Equal(1 / (1 + Math.Exp(2 - (2 + 2 + 1) / Math.Sqrt(alone.Length))), inShort, precision: 9);
    }

    [Fact]
    public void The_shipped_model_weighs_the_concepts_of_the_warning_sign_file()
    {
        var rules = KnowledgeBase.Load(KnowledgeFixture.Folder, CancellationToken.None).WarningSigns!;

        var model = WarningSignModel.Shipped!;

        Assert.Equal(rules.Concepts.Order(StringComparer.Ordinal), model.File.Warning.Weights.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(rules.Concepts.Order(StringComparer.Ordinal), model.File.Urgency.Weights.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_shipped_model_reads_a_sign_told_in_misspelt_and_unusual_words_through_their_pieces()
    {
        var rules = KnowledgeBase.Load(KnowledgeFixture.Folder, CancellationToken.None).WarningSigns!;
        const string Sign = "the scab keeps getting goopy and yelow";
        rules.Match(Sign, out var present, out var words);

        var withPieces = WarningSignModel.Shipped!.Probability(rules.Concepts, present, words, WordPieces.Numbers(Sign), rules.Meaning(Sign));
        var wordsAlone = WarningSignModel.Shipped!.Probability(rules.Concepts, present, words, [], rules.Meaning(Sign));

        // The bot's Answering:WarningSignThreshold is 0.6.
        Assert.True(withPieces >= 0.6, $"{withPieces}");
        Assert.True(wordsAlone < 0.6, $"{wordsAlone}");
    }

    [Fact]
    public void The_shipped_model_weighs_a_meaning_of_the_shipped_word_vectors_length()
    {
        // Its meaning weights are tied by position to the vectors it learned from: other vectors mean retraining it.
        Assert.Equal(WordVectors.Shared.Value.Dimensions, WarningSignModel.Shipped!.File.Warning.Meaning?.Count);
    }

    [Fact]
    public void Weighs_a_message_only_when_it_learned_every_concept_the_message_holds()
    {
        Assert.True(Model.Weighs(["discharge", "heat", "new-sign"], [true, true, false]));
        Assert.False(Model.Weighs(["discharge", "heat", "new-sign"], [true, false, true]));
    }

    [Fact]
    public void A_file_whose_pieces_are_not_three_characters_is_refused()
    {
        var json = Model.ToJson().Replace("\"ooz\"", "\"oozing\"", StringComparison.Ordinal);

        Assert.Throws<InvalidDataException>(() => WarningSignModel.Parse(json));
    }

    [Fact]
    public void A_model_survives_being_written_and_read_back()
    {
        var read = WarningSignModel.Parse(Model.ToJson());

        Assert.Equal(Model.File.Warning.Weights, read.File.Warning.Weights);
        Assert.Equal(Model.File.Warning.Bias, read.File.Warning.Bias);
        Assert.Equal(Model.File.Warning.Words, read.File.Warning.Words);
        Assert.Equal(Model.File.Warning.Meaning, read.File.Warning.Meaning);
        Assert.Equal(Model.File.Warning.Pieces, read.File.Warning.Pieces);
        Assert.Equal(Model.File.Urgency.Weights, read.File.Urgency.Weights);
        Assert.Equal(Model.File.Urgency.Bias, read.File.Urgency.Bias);
    }
}
