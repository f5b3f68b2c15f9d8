using System.Globalization;
using System.Text;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace CleanseBot.Knowledge.Concepts;

/// <summary>
/// Splits a message, or an entry of a concept file, into the words compared: lower case,
/// accents and apostrophes dropped ("can't" is "cant", "kid's" is "kids"), digits apart from letters ("8yo" is
/// "8 yo", "38.9" is "38 9"), and a <see cref="Pause"/> for each comma, full stop, question or exclamation mark and
/// line break, so that a phrase does not run from one clause into the next.
/// </summary>
internal static class ConceptWords
{
    public const string Pause = ".";

    // A stemmer holds state for one word at a time: one for each thread keeps turns on many threads apart.
    [ThreadStatic]
    private static EnglishStemmer? ThreadStemmer;

    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var digits = false;
        foreach (var c in Folded(text))
        {
            if (c is '\'' or '’' or '‘')
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                var isDigit = char.IsDigit(c);
                if (word.Length > 0 && isDigit != digits)
                {
                    Flush();
                }

                digits = isDigit;
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            Flush();
            if (c is ',' or '.' or '!' or '?' or ';' or ':' or '\n' or '\r' && (words.Count == 0 || words[^1] != Pause))
            {
                words.Add(Pause);
            }
        }

        Flush();
        return words;

        void Flush()
        {
            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
    }

    /// <summary>Each word's stem (Porter's English stemmer, as Snowball writes it), so that "swell", "swells" and "swelling" are one.</summary>
    public static string[] Stems(IReadOnlyList<string> words)
    {
        var stemmer = ThreadStemmer ??= new EnglishStemmer();
        var stems = new string[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            stems[i] = Stem(stemmer, words[i]);
        }

        return stems;
    }

    public static string Stem(EnglishStemmer stemmer, string word)
    {
        if (word == Pause || !word.All(char.IsAsciiLetter))
        {
            return word;
        }

        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    private static string Folded(string text)
    {
        if (text.All(char.IsAscii))
        {
            return text;
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString();
    }
}
