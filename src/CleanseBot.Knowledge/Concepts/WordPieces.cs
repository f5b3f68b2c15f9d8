using System.Runtime.InteropServices;

namespace CleanseBot.Knowledge.Concepts;

/// <summary>
/// The pieces of a message's words as typed: every run of <see cref="Length"/> letters of each word, its start and end
/// marked ("&lt;sw", "swo", …, "en&gt;"), each once. The warning-sign model weighs them beside the whole words, so that a
/// word no training message spelled that way still counts by the pieces it shares with those that did: "swolen",
/// "oozy" and "shivvery" keep most of the pieces of "swollen", "oozing" and "shivery", where as whole words they weigh
/// nothing.
/// </summary>
/// <remarks>
/// A piece is also a number (<see cref="Number"/>): three UTF-16 characters fit in 48 bits, so the number is the piece
/// itself, never a hash that two pieces could share. The bot reads every message's pieces as numbers, without a string
/// for each of its hundred or so; the model file and its training keep them as text.
/// </remarks>
public static class WordPieces
{
    public const int Length = 3;

    private const char Start = '<';
    private const char End = '>';

    /// <summary>The message's pieces as text, each once, in the order they first occur.</summary>
    public static IReadOnlyList<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var seen = new HashSet<long>();
        var pieces = new List<string>();
        foreach (var number in All(text))
        {
            if (seen.Add(number))
            {
                pieces.Add(Text(number));
            }
        }

        return pieces;
    }

    /// <summary>The message's pieces as numbers, each once, in ascending order.</summary>
    public static long[] Numbers(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var numbers = CollectionsMarshal.AsSpan(All(text));
        numbers.Sort();
        var distinct = 0;
        foreach (var number in numbers)
        {
            if (distinct == 0 || number != numbers[distinct - 1])
            {
                numbers[distinct++] = number;
            }
        }

        return numbers[..distinct].ToArray();
    }

    /// <summary>The number of a piece of <see cref="Length"/> characters.</summary>
    public static long Number(ReadOnlySpan<char> piece)
    {
        if (piece.Length != Length)
        {
            throw new InvalidDataException($"A word piece has {Length} characters: \"{piece}\".");
        }

        return ((long)piece[0] << 32) | ((long)piece[1] << 16) | piece[2];
    }

    /// <summary>The piece a <see cref="Number"/> stands for.</summary>
    public static string Text(long number) =>
        string.Create(Length, number, static (piece, n) =>
        {
            piece[0] = (char)(n >> 32);
            piece[1] = (char)((n >> 16) & 0xFFFF);
            piece[2] = (char)(n & 0xFFFF);
        });

    // Every piece of every word, repeats included; numbers and the pauses between clauses have none.
    private static List<long> All(string text)
    {
        var numbers = new List<long>(text.Length + 2);
        Span<char> buffer = stackalloc char[64];
        foreach (var word in ConceptWords.Split(text))
        {
            if (word == ConceptWords.Pause || !char.IsLetter(word[0]))
            {
                continue;
            }

            var marked = word.Length + 2 <= buffer.Length ? buffer[..(word.Length + 2)] : new char[word.Length + 2];
            marked[0] = Start;
            word.AsSpan().CopyTo(marked[1..]);
            marked[^1] = End;
            for (var i = 0; i + Length <= marked.Length; i++)
            {
                numbers.Add(Number(marked.Slice(i, Length)));
            }
        }

        return numbers;
    }
}
