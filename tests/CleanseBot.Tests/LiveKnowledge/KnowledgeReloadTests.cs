using System.Net;
using System.Text.Json;
using CleanseBot.Hosting;
using CleanseBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanseBot.Tests.LiveKnowledge;

/// <summary>
/// A content owner saves a change to the knowledge while the bot runs: the new index is built and checked aside and
/// swapped in, and the next question is answered from it; a file with a mistake leaves the old answers serving and
/// the log says which file and line. Each test works on its own copy of knowledge/.
/// </summary>
public sealed class KnowledgeReloadTests : IDisposable
{
    // Admin:ApiKey must be at least 32 characters (AdminOptions).
    private const string AdminKey = "the-admin-key-of-the-reload-tests-0123";

    private const string KnownQuestion = "how often should i steam my face";
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(30);

    // MiniLM embeds every question of the knowledge before the re-ranker is ready. On two cores the re-ranker test took
    // 27 s alone (two re-rankers built), and its first re-ranker once took over 30 s with the rest of the suite beside it.
    private static readonly TimeSpan RerankerTimeout = TimeSpan.FromMinutes(2);

    private readonly string _knowledge = KnowledgeCopy.Make();

    [Fact]
    public async Task A_saved_qna_file_answers_its_new_pair_after_the_swap_without_a_restart()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        var before = await HealthAsync(client);
        Assert.DoesNotContain(KnowledgeEdits.AnswerWords(899), await AnswerAsync(client, KnowledgeEdits.Question(899)), StringComparison.Ordinal);

        KnowledgeEdits.AddPair(_knowledge, 899);
        var after = await WaitForFingerprintChangeAsync(client, before.Fingerprint);

        Assert.Equal(before.Pairs + 1, after.Pairs);
        Assert.Contains(KnowledgeEdits.AnswerWords(899), await AnswerAsync(client, KnowledgeEdits.Question(899)), StringComparison.Ordinal);
        await WaitForLogAsync(server, entry => entry.Message.StartsWith("Knowledge reloaded (file change)", StringComparison.Ordinal));
        Assert.Single(server.Logs.Entries, entry => entry.Message.StartsWith("Knowledge reloaded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_burst_of_saves_reloads_once_the_folder_is_quiet()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        var before = await HealthAsync(client);

        for (var id = 890; id < 895; id++)
        {
            KnowledgeEdits.AddPair(_knowledge, id);
            await Task.Delay(50);
        }

        var after = await WaitForFingerprintChangeAsync(client, before.Fingerprint);
        await WaitForLogAsync(server, entry => entry.Message.StartsWith("Knowledge reloaded", StringComparison.Ordinal));
        await Task.Delay(500);

        Assert.Equal(before.Pairs + 5, after.Pairs);
        Assert.Single(server.Logs.Entries, entry => entry.Message.StartsWith("Knowledge reload", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reload_requests_that_arrive_together_share_one_reload()
    {
        await using var server = await StartAsync(watch: false, adminKey: AdminKey);
        using var client = server.CreateClient();
        KnowledgeEdits.AddPair(_knowledge, 899);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => ReloadAsync(client, AdminKey)));

        Assert.All(responses, response => Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Accepted }));
        Assert.Contains(responses, response => response.StatusCode == HttpStatusCode.OK);
        await WaitForLogAsync(server, entry => entry.Message.StartsWith("Knowledge reloaded", StringComparison.Ordinal));
        await Task.Delay(500);

        // One reload at a time: the first builds the new index, and any that ran after it found nothing new. (How many
        // ran after it depends on when each request reached the server, so it is not counted.)
        Assert.Single(server.Logs.Entries, entry => entry.Message.StartsWith("Knowledge reloaded", StringComparison.Ordinal));
        Assert.All(
            server.Logs.Entries.Where(entry => entry.Message.StartsWith("Knowledge reload (", StringComparison.Ordinal)),
            entry => Assert.EndsWith("nothing to do", entry.Message, StringComparison.Ordinal));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_broken_file_keeps_the_old_answers_serving_and_the_log_names_its_file_and_line()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        var before = await HealthAsync(client);
        var answerBefore = await AnswerAsync(client, KnowledgeEdits.Question(899) + " " + KnownQuestion);

        KnowledgeEdits.AddPair(_knowledge, 899);
        var line = KnowledgeEdits.Break(_knowledge);
        var refused = await WaitForLogAsync(server, entry => entry.Message.Contains("refused", StringComparison.Ordinal));

        Assert.Equal(LogLevel.Error, refused.Level);
        Assert.Contains(server.Logs.Entries, entry => entry.Level == LogLevel.Error
            && entry.Message == $"{Path.Combine(_knowledge, KnowledgeEdits.File)}:{line}: the question 'a question someone forgot to answer' has no answer (a fenced ``` block)");
        var health = await HealthAsync(client);
        Assert.Equal(before.Fingerprint, health.Fingerprint);
        Assert.Equal(before.Pairs, health.Pairs);
        Assert.Equal("Invalid", health.LastReload);
        Assert.Equal(answerBefore, await AnswerAsync(client, KnowledgeEdits.Question(899) + " " + KnownQuestion));
        var metrics = await MetricsPage.ScrapeAsync(client);
        Assert.True(metrics.Value("cleansebot_knowledge_reloads_total", ("outcome", "Invalid")) >= 1, metrics.Text);
    }

