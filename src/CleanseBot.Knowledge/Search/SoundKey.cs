using System.Text;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// A rough key for how an English word sounds, so that spellings written by ear meet the word they stand for:
/// "extracshuns" and "extractions", "consultashun" and "consultation", "chemicle" and "chemical", "clogd" and
/// "clogged" get the same key. It keeps the first letter and the consonants (vowels are what people guess most),
/// writes the "shun" sound of -tion/-sion one way, c and k and q one way, and collapses doubled letters. Far
/// coarser than a word's spelling, so it only ever confirms a correction that is already close in spelling.
/// </summary>
internal static class SoundKey
{
    private static readonly (string Spelling, string Sound)[] Sounds =
    [
        ("tion", "X"), ("sion", "X"), ("tian", "X"), ("cian", "X"), ("shun", "X"), ("shon", "X"), ("sh", "X"),
        ("ph", "f"), ("ck", "k"), ("wh", "w"), ("x", "ks"), ("q", "k"), ("z", "s"),
    ];

    /// <summary>The key of a lower-case word.</summary>
    public static string Of(string word)
    {
        var spelled = new StringBuilder(word);
        foreach (var (spelling, sound) in Sounds)
        {
            spelled.Replace(spelling, sound);
        }

        var key = new StringBuilder(spelled.Length);
        for (var i = 0; i < spelled.Length; i++)
        {
            var letter = spelled[i];
            if (letter == 'c')
            {
                // A soft c before e, i or y sounds as s ("cell"), otherwise as k ("clog").
                var next = i + 1 < spelled.Length ? spelled[i + 1] : '\0';
                letter = next is 'e' or 'i' or 'y' ? 's' : 'k';
            }

            var silent = i > 0 && letter is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'h';
            if (!silent && (key.Length == 0 || key[^1] != letter))
            {
                key.Append(letter);
            }
        }

        return key.ToString();
    }
}
