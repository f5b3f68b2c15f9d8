using System.Text.RegularExpressions;

namespace CleanseBot.Answering;

/// <summary>Recognises messages that only make sense after the previous answer.</summary>
internal static partial class FollowUps
{
    /// <summary>"tell me more", "go on", "why?": the person wants more on the same topic, not a new search.</summary>
    public static bool AsksForMore(string text) => MoreCue().IsMatch(text.Trim());

    /// <summary>"and for dry skin?", "what about toners", "ok but mine is dry": a new question leaning on the previous topic, an acknowledgement before it or not.</summary>
    public static bool LeansOnPrevious(string text) => LeaningCue().IsMatch(text.Trim());

    [GeneratedRegex(@"^(please\s+)?(tell me more|more|more please|more info(rmation)?|more details?|go on|continue|keep going|what else|anything else|elaborate|explain more|why|why\s+is\s+that|why\s+so|how\s+come|how\s+so|and|and\s+then|really)\s*[?.!]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MoreCue();

    [GeneratedRegex(@"^((ok|okay|ok cool|cool|right|so|hmm|oh)[,.!]?\s+)?(and|but|also|or|what about|how about|what if|same for|is that|does that|is it|does it|would that|will that|can that)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeaningCue();
}
