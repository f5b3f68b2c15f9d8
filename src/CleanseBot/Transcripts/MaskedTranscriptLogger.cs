using CleanseBot.QuestionLog;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CleanseBot.Transcripts;

/// <summary>
/// Writes activities to a transcript with what could identify or reach a visitor masked (<see cref="PersonalDataMask"/>),
/// as the question log keeps messages: the text, and every string in an activity's value (the decision trace quotes
/// the message it searched). It masks a copy: the activity the visitor is sent is never changed. Writes go one at a
/// time, because the SDK's file logger keeps no lock of its own around the file it appends to.
/// </summary>
internal sealed class MaskedTranscriptLogger(ITranscriptLogger inner) : ITranscriptLogger, IDisposable
{
    private static readonly JsonSerializerSettings CopySettings = new() { NullValueHandling = NullValueHandling.Ignore };

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task LogActivityAsync(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var masked = Masked(activity);
        await _oneAtATime.WaitAsync().ConfigureAwait(false);
        try
        {
            await inner.LogActivityAsync(masked).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();

    private static Activity Masked(IActivity activity)
    {
        var copy = JsonConvert.DeserializeObject<Activity>(JsonConvert.SerializeObject(activity, CopySettings), CopySettings)!;
        copy.Text = copy.Text is null ? null : PersonalDataMask.Mask(copy.Text);
        copy.Speak = copy.Speak is null ? null : PersonalDataMask.Mask(copy.Speak);
        copy.Summary = copy.Summary is null ? null : PersonalDataMask.Mask(copy.Summary);
        if (copy.Value is not null)
        {
            var value = JToken.FromObject(copy.Value);
            MaskStrings(value);
            copy.Value = value;
        }

        return copy;
    }

    private static void MaskStrings(JToken token)
    {
        if (token is JValue { Type: JTokenType.String, Value: string text } value)
        {
            value.Value = PersonalDataMask.Mask(text);
            return;
        }

        foreach (var child in token.Children())
        {
            MaskStrings(child);
        }
    }
}
