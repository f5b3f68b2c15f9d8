using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanseBot.Tests.Security;

/// <summary>
/// Plays the Bot Framework's token service offline: an HTTPS server on 127.0.0.1 that publishes OpenID metadata and
/// a key set whose one key is endorsed for Web Chat, and the private half of that key, to sign channel tokens with.
/// The SDK fetches metadata over HTTPS only, so the server's self-signed certificate is written to a CA bundle that
/// the service process is told to trust.
/// </summary>
internal sealed class FakeBotFrameworkTokenService : IAsyncDisposable
{
    /// <summary>The issuer of real Bot Framework channel tokens.</summary>
    public const string Issuer = "https://api.botframework.com";

    public const string KeyId = "cleansebot-test-signing-key";

    /// <summary>The channel the key may sign for; an activity from any other channel must be refused.</summary>
    public const string EndorsedChannel = "webchat";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly string _folder;

    private FakeBotFrameworkTokenService(WebApplication app, X509Certificate2 certificate, string folder, RSA signingKey)
    {
        _app = app;
        _certificate = certificate;
        _folder = folder;
        SigningKey = signingKey;
    }

    /// <summary>The key the service publishes; tokens signed with it and naming it are genuine.</summary>
    public RSA SigningKey { get; }

    /// <summary>https://127.0.0.1:port, where the metadata, the keys and the login and OAuth addresses live.</summary>
    public Uri Origin { get; private set; } = null!;

    public Uri MetadataUrl => new(Origin, "/.well-known/openidconfiguration");

    /// <summary>The system CA certificates plus this server's certificate, as PEM: a value for SSL_CERT_FILE.</summary>
    public string CertificateBundlePath => Path.Combine(_folder, "ca-bundle.pem");

    public static async Task<FakeBotFrameworkTokenService> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("cleansebot-token-service-").FullName;
        var certificate = CreateLocalhostCertificate();
        const string SystemBundle = "/etc/ssl/certs/ca-certificates.crt";
        var bundle = (File.Exists(SystemBundle) ? await File.ReadAllTextAsync(SystemBundle) + "\n" : "") + certificate.ExportCertificatePem() + "\n";
        await File.WriteAllTextAsync(Path.Combine(folder, "ca-bundle.pem"), bundle);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = folder });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var service = new FakeBotFrameworkTokenService(app, certificate, folder, RSA.Create(2048));
        app.MapGet("/.well-known/openidconfiguration", () => Results.Text(service.Metadata(), "application/json"));
        app.MapGet("/keys", () => Results.Json(new { keys = new[] { service.PublishedKey() } }));
        await app.StartAsync();
        service.Origin = new Uri(app.Urls.Single());
        return service;
    }

    /// <summary>
    /// A channel token as the Bot Framework signs one: for the bot <paramref name="audience"/>, from the channel
    /// service at <paramref name="serviceUrl"/> (no claim when null), valid until <paramref name="expires"/>.
    /// </summary>
    public string Token(
        string audience,
        string? serviceUrl,
        DateTime? expires = null,
        string issuer = Issuer,
        RSA? signedWith = null,
        string keyId = KeyId)
    {
        var expiry = expires ?? DateTime.UtcNow.AddHours(1);
        var claims = new Dictionary<string, object>();
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expiry.AddHours(-1),
            NotBefore = expiry.AddHours(-1),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signedWith ?? SigningKey) { KeyId = keyId }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The JSON of one part of a compact token, for tests that rebuild a token by hand.</summary>
    public static string Decode(string part) => Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(part));

    public static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
        SigningKey.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Metadata() => new JsonObject
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = new Uri(Origin, "/authorize").ToString(),
        ["jwks_uri"] = new Uri(Origin, "/keys").ToString(),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    }.ToJsonString();

    private object PublishedKey()
    {
        var parameters = SigningKey.ExportParameters(includePrivateParameters: false);
        return new
        {
            kty = "RSA",
            use = "sig",
            kid = KeyId,
            n = Base64UrlEncoder.Encode(parameters.Modulus),
            e = Base64UrlEncoder.Encode(parameters.Exponent),
            endorsements = new[] { EndorsedChannel },
        };
    }

    private static X509Certificate2 CreateLocalhostCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // Kestrel needs the private key in a form it can use; a round trip through PKCS#12 gives it one on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }
}
