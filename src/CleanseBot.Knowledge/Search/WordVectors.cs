using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// A vector of meaning for each of some 14,000 English words, distilled offline from the MiniLM sentence model by
/// <c>tools/CleanseBot.WordVectors</c> (each word encoded alone, centred, reduced by principal components, stored as
/// bytes). A text's vector is the mean of its words' vectors: a few microseconds and no model at run time, where
/// MiniLM itself costs milliseconds and 150 MB. Coarser than the model, but it knows that "beautician" and "facial",
/// or "shrink" and "smaller", are about the same things when the knowledge's words do not say so.
/// </summary>
internal sealed class WordVectors
{
    /// <summary>The file inside this assembly that the tool writes.</summary>
    public const string ResourceName = "CleanseBot.Knowledge.WordVectors.bin";

    private const int Magic = 0x56574243; // "CBWV"
    private const int FormatVersion = 1;
    private const int HeaderBytes = 16;

    // The file is kept whole and its words are found through a hash table over their UTF-8 bytes: a string and a
    // dictionary entry for each of 22,000 words were 3 MB of small objects at every start, enough on their own to
    // bring on garbage collections before the first answer (docs/performance.md). Large arrays only, instead.
    private readonly byte[] _file;
    private readonly int[] _wordStarts;
    private readonly ushort[] _wordLengths;
    private readonly int[] _slots; // a row number plus one, or 0 for none; open addressing, a power of two long
    private readonly int _longestWord;

    private WordVectors(byte[] file, int[] wordStarts, ushort[] wordLengths, int[] slots, int longestWord, int dimensions)
    {
        _file = file;
        _wordStarts = wordStarts;
        _wordLengths = wordLengths;
        _slots = slots;
        _longestWord = longestWord;
        Dimensions = dimensions;
    }

    /// <summary>One copy for every index and reader in the process (about 1.3 MB), read when first needed.</summary>
    public static Lazy<WordVectors> Shared { get; } = new(Load);

    public int Dimensions { get; }

    public int WordCount => _wordStarts.Length;

    /// <summary>The vectors shipped inside this assembly.</summary>
    public static WordVectors Load()
    {
        using var stream = typeof(WordVectors).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidDataException($"The assembly holds no {ResourceName}; run tools/CleanseBot.WordVectors.");
        return Read(stream);
    }

