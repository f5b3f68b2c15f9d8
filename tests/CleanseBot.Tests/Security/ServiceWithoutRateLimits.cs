using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Security;

/// <summary>The real service with RateLimiting:Enabled false, for test classes that send many requests in a burst.</summary>
public sealed class ServiceWithoutRateLimits() : ServiceFixture(new CleanseBotServer(new() { ["RateLimiting:Enabled"] = "false" }, services: null));
