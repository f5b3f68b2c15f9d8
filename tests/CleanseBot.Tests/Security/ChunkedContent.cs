using System.Net;
using System.Net.Http.Headers;

namespace CleanseBot.Tests.Security;

/// <summary>A JSON request body sent in chunks, without a Content-Length: the server learns its size only by reading it.</summary>
internal sealed class ChunkedContent : HttpContent
{
    private const int ChunkSize = 16 * 1024;

    private readonly byte[] _body;

    public ChunkedContent(byte[] body)
    {
        _body = body;
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < _body.Length; offset += ChunkSize)
        {
            await stream.WriteAsync(_body.AsMemory(offset, Math.Min(ChunkSize, _body.Length - offset)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