    public static WordVectors Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream(stream.CanSeek ? (int)(stream.Length - stream.Position) : 0);
        stream.CopyTo(copy);
        var file = copy.Length == copy.Capacity ? copy.GetBuffer() : copy.ToArray();
        return Parse(file);
    }

    private static WordVectors Parse(byte[] file)
    {
        var bytes = file.AsSpan();
        if (bytes.Length < HeaderBytes || ReadInt32(bytes, 0) != Magic || ReadInt32(bytes, 4) != FormatVersion)
        {
            throw new InvalidDataException("Not a word vectors file of this version.");
        }

        var count = ReadInt32(bytes, 8);
        var dimensions = ReadInt32(bytes, 12);
        // Each row takes at least a length byte, the scale and the values: a count beyond that is a damaged file.
        if (count < 0 || dimensions <= 0 || count > (bytes.Length - HeaderBytes) / (1 + sizeof(float) + dimensions))
        {
            throw new InvalidDataException($"The word vectors file declares {count} vectors of {dimensions} values, which it cannot hold.");
        }

        var wordStarts = new int[count];
        var wordLengths = new ushort[count];
        var slots = new int[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, count * 2))];
        var longestWord = 0;
        var position = HeaderBytes;
        for (var row = 0; row < count; row++)
        {
            // Each row as BinaryWriter wrote it: the word's UTF-8 length (7 bits a byte), its bytes, a float scale, the values.
            var length = Read7BitLength(bytes, ref position);
            if (length > ushort.MaxValue || position + length + sizeof(float) + dimensions > bytes.Length)
            {
                throw new InvalidDataException("The word vectors file is cut short.");
            }

            wordStarts[row] = position;
            wordLengths[row] = (ushort)length;
            longestWord = Math.Max(longestWord, length);
            var slot = FreeSlotOrSame(slots, bytes.Slice(position, length), file, wordStarts, wordLengths);
            if (slots[slot] == 0)
            {
                slots[slot] = row + 1;
            }

            position += length + sizeof(float) + dimensions;
        }

        return new WordVectors(file, wordStarts, wordLengths, slots, longestWord, dimensions);
    }

    /// <summary>Writes <paramref name="vectors"/> (each word's vector, all of one length), each as bytes with one scale.</summary>
    public static void Write(Stream stream, IReadOnlyList<(string Word, float[] Vector)> vectors)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var dimensions = vectors[0].Vector.Length;
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(vectors.Count);
        writer.Write(dimensions);
        foreach (var (word, vector) in vectors)
        {
            var largest = vector.Max(Math.Abs);
            var scale = largest == 0 ? 1f : largest / sbyte.MaxValue;
            writer.Write(word);
            writer.Write(scale);
            foreach (var value in vector)
            {
                writer.Write((sbyte)Math.Round(value / scale));
            }
        }
    }

    /// <summary>Adds the vector of <paramref name="term"/> to <paramref name="sum"/>; false when the term has none.</summary>
    public bool Add(string term, Span<float> sum)
    {
        var row = RowOf(term);
        if (row < 0)
        {
            return false;
        }

        var start = _wordStarts[row] + _wordLengths[row];
        var scale = BitConverter.ToSingle(_file, start);
        var values = MemoryMarshal.Cast<byte, sbyte>(_file.AsSpan(start + sizeof(float), Dimensions));
        for (var d = 0; d < values.Length; d++)
        {
            sum[d] += scale * values[d];
        }

        return true;
    }

    /// <summary>Whether <paramref name="term"/> has a vector: an English word, not a slip.</summary>
    public bool Contains(string term) => RowOf(term) >= 0;

    // The row of `term`, or -1 when it has none.
    private int RowOf(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        if (System.Text.Encoding.UTF8.GetMaxByteCount(term.Length) > _longestWord && System.Text.Encoding.UTF8.GetByteCount(term) > _longestWord)
        {
            return -1;
        }

        Span<byte> word = stackalloc byte[_longestWord];
        word = word[..System.Text.Encoding.UTF8.GetBytes(term, word)];
        return _slots[FreeSlotOrSame(_slots, word, _file, _wordStarts, _wordLengths)] - 1;
    }

    /// <summary>The cosine of two unit-length vectors.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        // Several candidates of some thirty questions each, every search: worth the processor's vector width.
        var sum = Vector<float>.Zero;
        var d = 0;
        for (; d <= a.Length - Vector<float>.Count; d += Vector<float>.Count)
        {
            sum += new Vector<float>(a[d..]) * new Vector<float>(b[d..]);
        }

        double dot = Vector.Sum(sum);
        for (; d < a.Length; d++)
        {
            dot += a[d] * b[d];
        }

        return dot;
    }

    /// <summary>Scales <paramref name="vector"/> to unit length, so that a mean of any number of words compares by cosine.</summary>
    public static void Normalise(Span<float> vector)
    {
        double squares = 0;
        foreach (var value in vector)
        {
            squares += value * value;
        }

        var norm = (float)Math.Sqrt(squares);
        if (norm > 0)
        {
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] /= norm;
            }
        }
    }

    // The slot holding `word`, or the empty slot where it would go.
    private static int FreeSlotOrSame(int[] slots, ReadOnlySpan<byte> word, byte[] file, int[] wordStarts, ushort[] wordLengths)
    {
        var hash = new HashCode();
        hash.AddBytes(word);
        var mask = slots.Length - 1;
        for (var slot = hash.ToHashCode() & mask; ; slot = (slot + 1) & mask)
        {
            var row = slots[slot] - 1;
            if (row < 0 || file.AsSpan(wordStarts[row], wordLengths[row]).SequenceEqual(word))
            {
                return slot;
            }
        }
    }

    private static int ReadInt32(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadInt32LittleEndian(bytes[offset..]);

    private static int Read7BitLength(ReadOnlySpan<byte> bytes, ref int position)
    {
        var length = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= bytes.Length)
            {
                break;
            }

            var next = bytes[position++];
            length |= (next & 0x7F) << shift;
            if (next < 0x80)
            {
                return length;
            }
        }

        throw new InvalidDataException("The word vectors file is cut short.");
    }
}
