using System.Net;
using System.Text.Json;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Http;

[Collection(SharedRunningService.Name)]
public sealed class HealthCheckTests(RunningService service)
{
    [Fact]
    public void Listens_on_a_loopback_port_and_answers_the_health_check_from_the_start()
    {
        Assert.Equal("127.0.0.1", service.Client.BaseAddress!.Host);
        Assert.NotEqual(0, service.Client.BaseAddress.Port);
        Assert.NotEmpty(service.Server.HealthChecks);
        Assert.All(service.Server.HealthChecks[..^1], check =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, check.Status);
            Assert.Equal("""{"status":"loading"}""", check.Body);
        });
    }

    [Fact]
    public async Task Reports_ready_with_the_number_of_pairs_once_the_knowledge_is_loaded()
    {
        using var response = await service.Client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ready", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(RealBot.Knowledge.Pairs.Count, health.RootElement.GetProperty("pairs").GetInt32());
    }
}
