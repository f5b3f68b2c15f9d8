using System.Text.Json.Serialization;

namespace CleanseBot.Apis;

/// <summary>
/// Serialization metadata for the HTTP endpoints' JSON, generated at compile time and asked first. Every generated
/// endpoint handler asks for <see cref="object"/>'s metadata as the route table is built, which happens in the first
/// request: answered from here, that request no longer starts System.Text.Json's reflection-based resolver (its
/// converters and member accessors, some hundred methods compiled by the JIT). Types not listed here, such as the Direct
/// Line channel's responses, are still described by reflection, when first sent.
/// </summary>
[JsonSerializable(typeof(object))]
internal sealed partial class HttpJson : JsonSerializerContext;
