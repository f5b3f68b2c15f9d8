using System.Net.Http.Json;
using System.Text.Json;
using CleanseBot.Tests.Security;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.LiveKnowledge;

/// <summary>kill -HUP reloads the knowledge of the service as deployed (its own process), and the process goes on running.</summary>
public sealed class ReloadOnSignalTests : IDisposable
{
    private readonly string _knowledge = KnowledgeCopy.Make();

    [Fact]
    public async Task Sighup_reloads_the_knowledge_and_the_service_goes_on_answering()
    {
        await using var service = await CleanseBotProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["Knowledge:Folder"] = _knowledge,
                ["Knowledge:WatchForChanges"] = "false",
                ["QuestionLog:Enabled"] = "false",
            },
            new Dictionary<string, string>());
        var before = await FingerprintAsync(service.Client);
        KnowledgeEdits.AddPair(_knowledge, 899);

        await service.SendSighupAsync();
        await service.WaitForLogAsync(log => log.Contains("Knowledge reloaded (SIGHUP)", StringComparison.Ordinal), "the reload");

        Assert.True(service.IsRunning);
        Assert.NotEqual(before, await FingerprintAsync(service.Client));
        var replies = await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies(KnowledgeEdits.Question(899)));
        Assert.Contains(replies, reply => reply.Text?.Contains(KnowledgeEdits.AnswerWords(899), StringComparison.Ordinal) == true);
    }

    public void Dispose() => Directory.Delete(_knowledge, recursive: true);

    private static async Task<string> FingerprintAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>(new Uri("/healthz", UriKind.Relative))).GetProperty("fingerprint").GetString()!;
}
