using System.Net;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Admin;

/// <summary>
/// Who gets into /admin: nobody while Admin:ApiKey is unset (404); with it set, only a request with the key, in the
/// Authorization header or the login form's cookie. Everyone else gets 401 and the login form, never data; an address
/// that keeps guessing gets 429, and only that address.
/// </summary>
[Collection(SharedAdminSite.Name)]
public sealed class AdminAccessTests(AdminSite site)
{
    [Theory]
    [InlineData("GET", "/admin")]
    [InlineData("GET", "/admin?since=90d")]
    [InlineData("GET", "/admin/anything-else")]
    [InlineData("POST", "/admin/logout")]
    [InlineData("POST", "/admin/suggestions/1/accept")]
    public async Task Without_the_key_every_admin_route_answers_401_with_the_login_form_and_no_data(string method, string path)
    {
        using var client = site.ClientFrom(11);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\" action=\"/admin/login\">", body, StringComparison.Ordinal);
        AssertNoData(body);
    }

    [Theory]
    [InlineData("Bearer not-the-key")]
    [InlineData("Bearer admin-key-for-the-tests-0123456789abcdeX")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    public async Task A_wrong_key_in_the_Authorization_header_answers_401_with_no_data(string authorization)
    {
        using var client = site.ClientFrom(12);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/admin", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertNoData(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_key_in_the_address_bar_or_a_forged_cookie_opens_nothing()
    {
        using var client = site.ClientFrom(13);
        using var inQuery = await client.GetAsync(new Uri($"/admin?key={AdminSite.Key}&apiKey={AdminSite.Key}", UriKind.Relative));
        using var forged = new HttpRequestMessage(HttpMethod.Get, new Uri("/admin", UriKind.Relative));
        forged.Headers.Add("Cookie", "CleanseBot.Admin=99999999999.c2lnbmVkIGJ5IG5vYm9keQ");

        using var withForged = await client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, inQuery.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withForged.StatusCode);
        AssertNoData(await inQuery.Content.ReadAsStringAsync());
        AssertNoData(await withForged.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_key_typed_into_the_login_form_answers_401_and_sets_no_session()
    {
        using var client = site.ClientFrom(14);

        using var response = await client.PostAsync(new Uri("/admin/login", UriKind.Relative), new FormUrlEncodedContent([new("key", "guess-guess-guess-guess-guess-guess")]));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("That key is not right.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], cookie => cookie.StartsWith("CleanseBot.Admin=", StringComparison.Ordinal) && !cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Logging_in_through_the_form_sets_an_HttpOnly_SameSite_Strict_cookie_that_opens_the_page()
    {
        using var client = site.ClientFrom(15);

        using var login = await client.PostAsync(new Uri("/admin/login", UriKind.Relative), new FormUrlEncodedContent([new("key", AdminSite.Key)]));

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/admin", login.Headers.Location!.OriginalString);
        var setCookie = login.Headers.GetValues("Set-Cookie").Single(cookie => cookie.StartsWith("CleanseBot.Admin=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/admin", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AdminSite.Key, setCookie, StringComparison.Ordinal);

        // Over plain HTTP the cookie cannot be Secure, or the browser would never send it back.
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase);

        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri("/admin", UriKind.Relative));
        page.Headers.Add("Cookie", AdminSite.Cookie(login, "CleanseBot.Admin"));
        using var response = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(AdminSite.Unanswered, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_too_many_wrong_keys_an_address_gets_429_with_Retry_After_even_with_the_key_while_another_gets_in()
    {
        using var attacker = site.ClientFrom(21);
        using var owner = site.ClientFrom(22);
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < AdminSite.MaxFailedAttempts + 2; attempt++)
        {
            using var guess = await attacker.SendAsync(AdminSite.WithKey(HttpMethod.Get, "/admin", $"guess-{attempt}"));
            statuses.Add(guess.StatusCode);
        }

        using var attackerWithTheKey = await attacker.SendAsync(AdminSite.WithKey(HttpMethod.Get, "/admin"));
        using var attackerAtTheForm = await attacker.PostAsync(new Uri("/admin/login", UriKind.Relative), new FormUrlEncodedContent([new("key", AdminSite.Key)]));
        using var ownerWithTheKey = await owner.SendAsync(AdminSite.WithKey(HttpMethod.Get, "/admin"));

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, AdminSite.MaxFailedAttempts - 1), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, attackerWithTheKey.StatusCode);
        Assert.InRange(attackerWithTheKey.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        AssertNoData(await attackerWithTheKey.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, attackerAtTheForm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownerWithTheKey.StatusCode);
    }

    [Fact]
    public async Task Every_admin_response_forbids_scripts_framing_and_caching()
    {
        using var client = site.ClientFrom(16);

        using var refused = await client.GetAsync(new Uri("/admin", UriKind.Relative));
        using var page = await client.SendAsync(AdminSite.WithKey(HttpMethod.Get, "/admin"));

        foreach (var response in new[] { refused, page })
        {
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.StartsWith("default-src 'none'; style-src 'sha256-", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.True(response.Headers.CacheControl!.NoStore);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    private static void AssertNoData(string body)
    {
        Assert.DoesNotContain("microneedling", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AdminSite.SteamSuggestion, body, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", body, StringComparison.Ordinal);
        Assert.DoesNotContain("pair 503", body, StringComparison.Ordinal);
    }
}

/// <summary>Without Admin:ApiKey, as the service runs by default, there is no admin page at all.</summary>
[Collection(SharedRunningService.Name)]
public sealed class AdminOffTests(RunningService service)
{
    [Theory]
    [InlineData("GET", "/admin")]
    [InlineData("POST", "/admin/login")]
    [InlineData("POST", "/admin/suggestions/1/accept")]
    public async Task Without_a_configured_key_admin_answers_404(string method, string path)
    {
        using var response = await service.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
