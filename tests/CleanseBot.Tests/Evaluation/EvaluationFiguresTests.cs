using CleanseBot.Evaluation;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Evaluation;

/// <summary>
/// Runs evaluation/questions.tsv through the bot's own dialog code and holds its figures at or above the last
/// recorded level, so a change that makes answers worse fails CI. When a change improves a figure, raise its floor
/// here and in README.md. The product targets (95% top-1 and so on) are printed by the evaluation command.
/// </summary>
public sealed class EvaluationFiguresTests : IAsyncLifetime
{
    private EvaluationReport _report = null!;

    public async Task InitializeAsync()
    {
        var questions = Path.Combine(AppContext.BaseDirectory, "questions.tsv");
        using var evaluator = await Evaluator.CreateAsync(RealBot.KnowledgeFolder, RealBot.Options, CancellationToken.None);
        _report = await evaluator.RunAsync(EvaluationSet.Load(questions), CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void The_evaluation_set_is_large_and_varied_enough_to_mean_something()
    {
        Assert.True(_report.Outcomes.Count >= 150, $"{_report.Outcomes.Count} messages");
        Assert.True(_report.AnswerableCount >= 100);
        Assert.True(_report.MisspelledCount >= 20);
        Assert.True(_report.UncoveredCount >= 30);
        Assert.True(_report.RedFlagCount >= 20);
    }

    [Fact]
    public void Answers_paraphrased_questions_with_the_right_pair_at_least_as_often_as_before() =>
        AtLeast(0.63, _report.TopOneAccuracy, "answerable top-1 accuracy");

    [Fact]
    public void Answers_misspelled_questions_at_least_as_often_as_before() =>
        AtLeast(0.48, _report.MisspelledAccuracy, "misspelled top-1 accuracy");

    [Fact]
    public void Refuses_questions_the_guide_does_not_cover_at_least_as_often_as_before() =>
        AtLeast(0.90, _report.UncoveredRefusalRate, "uncovered refusal rate");

    [Fact]
    public void Sends_every_message_describing_warning_signs_to_a_doctor_first() =>
        AtLeast(1.0, _report.RedFlagRecall, "red-flag recall");

    [Fact]
    public void Ends_every_answer_with_the_dermatologist_nudge() =>
        AtLeast(1.0, _report.NudgeShare, "share of answers with the nudge");

    [Fact]
    public void Keeps_answers_short_enough_for_a_chat() =>
        Assert.True(_report.MedianAnswerLength < 600, $"median answer length {_report.MedianAnswerLength}");

    private void AtLeast(double floor, double actual, string figure) =>
        Assert.True(actual >= floor, $"{figure} fell to {actual:P1} (floor {floor:P0}).\n{_report.Format()}");
}
