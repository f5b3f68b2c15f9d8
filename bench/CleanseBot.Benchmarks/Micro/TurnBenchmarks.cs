using BenchmarkDotNet.Attributes;
using CleanseBot.EchoBot;
using CleanseBot.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanseBot.Benchmarks.Micro;

/// <summary>
/// The whole turn without HTTP: an expectReplies message through the SDK's CloudAdapter (authentication, turn
/// context, the bot, conversation state, the collected replies) for CleanseBot as the service composes it, and for
/// the echo bot of the load benchmark, the floor. The difference is what CleanseBot adds to a turn.
/// <see cref="CleanseBotTurnOwnAdapter"/> runs it through the service's own adapter instead (as its built-in Direct
/// Line endpoint does), which keeps connector clients between turns and builds user token clients only when used.
/// </summary>
public class TurnBenchmarks : IDisposable
{
    private ServiceFactory _service = null!;
    private TurnAdapter _adapter = null!;
    private IBot _cleanseBot = null!;
    private CleanseBot.Bot.CleanseBotAdapter _cleanseBotAdapter = null!;
    private EchoActivityHandler _echoBot = null!;
    private IReadOnlyList<string> _messages = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _service = new ServiceFactory();
        var services = _service.Services;
        services.GetRequiredService<KnowledgeIndexProvider>().GetAsync(CancellationToken.None).GetAwaiter().GetResult();
        _cleanseBot = services.GetRequiredService<IBot>();
        _cleanseBotAdapter = services.GetRequiredService<CleanseBot.Bot.CleanseBotAdapter>();
        _echoBot = new EchoActivityHandler();
        _adapter = new TurnAdapter();
        _messages = RealQuestions.Answerable;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _service?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public Task<InvokeResponse> EchoTurn() => Turn(_echoBot);

    [Benchmark]
    public Task<InvokeResponse> CleanseBotTurn() => Turn(_cleanseBot);

    [Benchmark]
    public Task<IList<Activity>> CleanseBotTurnOwnAdapter()
    {
        var sequence = _next++;
        var activity = InboundActivities.Message(_messages[sequence % _messages.Count], sequence);
        return _cleanseBotAdapter.ProcessDirectLineActivityAsync(activity, botAppId: null, _cleanseBot, CancellationToken.None);
    }

    private Task<InvokeResponse> Turn(IBot bot)
    {
        var sequence = _next++;
        var activity = InboundActivities.Message(_messages[sequence % _messages.Count], sequence);
        return _adapter.TurnAsync(activity, bot);
    }

    /// <summary>What CleanseBot's adapter does once it has read the request: an anonymous turn (no app id is configured).</summary>
    private sealed class TurnAdapter() : CloudAdapter(new ConfigurationBotFrameworkAuthentication(new ConfigurationBuilder().Build()), NullLogger<CloudAdapter>.Instance)
    {
        public Task<InvokeResponse> TurnAsync(Activity activity, IBot bot) =>
            ProcessActivityAsync(string.Empty, activity, bot.OnTurnAsync, CancellationToken.None);
    }

    /// <summary>The service's own composition (Program.cs), in production mode, with logging off so that only the work is measured.</summary>
    private sealed class ServiceFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Production);
            builder.ConfigureLogging(logging => logging.ClearProviders());
        }
    }
}
