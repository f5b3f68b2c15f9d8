using System.Net;
using CleanseBot.Hosting;
using CleanseBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanseBot.Tests.Http;

/// <summary>
/// The health checks a load balancer or Kubernetes uses: /healthz/live (the process answers) and /healthz/ready
/// (the knowledge index is loaded, so messages are answered). /healthz itself is checked in <see cref="HealthCheckTests"/>.
/// </summary>
[Collection(SharedRunningService.Name)]
public sealed class LiveAndReadyTests(RunningService service)
{
    [Theory]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    public async Task Answers_healthy_once_the_knowledge_is_loaded(string path)
    {
        using var response = await service.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Is_live_but_not_ready_while_the_knowledge_is_still_loading()
    {
        // Without its loader the index never loads: the state every start passes through, held still.
        await using var server = new CleanseBotServer(new(), services =>
        {
            var loader = services.Single(service => service.ServiceType == typeof(IHostedService) && service.ImplementationType == typeof(KnowledgeIndexLoader));
            services.Remove(loader);
        });
        server.StartServer();
        using var client = server.CreateClient();

        using var live = await client.GetAsync(new Uri("/healthz/live", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy\nknowledge-index: The knowledge index is loading.", await ready.Content.ReadAsStringAsync());
        Assert.Equal("""{"status":"loading"}""", await health.Content.ReadAsStringAsync());
    }
}
