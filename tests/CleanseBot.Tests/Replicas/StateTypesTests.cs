using CleanseBot.Answering;
using CleanseBot.Redis;
using Newtonsoft.Json;

namespace CleanseBot.Tests.Replicas;

/// <summary>Which types conversation state in Redis may name, and how state an earlier release wrote still reads back.</summary>
public sealed class StateTypesTests
{
    private static readonly JsonSerializerSettings Settings = new() { TypeNameHandling = TypeNameHandling.All, SerializationBinder = StateTypes.Instance };

    [Fact]
    public void Reads_back_the_conversation_memory_an_earlier_release_wrote_under_its_old_name()
    {
        const string written = """
            {"$type":"CleanseBot.Dialogs.ConversationMemory, CleanseBot","LastPairId":7,"AnsweredPairIds":{"$type":"System.Collections.Generic.List`1[[System.Int32, System.Private.CoreLib]], System.Private.CoreLib","$values":[3,7]}}
            """;

        var memory = Assert.IsType<ConversationMemory>(JsonConvert.DeserializeObject<object>(written, Settings));

        Assert.Equal(7, memory.LastPairId);
        Assert.Equal([3, 7], memory.AnsweredPairIds);
    }

    [Fact]
    public void Refuses_a_type_that_is_not_the_bots_own()
    {
        const string written = """{"$type":"System.IO.FileInfo, System.Private.CoreLib","fileName":"/etc/passwd"}""";

        Assert.Throws<JsonSerializationException>(() => JsonConvert.DeserializeObject<object>(written, Settings));
    }
}
