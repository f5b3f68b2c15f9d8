using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CleanseBot.Tests.Teams;

/// <summary>
/// Just enough of a PNG decoder to check the Teams icons: the size from IHDR, and for 8-bit RGBA images without
/// interlacing, the pixels, with all five row filters undone (so an icon saved by another tool can be checked too).
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private const byte TruecolorWithAlpha = 6;

    private readonly byte[]? _pixels;

    private PngImage(int width, int height, byte bitDepth, byte colorType, bool interlaced, byte[]? pixels)
    {
        Width = width;
        Height = height;
        BitDepth = bitDepth;
        ColorType = colorType;
        Interlaced = interlaced;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public byte BitDepth { get; }

    public byte ColorType { get; }

    public bool Interlaced { get; }

    public bool IsRgba8 => BitDepth == 8 && ColorType == TruecolorWithAlpha && !Interlaced;

    /// <summary>Every pixel as (x, y, red, green, blue, alpha), row by row.</summary>
    public IEnumerable<(int X, int Y, byte R, byte G, byte B, byte A)> Pixels()
    {
        if (_pixels is null)
        {
            throw new InvalidOperationException($"Only 8-bit RGBA PNGs without interlacing are decoded here; this one has bit depth {BitDepth}, colour type {ColorType}, interlaced {Interlaced}.");
        }

        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var at = ((y * Width) + x) * 4;
                yield return (x, y, _pixels[at], _pixels[at + 1], _pixels[at + 2], _pixels[at + 3]);
            }
        }
    }

    public static PngImage Read(byte[] file)
    {
        Assert.True(file.AsSpan().StartsWith(Signature), "Not a PNG file: the signature is missing.");

        int width = 0, height = 0;
        byte bitDepth = 0, colorType = 0;
        var interlaced = false;
        using var compressed = new MemoryStream();
        for (var at = Signature.Length; at + 8 <= file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var kind = Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            switch (kind)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    bitDepth = data[8];
                    colorType = data[9];
                    interlaced = data[12] != 0;
                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
            }

            at += 12 + length; // length, kind, data, CRC
        }

        Assert.True(width > 0 && height > 0, "The PNG has no IHDR chunk.");
        var pixels = bitDepth == 8 && colorType == TruecolorWithAlpha && !interlaced
            ? Unfilter(Inflate(compressed.ToArray()), width, height)
            : null;
        return new PngImage(width, height, bitDepth, colorType, interlaced, pixels);
    }

    private static byte[] Inflate(byte[] compressed)
    {
        using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        return raw.ToArray();
    }

    /// <summary>Undoes the per-row filters of an RGBA image (PNG specification, section 9).</summary>
    private static byte[] Unfilter(byte[] raw, int width, int height)
    {
        const int bytesPerPixel = 4;
        var stride = width * bytesPerPixel;
        Assert.Equal((stride + 1) * height, raw.Length);

        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var source = raw.AsSpan((y * (stride + 1)) + 1, stride);
            var row = pixels.AsSpan(y * stride, stride);
            Span<byte> above = y > 0 ? pixels.AsSpan((y - 1) * stride, stride) : new byte[stride];
            for (var i = 0; i < stride; i++)
            {
                int left = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0;
                int up = above[i];
                int upLeft = i >= bytesPerPixel ? above[i - bytesPerPixel] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"Row {y} has an unknown PNG filter type {filter}."),
                };
                row[i] = (byte)(source[i] + predictor);
            }
        }

        return pixels;
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var toLeft = Math.Abs(estimate - left);
        var toUp = Math.Abs(estimate - up);
        var toUpLeft = Math.Abs(estimate - upLeft);
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }
}
