using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CleanseBot.QuestionLog;
using CleanseBot.Tests.QuestionLogging;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Admin;

/// <summary>
/// The service with /admin on (Admin:ApiKey set) over a real SQLite question log that holds three days of turns,
/// ratings and suggestions, and a copy of the knowledge that accepting writes into. Wrong keys are counted per client
/// address, so each test that tries one comes from a loopback address of its own (<see cref="ClientFrom"/>).
/// </summary>
public sealed partial class AdminSite : IAsyncLifetime
{
    public const string Key = "admin-key-for-the-tests-0123456789abcdef";
    public const int MaxFailedAttempts = 4;

    /// <summary>Messages only the log holds: a response that contains one has leaked the report.</summary>
    public const string Unanswered = "is microneedling safe at home?";
    public const string SteamSuggestion = "can steam unclog my pores at home";
    public const string TonerSuggestion = "is toner after a sheet mask ok";
    public const string DuplicateSuggestion = "is steam good for pores";

    // Made in InitializeAsync, deleted in DisposeAsync: xunit's lifetime, not IDisposable, owns it.
    private QuestionLogFile LogFile { get; set; } = null!;

    public CleanseBotServer Bot { get; private set; } = null!;

    public string KnowledgeFolder { get; } = KnowledgeCopy.Make();

    public Uri BaseAddress { get; private set; } = null!;

    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    /// <summary>The ids of the suggestions seeded, by message.</summary>
    public Dictionary<string, long> SuggestionIds { get; } = [];

    public QuestionLogOptions Log => LogFile.Options;

