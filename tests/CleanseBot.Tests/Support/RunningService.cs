namespace CleanseBot.Tests.Support;

/// <summary>One running service shared by the test classes that only send it requests.</summary>
public sealed class RunningService() : ServiceFixture(new CleanseBotServer());

[CollectionDefinition(Name)]
public sealed class SharedRunningService : ICollectionFixture<RunningService>
{
    public const string Name = "Running service";
}
