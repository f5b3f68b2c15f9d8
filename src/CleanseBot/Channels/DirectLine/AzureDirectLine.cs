using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CleanseBot.Hosting;
using Microsoft.Extensions.Options;

namespace CleanseBot.Channels.DirectLine;

/// <summary>A token from Azure's Direct Line.</summary>
internal sealed record AzureDirectLineToken(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>
/// Azure mode: exchanges the Direct Line secret for a token for one new conversation (POST /tokens/generate) on the
/// server, so the secret never reaches a browser. The visitor's user id goes into the token, so no one can pose as another.
/// </summary>
internal sealed partial class AzureDirectLine(HttpClient http, IOptions<DirectLineOptions> options, ILogger<AzureDirectLine> logger)
{
    /// <summary>The token, or null when Azure gave none (logged).</summary>
    public async Task<AzureDirectLineToken?> GenerateTokenAsync(string userId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.AzureEndpoint.TrimEnd('/') + "/tokens/generate"))
        {
            Content = JsonContent.Create(new { user = new { id = userId } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Secret);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(logger, settings.AzureEndpoint, (int)response.StatusCode);
                return null;
            }

            var token = await response.Content.ReadFromJsonAsync<AzureDirectLineToken>(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(token?.Token) || string.IsNullOrEmpty(token.ConversationId))
            {
                LogUnreadable(logger, settings.AzureEndpoint);
                return null;
            }

            return token;
        }
        catch (Exception error) when (error is HttpRequestException or JsonException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, error, settings.AzureEndpoint);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Azure Direct Line at {Endpoint} refused to generate a token ({Status}); check DirectLine:Secret")]
    private static partial void LogRefused(ILogger logger, string endpoint, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Azure Direct Line at {Endpoint} answered without a token and conversation id")]
    private static partial void LogUnreadable(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not get a token from Azure Direct Line at {Endpoint}")]
    private static partial void LogUnreachable(ILogger logger, Exception error, string endpoint);
}
