namespace CleanseBot.Knowledge.Search;

/// <summary>
/// Maps a word the knowledge never uses to the word of its questions the user most likely meant ("steem" →
/// "steam", "extracshuns" → "extractions"), so that typos still find answers. Works on the words as typed (lower
/// case, accents folded), before stemming, because misspellings are errors of spelling, not of stems: "clogd" is
/// two letters from "clogged" but further from its stem. A wrong correction is worse than none, so it is cautious:
/// a word is changed only to a word of the questions (a correctly spelled word the guide lacks, such as "whole",
/// must not turn into a filler word of some answer, such as "while"), only when the two are one edit apart (two for
/// words of eight letters or more) and start with the same letter, or when they also sound alike (<see cref="SoundKey"/>)
/// and are at most a third of the word apart. Words under four letters are left alone: almost every short word is
/// one edit from another.
/// </summary>
internal sealed class SpellingCorrector
{
    // Almost every short word is one edit from another ("fade", "face"): four-letter words are corrected only to
    // words that also sound alike ("serm" → "serum") or that they are with one letter left out ("ofen" → "often"),
    // shorter ones never.
    private const int MinLength = 4;
    private const int MinLengthForOneEdit = 5;
    private const int MinLengthForTwoEdits = 8;

    // No word of the knowledge is longer; a pasted run of letters is not a typo.
    private const int MaxLength = 40;

    // Targets found by how they sound, and by first letter and length: a correction must sound alike, or start with
    // the same letter and be about as long. Looking only there keeps a correction cheap in a vocabulary of any size.
    private readonly Dictionary<string, Target[]> _bySound;
    private readonly Dictionary<(char First, int Length), Target[]> _bySpelling;

    /// <param name="frequency">How many pairs' questions use each target word, to prefer the commoner of two equally close words.</param>
    public SpellingCorrector(IReadOnlyDictionary<string, int> frequency)
    {
        var targets = frequency
            .Where(static word => word.Key.Length is >= MinLength - 1 and <= MaxLength + 2 && word.Key.All(char.IsAsciiLetterLower))
            .Select(static word => new Target(word.Key, SoundKey.Of(word.Key), word.Value))
            .ToList();
        _bySound = targets.GroupBy(static target => target.Key, StringComparer.Ordinal)
            .ToDictionary(static group => group.Key, static group => group.ToArray(), StringComparer.Ordinal);
        _bySpelling = targets.GroupBy(static target => (target.Word[0], target.Word.Length))
            .ToDictionary(static group => group.Key, static group => group.ToArray());
    }

    /// <summary>The target word closest to <paramref name="word"/> (lower case), or null when none is close enough.</summary>
    public string? Correct(string word)
    {
        if (word.Length is < MinLength or > MaxLength || !word.All(char.IsAsciiLetterLower))
        {
            return null;
        }

        var maxEdits = word.Length >= MinLengthForTwoEdits ? 2 : word.Length >= MinLengthForOneEdit ? 1 : 0;
        var maxEditsSoundingAlike = Math.Max(2, word.Length / 3);
        var key = SoundKey.Of(word);

        Target? best = null;
        var bestRank = double.MaxValue;
        if (_bySound.TryGetValue(key, out var soundingAlike))
        {
            foreach (var target in soundingAlike)
            {
                Consider(target, soundsAlike: true);
            }
        }

        for (var length = word.Length - maxEdits; length <= word.Length + Math.Max(maxEdits, 1); length++)
        {
            if (_bySpelling.TryGetValue((word[0], length), out var spelledAlike))
            {
                foreach (var target in spelledAlike)
                {
                    Consider(target, soundsAlike: target.Key == key);
                }
            }
        }

        return best?.Word;

        void Consider(Target target, bool soundsAlike)
        {
            var leftOut = maxEdits == 0 && target.Word.Length == word.Length + 1;
            var limit = soundsAlike ? maxEditsSoundingAlike : leftOut ? 1 : maxEdits;

            // Sounding alike says little about short words of different lengths: "cling" and "cooling" share a key.
            var lengthLimit = soundsAlike && word.Length < MinLengthForTwoEdits ? 1 : limit;
            if (limit == 0 || Math.Abs(target.Word.Length - word.Length) > lengthLimit)
            {
                return;
            }

            var distance = EditDistance.Between(word, target.Word, limit);
            if (distance > limit)
            {
                return;
            }

            // Closer spelling first. Among equally close words, one that sounds alike, then one the user would have
            // typed by leaving a letter out (the commonest slip: "smaler"), then the commoner word.
            var rank = distance - (soundsAlike ? 0.5 : 0) - (target.Word.Length > word.Length ? 0.25 : 0);
            if (rank < bestRank || (rank == bestRank && target.Frequency > best!.Frequency))
            {
                best = target;
                bestRank = rank;
            }
        }
    }

    private sealed record Target(string Word, string Key, int Frequency);
}
