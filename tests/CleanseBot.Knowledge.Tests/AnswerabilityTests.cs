using CleanseBot.Knowledge.Ranking;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

/// <summary>
/// The learned answerability model (<see cref="AnswerabilityModel"/>): how likely the best candidate is to answer the
/// message, from signals the search measures; shared words alone do not make an answer.
/// </summary>
[Collection(RealKnowledge.Name)]
public sealed class AnswerabilityTests(KnowledgeFixture fixture)
{
    [Fact]
    public void The_shipped_model_weighs_exactly_the_signals_the_search_measures()
    {
        var model = AnswerabilityModel.Shipped;

        Assert.NotNull(model);
        Assert.Equal([.. CandidateSignals.Names, AnswerabilityModel.PassageFeature], model.File.Features);
        Assert.NotEmpty(model.File.TrainedOn);
    }

    [Theory]
    [InlineData("How often should I deep cleanse my pores at home?")]
    [InlineData("what does a toner do for the skin")]
    public void A_question_the_guide_answers_in_its_own_words_is_judged_answerable(string message)
    {
        var result = fixture.Index.Search(message, 3);

        Assert.NotNull(result.Answerability);
        Assert.True(result.Answerability.Probability > 0.8, $"{result.Answerability.Probability:F2} for {result.Best?.Pair.Question}");
    }

    [Theory]
    [InlineData("which oil is best for the engine of my old car")]
    [InlineData("what's the best toner for cleaning a fish tank")]
    public void A_message_about_something_else_that_shares_the_guides_words_is_judged_unanswerable(string message)
    {
        var result = fixture.Index.Search(message, 3);

        Assert.NotNull(result.Answerability);
        Assert.True(result.Answerability.Probability < 0.2, $"{result.Answerability.Probability:F2} for {result.Best?.Pair.Question}");
    }

    [Fact]
    public void The_passage_classifiers_probability_weighs_in_and_a_candidate_it_did_not_read_weighs_it_as_nothing()
    {
        var model = AnswerabilityModel.Shipped!;
        var signals = fixture.Index.Search("is steaming my face good for my pores", 3).Best!.Signals!;

        var read = model.Explain(signals, []).Single(part => part.Key == AnswerabilityModel.PassageFeature).Value;
        var unread = model.Explain(signals with { PassageProbability = null }, []).Single(part => part.Key == AnswerabilityModel.PassageFeature).Value;

        Assert.NotNull(signals.PassageProbability);
        Assert.NotEqual(0, read);
        Assert.Equal(0, unread, precision: 12);
    }

    [Fact]
    public void Each_signals_part_in_the_judgement_is_shown_and_they_add_up_to_it()
    {
        var result = fixture.Index.Search("is steaming my face good for my pores", 3);
        var model = AnswerabilityModel.Shipped!;

        var parts = result.Answerability!.Explain();

        Assert.Equal(AnswerabilityModel.FeatureNames.Order(), parts.Select(part => part.Key).Where(key => !key.StartsWith(AnswerabilityModel.WordPrefix, StringComparison.Ordinal)).Order());
        Assert.Contains(parts, part => part.Key == AnswerabilityModel.WordPrefix + "steam");
        var logit = model.File.Bias + parts.Sum(part => part.Value);
        Assert.Equal(result.Answerability.Probability, 1 / (1 + Math.Exp(-logit)), precision: 9);
    }

    [Fact]
    public void The_words_of_a_message_weigh_beside_its_signals_and_a_word_the_model_never_learned_weighs_nothing()
    {
        var signals = fixture.Index.Search("is steaming my face good for my pores", 3).Best!.Signals!;
        var model = new AnswerabilityModel(AnswerabilityModel.Shipped!.File with { Words = new Dictionary<string, double> { ["price"] = -3 } });

        var alone = model.Probability(signals, []);
        var priced = model.Probability(signals, MessageWords.Of("and the price?"));
        var unknown = model.Probability(signals, MessageWords.Of("zebra"));

        Assert.True(priced < alone, $"{priced:F3} {alone:F3}");
        Assert.Equal(alone, unknown, precision: 12);
    }

    [Fact]
    public void The_shipped_model_has_learned_that_business_words_are_not_what_the_guide_answers()
    {
        var words = AnswerabilityModel.Shipped!.File.Words!;

        // Not "book": visitors tell of a facial they booked when they ask how to prepare for it, which the guide
        // answers; a booking question is the out-of-scope rules' business, before the search.
        Assert.All(MessageWords.Of("price cost refund"), word => Assert.True(words.GetValueOrDefault(word) < 0, $"{word}: {words.GetValueOrDefault(word)}"));
    }

    [Fact]
    public void Without_a_model_the_search_judges_nothing_and_ranks_as_with_one()
    {
        const string message = "do I need a consultation before my first facial";

        var judged = fixture.Index.Search(message, 5);
        var unjudged = fixture.Index.Search(message, 5, answerability: null);

        Assert.Null(unjudged.Answerability);
        Assert.Equal(judged.Candidates.Select(c => c.Pair.Id), unjudged.Candidates.Select(c => c.Pair.Id));
    }

    [Fact]
    public void A_model_trained_for_other_signals_is_refused_with_a_reason()
    {
        var file = AnswerabilityModel.Shipped!.File;
        var stale = file with { Features = [.. file.Features.Skip(1), "a-signal-the-search-no-longer-measures"] };

        var error = Assert.Throws<InvalidDataException>(() => new AnswerabilityModel(stale));

        Assert.Contains("retrain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_survives_being_written_and_read_back()
    {
        var model = AnswerabilityModel.Shipped!;

        var read = AnswerabilityModel.Parse(model.ToJson());

        Assert.Equal(model.File.Weights, read.File.Weights);
        Assert.Equal(model.File.Words, read.File.Words);
        Assert.Equal(model.File.Fingerprint, read.File.Fingerprint);
    }
}
