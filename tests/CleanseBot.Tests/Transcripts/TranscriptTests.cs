using System.Text.Json;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Transcripts;

/// <summary>
/// With Transcripts:Folder set, each conversation is written as a .transcript file the Bot Framework Emulator opens (a
/// JSON array of activities), with email addresses, phone numbers and web addresses masked as in the question log.
/// </summary>
public sealed class TranscriptTests : IDisposable
{
    private const string Message = "I'm jane.doe@example.com, call me on +44 7700 900123 or see https://jane.example.org - how often should I steam my face?";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cleansebot-transcripts-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_conversation_is_written_as_a_transcript_the_emulator_opens_with_personal_data_masked()
    {
        await using var server = new CleanseBotServer(new Dictionary<string, string?> { ["Transcripts:Folder"] = _folder }, services: null);
        await server.StartAndWaitUntilReadyAsync();
        using var client = server.CreateClient();
        var message = Inbound.ExpectingReplies(Message);
        var conversationId = message["conversation"]!["id"]!.GetValue<string>();

        var replies = await Inbound.RepliesToAsync(client, message);
        var transcript = await WaitForTranscriptAsync(conversationId, activitiesAtLeast: 1 + replies.Count);

        var activities = JsonDocument.Parse(transcript).RootElement;
        Assert.Equal(JsonValueKind.Array, activities.ValueKind);
        var visitor = activities.EnumerateArray().First(activity => activity.GetProperty("type").GetString() == "message");
        Assert.Equal("I'm [email], call me on [phone] or see [url] - how often should I steam my face?", visitor.GetProperty("text").GetString());
        Assert.Contains(activities.EnumerateArray(), activity =>
            activity.GetProperty("type").GetString() == "message" && activity.GetProperty("from").GetProperty("id").GetString() == "cleansebot"
            && activity.GetProperty("text").GetString()!.Contains("see a dermatologist", StringComparison.Ordinal));
        Assert.DoesNotContain("jane.doe@example.com", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("7700 900123", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.example.org", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcripts_are_off_by_default()
    {
        await using var server = new CleanseBotServer();
        await server.StartAndWaitUntilReadyAsync();
        using var client = server.CreateClient();
        var message = Inbound.ExpectingReplies(Message);

        await Inbound.RepliesToAsync(client, message);

        var conversationId = message["conversation"]!["id"]!.GetValue<string>();
        foreach (var folder in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            Assert.Empty(Directory.GetFiles(folder, conversationId + "*", SearchOption.AllDirectories));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task<string> WaitForTranscriptAsync(string conversationId, int activitiesAtLeast)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            if (Directory.Exists(_folder) && Directory.GetFiles(_folder, conversationId + ".transcript", SearchOption.AllDirectories) is [var file])
            {
                var text = await File.ReadAllTextAsync(file);
                try
                {
                    if (JsonDocument.Parse(text).RootElement.GetArrayLength() >= activitiesAtLeast)
                    {
                        return text;
                    }
                }
                catch (JsonException)
                {
                    // Caught between two appends; read again.
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"No transcript of {activitiesAtLeast} activities for {conversationId} in {_folder}.");
            await Task.Delay(50);
        }
    }
}
