using Lucene.Net.Analysis;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// Drops "tell" where it asks the bot ("can you tell me about toners", "tell us more"), and keeps it where it is what
/// the visitor asks about: telling the esthetician ("should I tell them about my allergies", "what to tell the
/// facialist"), which three pairs of the guide answer. A stop word either way would lose one of the two.
/// </summary>
internal sealed class TellMeFilter(TokenStream input) : WordPairFilter(input)
{
    protected override bool Opens() => Is("tell");

    // "tell" is dropped; the word after it takes its place.
    protected override bool Joins() => Is("me") || Is("us");
}
