using CleanseBot.Knowledge;

namespace CleanseBot.Benchmarks;

/// <summary>The bot's own knowledge folder, copied next to this binary by the build exactly as next to the bot's.</summary>
internal static class RealKnowledge
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "knowledge");

    public static KnowledgeBase Load() => KnowledgeBase.LoadAsync(Folder, CancellationToken.None).GetAwaiter().GetResult();
}
