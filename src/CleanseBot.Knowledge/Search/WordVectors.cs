using System.Numerics;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// A vector of meaning for each of some 22,000 English words, distilled offline from the MiniLM sentence model by
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

    private readonly Dictionary<string, int> _rows;
    private readonly sbyte[] _values;
    private readonly float[] _scales;

    private WordVectors(Dictionary<string, int> rows, sbyte[] values, float[] scales, int dimensions)
    {
        _rows = rows;
        _values = values;
        _scales = scales;
        Dimensions = dimensions;
    }

    public int Dimensions { get; }

    public int WordCount => _rows.Count;

    /// <summary>The vectors shipped inside this assembly.</summary>
    public static WordVectors Load()
    {
        using var stream = typeof(WordVectors).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidDataException($"The assembly holds no {ResourceName}; run tools/CleanseBot.WordVectors.");
        return Read(stream);
    }

    public static WordVectors Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadInt32() != Magic || reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("Not a word vectors file of this version.");
        }

        var count = reader.ReadInt32();
        var dimensions = reader.ReadInt32();
        var rows = new Dictionary<string, int>(count, StringComparer.Ordinal);
        var values = new sbyte[count * dimensions];
        var scales = new float[count];
        var bytes = new byte[dimensions];
        for (var row = 0; row < count; row++)
        {
            rows.Add(reader.ReadString(), row);
            scales[row] = reader.ReadSingle();
            reader.BaseStream.ReadExactly(bytes);
            Buffer.BlockCopy(bytes, 0, values, row * dimensions, dimensions);
        }

        return new WordVectors(rows, values, scales, dimensions);
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
        if (!_rows.TryGetValue(term, out var row))
        {
            return false;
        }

        var scale = _scales[row];
        var values = _values.AsSpan(row * Dimensions, Dimensions);
        for (var d = 0; d < values.Length; d++)
        {
            sum[d] += scale * values[d];
        }

        return true;
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
}
