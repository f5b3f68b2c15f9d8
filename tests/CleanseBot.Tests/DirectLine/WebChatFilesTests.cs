using System.Net;
using System.Net.Http.Headers;

namespace CleanseBot.Tests.DirectLine;

/// <summary>The demo page, widget.js and Web Chat's bundle as the service sends them: compressed, with cache headers; and CORS for the sites on the allow-list.</summary>
[Collection(SharedWebChatSite.Name)]
public sealed class WebChatFilesTests(WebChatSite site)
{
    private readonly HttpClient _client = site.Client;

    [Fact]
    public async Task Serves_the_demo_page_at_the_root_with_the_widget_open()
    {
        using var response = await _client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("""<script src="widget.js" data-open="true"></script>""", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sends_Web_Chats_full_bundle_compressed_at_build_with_brotli_or_gzip_and_cached_for_a_day()
    {
        var brotli = await GetAsync("/webchat/webchat.js", "br");
        var gzip = await GetAsync("/webchat/webchat.js", "gzip");
        var plain = await GetAsync("/webchat/webchat.js", null);

        Assert.Equal(["br"], brotli.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.All([brotli, gzip, plain], response =>
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=86400", response.Headers.CacheControl?.ToString());
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            Assert.NotNull(response.Headers.ETag);
        });

        // The full bundle, with the Adaptive Cards renderer hero cards need; the minimal one is about half its size.
        var bundle = await plain.Content.ReadAsStringAsync();
        Assert.True(bundle.Length > 3_000_000, $"webchat.js is only {bundle.Length} characters: not the full bundle.");
        Assert.Contains("AdaptiveCard", bundle, StringComparison.Ordinal);
        Assert.InRange(brotli.Content.Headers.ContentLength!.Value, 100_000, bundle.Length / 4);
        Assert.True(brotli.Content.Headers.ContentLength < gzip.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Answers_a_revalidation_of_the_bundle_with_304_and_no_body()
    {
        var first = await GetAsync("/webchat/webchat.js", "br");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/webchat/webchat.js", UriKind.Relative));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var again = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Sends_widget_js_compressed_and_cached_for_five_minutes()
    {
        var response = await GetAsync("/widget.js", "br");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Never_sends_the_compressed_copies_as_files_of_their_own()
    {
        var response = await GetAsync("/webchat/webchat.js.br", "br");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/v3/directline/conversations")]
    [InlineData("/api/webchat/token")]
    public async Task Lets_an_allowed_site_call_with_the_headers_Web_Chat_sends(string path)
    {
        using var response = await PreflightAsync(path, site.SiteOrigin);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(site.SiteOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var allowed = string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToUpperInvariant();
        Assert.All(["AUTHORIZATION", "CONTENT-TYPE", "X-MS-BOT-AGENT", "X-REQUESTED-WITH"], header => Assert.Contains(header, allowed, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Does_not_let_a_site_off_the_allow_list_read_the_answers()
    {
        using var preflight = await PreflightAsync("/v3/directline/conversations", "https://evil.example.org");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/webchat/token", UriKind.Relative));
        request.Headers.Add("Origin", "https://evil.example.org");
        using var token = await _client.SendAsync(request);

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(token.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        }

        return await _client.SendAsync(request);
    }

    private Task<HttpResponseMessage> PreflightAsync(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, new Uri(path, UriKind.Relative));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent,x-requested-with");
        return _client.SendAsync(request);
    }
}