    public async Task InitializeAsync()
    {
        LogFile = new QuestionLogFile();
        await SeedAsync();
        Bot = new CleanseBotServer(
            LogFile.Settings(
                ("Admin:ApiKey", Key),
                ("Admin:MaxFailedAttempts", MaxFailedAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Knowledge:Folder", KnowledgeFolder),
                ("DirectLine:TokenSigningKey", "test-signing-key-for-the-admin-tests-0123456789"),
                ("DirectLine:MaxConversationsPerClient", "100000")),
            services: null);
        await Bot.StartAndWaitUntilReadyAsync();
        using var client = Bot.CreateClient();
        BaseAddress = client.BaseAddress!;
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await LogFile.DisposeAsync();
        Directory.Delete(KnowledgeFolder, recursive: true);
    }

    /// <summary>A client from 127.0.0.<paramref name="last"/> that keeps no cookies and follows no redirects, so the test sees each response.</summary>
    public HttpClient ClientFrom(byte last)
    {
        var handler = ClientAddresses.Handler(new IPAddress([127, 0, 0, last]));
        handler.UseCookies = false;
        handler.AllowAutoRedirect = false;
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    public static HttpRequestMessage WithKey(HttpMethod method, string path, string key = Key) =>
        new(method, new Uri(path, UriKind.Relative)) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) } };

    /// <summary>Logs in through the form, as a browser would; the session cookie ("name=value").</summary>
    public static async Task<string> LogInAsync(HttpClient client)
    {
        using var response = await client.PostAsync(new Uri("/admin/login", UriKind.Relative), new FormUrlEncodedContent([new("key", Key)]));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return Cookie(response, "CleanseBot.Admin");
    }

    public static string Cookie(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Select(cookie => cookie.Split(';')[0]).Single(cookie => cookie.StartsWith(name + "=", StringComparison.Ordinal));

    /// <summary>The page's form token, as its hidden field holds it.</summary>
    public static string FormToken(string page) => HiddenToken().Match(page) is { Success: true } token ? WebUtility.HtmlDecode(token.Groups[1].Value) : throw new Xunit.Sdk.XunitException("The page has no form token.");

    public async Task<List<LoggedSuggestion>> SuggestionsAsync()
    {
        await using var store = QuestionLogStore.Create(LogFile.Options, AppContext.BaseDirectory);
        var suggestions = new List<LoggedSuggestion>();
        await foreach (var suggestion in store.ReadSuggestionsAsync(DateTimeOffset.MinValue, CancellationToken.None))
        {
            suggestions.Add(suggestion);
        }

        return suggestions;
    }

    public Task<List<RatedAnswer>> RatingsAsync() => ReadAsync(store => store.ReadRatedAnswersAsync(DateTimeOffset.MinValue, CancellationToken.None));

    private async Task<List<T>> ReadAsync<T>(Func<QuestionLogStore, IAsyncEnumerable<T>> read)
    {
        await using var store = QuestionLogStore.Create(LogFile.Options, AppContext.BaseDirectory);
        var items = new List<T>();
        await foreach (var item in read(store))
        {
            items.Add(item);
        }

        return items;
    }

    // Up to `ago` before Now, but never on the day before: the report counts days by their UTC date, and a run just
    // after midnight would otherwise move "an hour ago" into yesterday and find two days where the tests expect three.
    private DateTimeOffset EarlierToday(TimeSpan ago) => Now - TimeSpan.FromTicks(Math.Min(ago.Ticks, Now.TimeOfDay.Ticks / 2));

    // Three days: misses and answers, a warning sign, a "did you mean", ratings and suggestions.
    private async Task SeedAsync()
    {
        await using var store = QuestionLogStore.Create(LogFile.Options, AppContext.BaseDirectory);
        var rated = Turn(Now.AddDays(-1), "does steaming open pores?", "Answer", 503);
        await store.WriteAsync(
            [
                Turn(Now.AddDays(-2), Unanswered, "NotCovered"),
                Turn(Now.AddDays(-2), "Is microneedling safe at home", "NotCovered"),
                Turn(Now.AddDays(-2), "how often should I deep cleanse?", "Answer", 201),
                Turn(Now.AddDays(-2), "red swollen painful lump", "RedFlag", redFlag: "Infection"),
                rated,
                Turn(Now.AddDays(-1), "steam thing", "DidYouMean"),
                Turn(EarlierToday(TimeSpan.FromHours(1)), "what is a toner", "Answer", 407),
                Turn(EarlierToday(TimeSpan.FromHours(1)), "book me in", "Business"),
            ],
            CancellationToken.None);
        await store.WriteFeedbackAsync([new VisitorFeedback(Now.AddDays(-1), "webchat", rated.TurnId, null, Helpful: false)], CancellationToken.None);
        await store.WriteSuggestionsAsync(
            [
                new SuggestedAlternate(Now.AddDays(-1), "webchat", SteamSuggestion, 503, SuggestionSource.DidYouMeanChoice),
                new SuggestedAlternate(EarlierToday(TimeSpan.FromHours(2)), "webchat", SteamSuggestion, 503, SuggestionSource.HelpfulAfterRephrase),
                new SuggestedAlternate(Now.AddDays(-1), "webchat", TonerSuggestion, 407, SuggestionSource.DidYouMeanChoice),
                new SuggestedAlternate(Now.AddDays(-1), "webchat", DuplicateSuggestion, 503, SuggestionSource.DidYouMeanChoice),
            ],
            CancellationToken.None);
        await foreach (var suggestion in store.ReadSuggestionsAsync(DateTimeOffset.MinValue, CancellationToken.None))
        {
            SuggestionIds.TryAdd(suggestion.Suggestion.Message, suggestion.Id);
        }
    }

    private static LoggedTurn Turn(DateTimeOffset at, string message, string decision, int? pairId = null, string? redFlag = null) =>
        new(Guid.NewGuid(), at, "webchat", "5eed", message, decision, pairId, pairId is null ? null : 0.8, redFlag, TimeSpan.FromMilliseconds(4));

    [GeneratedRegex("<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"([^\"]+)\">")]
    private static partial Regex HiddenToken();
}

[CollectionDefinition(Name)]
public sealed class SharedAdminSite : ICollectionFixture<AdminSite>
{
    public const string Name = "Admin site";
}
