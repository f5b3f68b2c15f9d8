using System.Collections.Concurrent;
using System.Reflection;
using Newtonsoft.Json.Serialization;

namespace CleanseBot.Redis;

/// <summary>
/// The types conversation state may name in Redis. The SDK's MemoryStorage writes each object's type into its JSON
/// so that it reads back as what was written; from a store outside the process, an unchecked type name would let
/// whoever can write to Redis make this service construct any type it can load. Only the bot's own types, the
/// Bot Framework's, primitives, and generic collections of those are read back.
/// </summary>
internal sealed class StateTypes : DefaultSerializationBinder
{
    public static readonly StateTypes Instance = new();

    // Types that state written by an earlier release names where they used to live: during a rolling deploy the
    // conversations the old replicas wrote must still read back on the new ones.
    private static readonly Dictionary<(string Assembly, string Type), Type> Moved = new()
    {
        [("CleanseBot", "CleanseBot.Dialogs.ConversationMemory")] = typeof(Answering.ConversationMemory),
    };

    // Every conversation read names the same few types; the verdict on each is worked out once (it reads assembly names).
    private static readonly ConcurrentDictionary<Type, bool> Allowed = new();

    public override Type BindToType(string? assemblyName, string typeName)
    {
        if (assemblyName is not null && Moved.TryGetValue((assemblyName, typeName), out var moved))
        {
            return moved;
        }

        var type = base.BindToType(assemblyName, typeName);
        return Allowed.GetOrAdd(type, IsAllowed) ? type : throw new Newtonsoft.Json.JsonSerializationException($"Conversation state in Redis names a type it may not hold: {type.FullName}.");
    }

    private static bool IsAllowed(Type type)
    {
        if (type.IsArray)
        {
            return IsAllowed(type.GetElementType()!);
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            return (definition.Namespace == "System.Collections.Generic" || definition == typeof(Nullable<>) || IsOurs(definition.Assembly))
                && type.GetGenericArguments().All(IsAllowed);
        }

        return type.IsPrimitive || type.IsEnum && IsOurs(type.Assembly) || type == typeof(string) || type == typeof(object) || type == typeof(decimal)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid)
            || IsOurs(type.Assembly);
    }

    private static bool IsOurs(Assembly assembly) =>
        assembly.GetName().Name is { } name && (name.StartsWith("CleanseBot", StringComparison.Ordinal) || name.StartsWith("Microsoft.Bot.", StringComparison.Ordinal));
}
