namespace CleanseBot.QuestionLog.Tests;

/// <summary>
/// What every question-log store does, run against a real SQLite file (<see cref="SqliteQuestionLogStoreTests"/>)
/// and a real PostgreSQL server (<see cref="PostgreSqlQuestionLogStoreTests"/>).
/// </summary>
public abstract class QuestionLogStoreContract
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);

    /// <summary>Options for a new, empty log of this kind.</summary>
    protected abstract Task<QuestionLogOptions> NewLogAsync();

    /// <summary>Where a relative SQLite file goes; PostgreSQL ignores it.</summary>
    protected virtual string BaseDirectory => AppContext.BaseDirectory;

    [Fact]
    public async Task Creates_the_schema_on_first_use_at_the_latest_version()
    {
        await using var store = QuestionLogStore.Create(await NewLogAsync(), BaseDirectory);

        Assert.Equal(SchemaMigrations.Sqlite.Count, await store.SchemaVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Applies_each_migration_once_however_often_it_is_opened()
    {
        var options = await NewLogAsync();
        await using (var first = QuestionLogStore.Create(options, BaseDirectory))
        {
            await first.WriteAsync([Turn("how often should I steam?", Monday)], CancellationToken.None);
        }

        await using var second = QuestionLogStore.Create(options, BaseDirectory);
        await second.WriteAsync([Turn("what is a toner?", Monday.AddMinutes(1))], CancellationToken.None);

        Assert.Equal(2, (await ReadAllAsync(second)).Count);
        Assert.Equal(SchemaMigrations.Sqlite.Count, await second.SchemaVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Reads_back_every_field_it_wrote()
    {
        await using var store = QuestionLogStore.Create(await NewLogAsync(), BaseDirectory);
        var answered = Turn("how often should I steam?", Monday) with { PairId = 12, Confidence = 0.83, TurnTime = TimeSpan.FromMilliseconds(4.25) };
        var flagged = Turn("my pore is infected and I have a fever", Monday.AddSeconds(3)) with { Decision = "RedFlag", RedFlag = "InfectionWithFever", Channel = "msteams" };

        await store.WriteAsync([answered, flagged], CancellationToken.None);

        Assert.Equal([answered, flagged], await ReadAllAsync(store));
    }

    [Fact]
    public async Task Writing_the_same_turn_twice_keeps_one()
    {
        await using var store = QuestionLogStore.Create(await NewLogAsync(), BaseDirectory);
        var turn = Turn("what is a toner?", Monday);

        await store.WriteAsync([turn], CancellationToken.None);
        await store.WriteAsync([turn], CancellationToken.None);

        Assert.Single(await ReadAllAsync(store));
    }

    [Fact]
    public async Task Reads_only_turns_since_the_time_asked()
    {
        await using var store = QuestionLogStore.Create(await NewLogAsync(), BaseDirectory);
        await store.WriteAsync([Turn("old", Monday.AddDays(-8)), Turn("recent", Monday.AddDays(-1)), Turn("today", Monday)], CancellationToken.None);

        var read = new List<string>();
        await foreach (var turn in store.ReadTurnsAsync(Monday.AddDays(-7), CancellationToken.None))
        {
            read.Add(turn.Message);
        }

        Assert.Equal(["recent", "today"], read);
    }

    [Fact]
    public async Task Deletes_turns_older_than_the_cutoff_and_keeps_the_rest()
    {
        await using var store = QuestionLogStore.Create(await NewLogAsync(), BaseDirectory);
        await store.WriteAsync([Turn("91 days ago", Monday.AddDays(-91)), Turn("89 days ago", Monday.AddDays(-89))], CancellationToken.None);

        var deleted = await store.DeleteOlderThanAsync(Monday.AddDays(-90), CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Equal(["89 days ago"], (await ReadAllAsync(store)).Select(turn => turn.Message));
    }

    [Fact]
    public async Task Keeps_one_generated_salt_across_restarts()
    {
        var options = await NewLogAsync();
        string first;
        await using (var store = QuestionLogStore.Create(options, BaseDirectory))
        {
            first = (await store.OpenAsync(CancellationToken.None)).Of("conversation-1");
        }

        await using var reopened = QuestionLogStore.Create(options, BaseDirectory);
        var second = (await reopened.OpenAsync(CancellationToken.None)).Of("conversation-1");

        Assert.Equal(first, second);
        Assert.NotEqual(first, (await reopened.OpenAsync(CancellationToken.None)).Of("conversation-2"));
    }

    [Fact]
    public async Task A_configured_salt_is_used_instead_of_the_stored_one()
    {
        var options = await NewLogAsync();
        await using var generated = QuestionLogStore.Create(options, BaseDirectory);
        options.HashSalt = "configured salt";
        await using var configured = QuestionLogStore.Create(options, BaseDirectory);

        var withConfigured = (await configured.OpenAsync(CancellationToken.None)).Of("conversation-1");

        Assert.Equal(new ConversationHash("configured salt").Of("conversation-1"), withConfigured);
        Assert.NotEqual((await generated.OpenAsync(CancellationToken.None)).Of("conversation-1"), withConfigured);
    }

    [Fact]
    public async Task Attaches_feedback_to_its_turn_by_turn_id_or_by_the_reply_id_the_channel_gave()
    {
        await using var store = QuestionLogStore.Create(await NewLogAsync(), BaseDirectory);
        var inWebChat = Turn("how often should I steam?", Monday) with { PairId = 12 };
        var inTeams = Turn("what is a toner?", Monday) with { PairId = 20, Channel = "msteams", ReplyId = "1:teams-reply" };
        await store.WriteAsync([inWebChat, inTeams], CancellationToken.None);

        await store.WriteFeedbackAsync(
            [
                new VisitorFeedback(Monday.AddMinutes(1), "directline", inWebChat.TurnId, null, Helpful: false),
                new VisitorFeedback(Monday.AddMinutes(2), "msteams", null, "1:teams-reply", Helpful: true),
                new VisitorFeedback(Monday.AddMinutes(3), "msteams", null, "1:a-reply-never-logged", Helpful: false),
            ],
            CancellationToken.None);

        var rated = new List<RatedAnswer>();
        await foreach (var answer in store.ReadRatedAnswersAsync(Monday, CancellationToken.None))
        {
            rated.Add(answer);
        }

        Assert.Equal(
            [new RatedAnswer(Monday.AddMinutes(1), false, 12, "how often should I steam?"), new RatedAnswer(Monday.AddMinutes(2), true, 20, "what is a toner?")],
            rated);
    }

    [Fact]
    public async Task Reads_back_suggested_alternates()
    {
        await using var store = QuestionLogStore.Create(await NewLogAsync(), BaseDirectory);
        var suggestion = new SuggestedAlternate(Monday, "webchat", "can steam unclog pores", 12, SuggestionSource.DidYouMeanChoice);

        await store.WriteSuggestionsAsync([suggestion], CancellationToken.None);

        var read = new List<LoggedSuggestion>();
        await foreach (var stored in store.ReadSuggestionsAsync(Monday, CancellationToken.None))
        {
            read.Add(stored);
        }

        Assert.Equal([suggestion], read.Select(stored => stored.Suggestion));
        Assert.False(read.Single().Accepted);
    }

    [Fact]
    public async Task Marks_suggestions_accepted_once_keeping_the_first_time()
    {
        await using var store = QuestionLogStore.Create(await NewLogAsync(), BaseDirectory);
        await store.WriteSuggestionsAsync(
            [
                new SuggestedAlternate(Monday, "webchat", "can steam unclog pores", 12, SuggestionSource.DidYouMeanChoice),
                new SuggestedAlternate(Monday, "webchat", "toner after mask?", 30, SuggestionSource.DidYouMeanChoice),
            ],
            CancellationToken.None);
        var first = await ReadSuggestionsAsync(store);

        await store.MarkSuggestionsAcceptedAsync([first[0].Id], Monday.AddHours(1), CancellationToken.None);
        await store.MarkSuggestionsAcceptedAsync([first[0].Id], Monday.AddHours(2), CancellationToken.None);

        var read = await ReadSuggestionsAsync(store);
        Assert.Equal(Monday.AddHours(1), read.Single(stored => stored.Id == first[0].Id).AcceptedAt);
        Assert.Null(read.Single(stored => stored.Id == first[1].Id).AcceptedAt);
    }

    private static async Task<List<LoggedSuggestion>> ReadSuggestionsAsync(QuestionLogStore store)
    {
        var read = new List<LoggedSuggestion>();
        await foreach (var stored in store.ReadSuggestionsAsync(DateTimeOffset.MinValue, CancellationToken.None))
        {
            read.Add(stored);
        }

        return read;
    }

    protected static LoggedTurn Turn(string message, DateTimeOffset at) =>
        new(Guid.NewGuid(), at, "webchat", "3f2a9c", message, "Answer", null, null, null, TimeSpan.FromMilliseconds(2));

    private static async Task<List<LoggedTurn>> ReadAllAsync(QuestionLogStore store)
    {
        var turns = new List<LoggedTurn>();
        await foreach (var turn in store.ReadTurnsAsync(DateTimeOffset.MinValue, CancellationToken.None))
        {
            turns.Add(turn);
        }

        return turns;
    }
}
