using CleanseBot.Evaluation;
using CleanseBot.Knowledge;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Evaluation;

/// <summary>
/// The knowledge checked against itself (<c>evaluation -- --leave-one-out</c>): each alternate question asked of the
/// knowledge without it should still find its own pair. A knowledge edit that makes pairs harder to tell apart, or a
/// search change that reads visitors' words worse, lowers these shares; raise the floors when a change improves them.
/// </summary>
public sealed class LeaveOneOutTests
{
    [Fact]
    public async Task Answers_each_alternate_asked_without_itself_with_its_own_pair_at_least_as_often_as_before()
    {
        var knowledge = await KnowledgeBase.LoadAsync(RealBot.KnowledgeFolder, CancellationToken.None);

        var report = await LeaveOneOut.RunAsync(knowledge, RealBot.Options, CancellationToken.None);

        Assert.True(report.Outcomes.Count >= knowledge.Pairs.Count * 22, $"{report.Outcomes.Count} alternates");
        // 73.3% before issue 18's answerability model, which refuses some alternates asked without their own words (70.1%),
        // and 69.6% since it weighs the message's words too (refusing more of what the guide does not cover).
        Assert.True(report.AnsweredShare >= 0.69, $"answered with its own pair fell to {report.AnsweredShare:P1} (floor 69%).\n{report.Format()}");
        Assert.True(report.RankedFirstShare >= 0.77, $"own pair ranked first fell to {report.RankedFirstShare:P1} (floor 77%).\n{report.Format()}");
    }
}