    [Fact]
    public async Task A_file_fixed_after_a_mistake_is_taken_at_the_next_save()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        var before = await HealthAsync(client);
        var path = Path.Combine(_knowledge, KnowledgeEdits.File);
        var original = await File.ReadAllTextAsync(path);
        KnowledgeEdits.Break(_knowledge);
        await WaitForLogAsync(server, entry => entry.Message.Contains("refused", StringComparison.Ordinal));

        await File.WriteAllTextAsync(path, original);
        KnowledgeEdits.AddPair(_knowledge, 897);
        await WaitForFingerprintChangeAsync(client, before.Fingerprint);

        Assert.Contains(KnowledgeEdits.AnswerWords(897), await AnswerAsync(client, KnowledgeEdits.Question(897)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reload_endpoint_is_not_there_without_an_admin_key()
    {
        await using var server = await StartAsync(watch: false);
        using var client = server.CreateClient();

        using var response = await client.PostAsync(new Uri("/admin/knowledge/reload", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-the-key")]
    [InlineData(AdminKey + "-but-longer")]
    public async Task The_reload_endpoint_refuses_a_request_without_the_right_key(string? key)
    {
        await using var server = await StartAsync(watch: false, adminKey: AdminKey);
        using var client = server.CreateClient();

        using var response = await ReloadAsync(client, key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(server.Logs.Entries, entry => entry.Message.StartsWith("Knowledge reload", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_reload_endpoint_answers_the_new_fingerprint_and_then_the_mistakes_by_file_and_line()
    {
        await using var server = await StartAsync(watch: false, adminKey: AdminKey);
        using var client = server.CreateClient();
        var before = await HealthAsync(client);

        using var unchanged = await ReloadAsync(client, AdminKey);
        KnowledgeEdits.AddPair(_knowledge, 899);
        using var reloaded = await ReloadAsync(client, AdminKey);
        var line = KnowledgeEdits.Break(_knowledge);
        using var invalid = await ReloadAsync(client, AdminKey);

        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        var unchangedBody = await BodyAsync(unchanged);
        Assert.Equal("Unchanged", unchangedBody.GetProperty("status").GetString());
        Assert.Equal(before.Fingerprint, unchangedBody.GetProperty("fingerprint").GetString());

        Assert.Equal(HttpStatusCode.OK, reloaded.StatusCode);
        var reloadedBody = await BodyAsync(reloaded);
        Assert.Equal("Reloaded", reloadedBody.GetProperty("status").GetString());
        var newFingerprint = reloadedBody.GetProperty("fingerprint").GetString();
        Assert.NotEqual(before.Fingerprint, newFingerprint);
        Assert.Equal(before.Pairs + 1, reloadedBody.GetProperty("pairs").GetInt32());
        Assert.Equal(newFingerprint, (await HealthAsync(client)).Fingerprint);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var invalidBody = await BodyAsync(invalid);
        Assert.Equal("Invalid", invalidBody.GetProperty("status").GetString());
        Assert.Equal(newFingerprint, invalidBody.GetProperty("fingerprint").GetString());
        Assert.Equal(
            $"{KnowledgeEdits.File}:{line}: the question 'a question someone forgot to answer' has no answer (a fenced ``` block)",
            Assert.Single(invalidBody.GetProperty("problems").EnumerateArray()).GetString());
        Assert.Contains(KnowledgeEdits.AnswerWords(899), await AnswerAsync(client, KnowledgeEdits.Question(899)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reload_asked_for_as_soon_as_the_last_one_answered_runs_and_answers_for_itself()
    {
        await using var server = await StartAsync(watch: false, adminKey: AdminKey);
        using var client = server.CreateClient();

        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var response = await ReloadAsync(client, AdminKey);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Unchanged", (await BodyAsync(response)).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task With_the_reranker_on_a_reload_swaps_in_a_reranker_for_the_new_knowledge_with_its_index()
    {
        await using var server = await StartAsync(watch: false, adminKey: AdminKey, reranker: true);
        using var client = server.CreateClient();
        await WaitForLogAsync(server, entry => entry.Message.StartsWith("Semantic re-ranker ready", StringComparison.Ordinal), RerankerTimeout);
        var provider = server.Services.GetRequiredService<KnowledgeIndexProvider>();
        var first = provider.Reranker;

        KnowledgeEdits.AddPair(_knowledge, 899);
        using var reload = await ReloadAsync(client, AdminKey);

        Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
        Assert.NotNull(first);
        Assert.NotNull(provider.Reranker);
        Assert.NotSame(first, provider.Reranker);
        Assert.Same(provider.Reranker, provider.RerankerFor(provider.Current!));
        Assert.Contains(KnowledgeEdits.AnswerWords(899), await AnswerAsync(client, KnowledgeEdits.Question(899)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turns_sent_while_the_knowledge_reloads_again_and_again_are_all_answered()
    {
        await using var server = await StartAsync(watch: false, adminKey: AdminKey);
        using var client = server.CreateClient();
        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var turns = 0;
        async Task AskUntilStoppedAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await Inbound.PostAsync(client, Inbound.ExpectingReplies(KnownQuestion));
                var body = await response.Content.ReadAsStringAsync();
                Interlocked.Increment(ref turns);
                if (response.StatusCode != HttpStatusCode.OK || body.Contains("something went wrong", StringComparison.Ordinal))
                {
                    lock (failures)
                    {
                        failures.Add($"{(int)response.StatusCode}: {body}");
                    }
                }
            }
        }

        var askers = Enumerable.Range(0, 4).Select(_ => Task.Run(AskUntilStoppedAsync)).ToArray();
        var reloads = new List<HttpStatusCode>();
        for (var id = 890; id < 896; id++)
        {
            KnowledgeEdits.AddPair(_knowledge, id);
            using var reload = await ReloadAsync(client, AdminKey);
            reloads.Add(reload.StatusCode);
        }

        await stop.CancelAsync();
        await Task.WhenAll(askers);

        Assert.Empty(failures);
        Assert.True(turns > 0);
        Assert.All(reloads, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Contains(KnowledgeEdits.AnswerWords(895), await AnswerAsync(client, KnowledgeEdits.Question(895)), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_knowledge, recursive: true);

    private async Task<CleanseBotServer> StartAsync(bool watch = true, string? adminKey = null, bool reranker = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Knowledge:Folder"] = _knowledge,
            ["Knowledge:WatchForChanges"] = watch ? "true" : "false",
            ["Knowledge:ReloadDebounce"] = "00:00:00.200",
            ["RateLimiting:Enabled"] = "false",
            ["QuestionLog:Enabled"] = "false",
            ["Reranker:Enabled"] = reranker ? "true" : "false",
        };
        if (adminKey is not null)
        {
            settings["Admin:ApiKey"] = adminKey;
        }

        var server = new CleanseBotServer(settings, services: null);
        await server.StartAndWaitUntilReadyAsync();
        return server;
    }

    private static async Task<string> AnswerAsync(HttpClient client, string question)
    {
        var replies = await Inbound.RepliesToAsync(client, Inbound.ExpectingReplies(question));
        return string.Join("\n", replies.Where(reply => reply.Type == "message").Select(reply => reply.Text));
    }

    private static async Task<HttpResponseMessage> ReloadAsync(HttpClient client, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/admin/knowledge/reload", UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<Health> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var health = await BodyAsync(response);
        var lastReload = health.GetProperty("lastReload");
        return new Health(
            health.GetProperty("fingerprint").GetString()!,
            health.GetProperty("pairs").GetInt32(),
            lastReload.ValueKind == JsonValueKind.Null ? null : lastReload.GetProperty("outcome").GetString());
    }

    private static async Task<Health> WaitForFingerprintChangeAsync(HttpClient client, string fingerprint)
    {
        var deadline = DateTime.UtcNow + ReloadTimeout;
        while (true)
        {
            var health = await HealthAsync(client);
            if (health.Fingerprint != fingerprint)
            {
                return health;
            }

            Assert.True(DateTime.UtcNow < deadline, "The knowledge was not reloaded.");
            await Task.Delay(50);
        }
    }

    private static async Task<LogEntry> WaitForLogAsync(CleanseBotServer server, Func<LogEntry, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? ReloadTimeout);
        while (true)
        {
            if (server.Logs.Entries.FirstOrDefault(condition) is { } entry)
            {
                return entry;
            }

            Assert.True(DateTime.UtcNow < deadline, "The service never logged what was expected.");
            await Task.Delay(50);
        }
    }

    private sealed record Health(string Fingerprint, int Pairs, string? LastReload);
}
