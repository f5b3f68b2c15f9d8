using System.Collections.Concurrent;
using CleanseBot.Knowledge.Search;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace CleanseBot.Knowledge.Concepts;

/// <summary>
/// Reads a message as concepts, not phrasings: which of the concepts of a concept file it holds, in the visitor's own
/// words, misspelled or not, and which of the file's rules those concepts add up to. Two files of the knowledge are
/// read this way: <c>warning-signs.txt</c> ("yellow goo from the spot she squeezed and I'm shivery" holds a discharge
/// and feeling unwell, which together are an urgent referral, whatever words it used) and <c>out-of-scope.txt</c>
/// (a price, a booking, a dose: what the guide does not answer however many of its words a message shares).
/// </summary>
public sealed class ConceptRules
{
    // A phrase's words may stand this many words apart: "yellow stuff" also finds "yellow gunky stuff".
    private const int MaxGap = 2;

    // How many words after "not", "no" or "without" a concept's word is cancelled: "no fever", "not swollen at all",
    // "don't have a temperature", "without any pus", but not "no idea why it is oozing".
    private const int NegationReach = 3;

    // Misspellings are read only in words this long: almost every shorter word is one slip from another.
    private const int MinCorrectedLength = 4;

    // Visitors use the same few thousand words again and again, and reading one for slips costs a few microseconds:
    // each word is read once. Beyond this many, words are read each time, so a flood of made-up words costs no memory.
    private const int MaxRememberedCorrections = 20_000;

    // Exact words are kept apart from stems in the phrase index by this mark, which no word holds.
    private const string ExactMark = "=";

    private static readonly KnowledgeAnalyzer MeaningAnalyzer = new();

    private readonly string[] _conceptNames;
    private readonly Dictionary<string, List<Phrase>> _phrasesByFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Phrase>> _negationByFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Phrase>> _ordinaryByFirstWord = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<Rule> _rules;
    private readonly HashSet<string> _entryWords = new(StringComparer.Ordinal);
    private readonly SpellingCorrector _speller;
    private readonly ConcurrentDictionary<string, string> _corrections = new(StringComparer.Ordinal);
    private readonly Func<string, bool> _isEnglish;

    private ConceptRules(ConceptFileDefinition definition, Func<string, bool> isEnglish)
    {
        _isEnglish = isEnglish;
        _conceptNames = [.. definition.Concepts.Keys];
        var conceptIndex = _conceptNames.Select(static (name, index) => (name, index)).ToDictionary(static c => c.name, static c => c.index, StringComparer.Ordinal);
        var stemmer = new EnglishStemmer();

        // The words of single-word concepts, for the @name of a phrase.
        var singleWords = definition.Concepts.ToDictionary(
            static concept => concept.Key,
            concept => concept.Value.Where(static entry => entry.Words.Count == 1).Select(entry => SingleElement(entry.Words[0], stemmer)).ToArray(),
            StringComparer.Ordinal);

        foreach (var (name, entries) in definition.Concepts)
        {
            foreach (var entry in entries)
            {
                AddPhrases(_phrasesByFirstWord, entry, conceptIndex[name], singleWords, stemmer);
            }
        }

        foreach (var entry in definition.Negation)
        {
            AddPhrases(_negationByFirstWord, entry, -1, singleWords, stemmer);
        }

        foreach (var entry in definition.Ordinary)
        {
            AddPhrases(_ordinaryByFirstWord, entry, -1, singleWords, stemmer);
        }

        _rules = [.. definition.Rules.Select(rule => new Rule(
            rule.Kind,
            rule.Text,
            [.. rule.Terms.Select(term => new Term([.. term.Concepts.Select(name => conceptIndex[name])], term.Absent))]))];

        // A misspelling is read as the entry's word it is one slip from, in any of its everyday endings.
        var targets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in _entryWords)
        {
            foreach (var form in Endings(word))
            {
                targets.TryAdd(form, 1);
            }
        }

        _speller = new SpellingCorrector(targets);
    }

    /// <summary>The concepts the file names, in its order.</summary>
    public IReadOnlyList<string> Concepts => _conceptNames;

    /// <summary>The kinds the file's rules name, each once, in its order.</summary>
    public IReadOnlyList<string> Kinds => [.. _rules.Select(static rule => rule.Kind).Distinct(StringComparer.Ordinal)];

    /// <summary>Reads a concept file's text; mistakes throw <see cref="Parsing.KnowledgeFormatException"/> with the file and line.</summary>
    public static ConceptRules Parse(string text, string fileName) => new(ConceptFile.Parse(text, fileName), EnglishWords.Contains);

    /// <summary>The first rule the message's concepts add up to, or null when none does.</summary>
    public ConceptMatch? Match(string text) => Match(text, out _);

    /// <summary>
    /// The first rule the message's concepts add up to, or null when none does; and, from the same reading, whether it
    /// holds each concept, in the order of <see cref="Concepts"/>.
    /// </summary>
    public ConceptMatch? Match(string text, out bool[] present) => Match(text, out present, out _);

    /// <summary>
    /// As <see cref="Match(string, out bool[])"/>, and the message's words as the same reading saw them (stems, slips
    /// corrected, each once), which the learned model weighs beside the concepts.
    /// </summary>
    public ConceptMatch? Match(string text, out bool[] present, out IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = ConceptsIn(text, out words);
        present = Array.ConvertAll(found, static words => words is not null);
        foreach (var rule in _rules)
        {
            if (rule.Holds(present))
            {
                return new ConceptMatch(rule.Kind, rule.Text, Named(found));
            }
        }

        return null;
    }

    /// <summary>
    /// What the message means as a whole: the unit-length mean of its words' vectors (<see cref="WordVectors"/>), slips
    /// corrected as for the concepts, words too common to mean anything left out; zeros when the vectors know none of
    /// its words. The learned model weighs it, so that a sign told in words neither the file nor the training messages
    /// hold can still count by what they mean, as far as the vectors (some 14,000 words) know them: "gunk" is nearer
    /// "pus" than "price" is, but "ooze" is not among them. Negations are not read: "no" and "not" are too common to
    /// mean anything to the vectors, so "no pus" means what "pus" means (the concepts read them).
    /// </summary>
    public float[] Meaning(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vectors = WordVectors.Shared.Value;
        var meaning = new float[vectors.Dimensions];
        var corrected = ConceptWords.Split(text).Select(Corrected);
        foreach (var term in MeaningAnalyzer.Terms(string.Join(' ', corrected)).Distinct(StringComparer.Ordinal))
        {
            vectors.Add(term, meaning);
        }

        WordVectors.Normalise(meaning);
        return meaning;
    }

    /// <summary>
    /// The first rule that a message's concepts (<paramref name="present"/>, from <see cref="Match(string, out bool[])"/>)
    /// add up to together with <paramref name="earlier"/>, the names of the concepts the conversation's previous message
    /// held, and that those alone did not: "had extractions on Tuesday", then "now I've got chills". A rule the previous
    /// message already held is not matched again. Also gives the concepts of both.
    /// </summary>
    public ConceptMatch? MatchTogether(string text, bool[] present, IReadOnlyCollection<string> earlier, out bool[] together)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(present);
        var before = Present(earlier);
        together = [.. present.Select((here, i) => here || before[i])];
        var named = new List<string>();
        for (var i = 0; i < _conceptNames.Length; i++)
        {
            if (before[i] && !present[i])
            {
                named.Add($"{_conceptNames[i]}: (the message before)");
            }
        }

        foreach (var rule in _rules)
        {
            if (rule.Holds(together) && !rule.Holds(before))
            {
                return new ConceptMatch(rule.Kind, rule.Text, [.. Read(text), .. named]);
            }
        }

        return null;
    }

    /// <summary>Whether each concept, in the order of <see cref="Concepts"/>, is one of <paramref name="names"/>.</summary>
    public bool[] Present(IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return Array.ConvertAll(_conceptNames, names.Contains);
    }

    /// <summary>The names of the concepts marked in <paramref name="present"/>, to remember for the next message.</summary>
    public IReadOnlyList<string> Named(bool[] present)
    {
        ArgumentNullException.ThrowIfNull(present);
        return [.. _conceptNames.Where((_, i) => present[i])];
    }

    /// <summary>Each concept <paramref name="text"/> holds, with the words that said it ("discharge: yellow stuff"), for people editing the file.</summary>
    public IReadOnlyList<string> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Named(ConceptsIn(text, out _));
    }

    private List<string> Named(string?[] found)
    {
        var concepts = new List<string>();
        for (var i = 0; i < found.Length; i++)
        {
            if (found[i] is { } words)
            {
                concepts.Add($"{_conceptNames[i]}: {words}");
            }
        }

        return concepts;
    }

    /// <summary>
    /// Which concepts <paramref name="text"/> holds, by the index of <see cref="Concepts"/>: for each, the words that
    /// said it as the detector read them (stems, misspellings corrected), or null when it is absent.
    /// </summary>
    internal string?[] ConceptsIn(string text, out IReadOnlyList<string> stems)
    {
        var words = ConceptWords.Split(text);
        for (var i = 0; i < words.Count; i++)
        {
            words[i] = Corrected(words[i]);
        }

        var message = new Message([.. words], ConceptWords.Stems(words));
        stems = [.. message.Stems.OfType<string>().Where(static stem => stem != ConceptWords.Pause).Distinct(StringComparer.Ordinal)];
        SetAsideOrdinary(message);
        var negated = Negated(message);
        var found = new string?[_conceptNames.Length];
        for (var i = 0; i < message.Length; i++)
        {
            if (negated[i])
            {
                continue;
            }

            var (byStem, byWord) = PhrasesAt(_phrasesByFirstWord, message, i);
            foreach (var phrases in (ReadOnlySpan<List<Phrase>?>)[byStem, byWord])
            {
                if (phrases is null)
                {
                    continue;
                }

                foreach (var phrase in phrases)
                {
                    if (found[phrase.Concept] is null && message.Matches(phrase, i) >= 0)
                    {
                        found[phrase.Concept] = phrase.Text;
                    }
                }
            }
        }

        return found;
    }

    // A word that is no English word, and is one slip from a word of the file, is read as that word ("swolen", "fevor").
    // Real words are left alone, however close: "never" is not "fever", nor "fewer".
    private string Corrected(string word)
    {
        if (word.Length < MinCorrectedLength || _entryWords.Contains(word) || !word.All(char.IsAsciiLetterLower))
        {
            return word;
        }

        if (_corrections.TryGetValue(word, out var known))
        {
            return known;
        }

        // Most words are near no word of the file; asking whether a word is English costs more, so it comes second.
        var corrected = _speller.Correct(word) is { } meant && !_isEnglish(word) ? meant : word;
        if (_corrections.Count < MaxRememberedCorrections)
        {
            _corrections.TryAdd(word, corrected);
        }

        return corrected;
    }

    // Everyday phrases that hold a concept's word ("razor burn", "hot water") are blanked, so their words count for nothing.
    private void SetAsideOrdinary(Message message)
    {
        for (var i = 0; i < message.Length; i++)
        {
            if (FirstMatch(_ordinaryByFirstWord, message, i) is var end and >= 0)
            {
                message.Blank(i, end);
            }
        }
    }

    private bool[] Negated(Message message)
    {
        var negated = new bool[message.Length];
        for (var i = 0; i < message.Length; i++)
        {
            if (FirstMatch(_negationByFirstWord, message, i) is var end and >= 0)
            {
                for (var j = end + 1; j <= end + NegationReach && j < message.Length && !message.IsPause(j); j++)
                {
                    negated[j] = true;
                }
            }
        }

        return negated;
    }

    // Where the first phrase of `index` that starts at `i`, word after word with nothing between, ends; or -1.
    private static int FirstMatch(Dictionary<string, List<Phrase>> index, Message message, int i)
    {
        var (byStem, byWord) = PhrasesAt(index, message, i);
        foreach (var phrases in (ReadOnlySpan<List<Phrase>?>)[byStem, byWord])
        {
            if (phrases is null)
            {
                continue;
            }

            foreach (var phrase in phrases)
            {
                if (message.Matches(phrase, i, maxGap: 0) is var end and >= 0)
                {
                    return end;
                }
            }
        }

        return -1;
    }

    // The phrases whose first word is the message's word at `i`: by its stem, and by the word as typed for exact words.
    private static (List<Phrase>? ByStem, List<Phrase>? ByWord) PhrasesAt(Dictionary<string, List<Phrase>> index, Message message, int i)
    {
        if (message.Stems[i] is not { } stem)
        {
            return (null, null);
        }

        return (index.GetValueOrDefault(stem), index.GetValueOrDefault(ExactMark + message.Words[i]));
    }

    private void AddPhrases(Dictionary<string, List<Phrase>> index, PhraseText entry, int concept, Dictionary<string, Element[]> singleWords, EnglishStemmer stemmer)
    {
        foreach (var elements in Expand(entry.Words, singleWords, stemmer))
        {
            // A phrase that starts with a pause starts a clause: it is found by its first word, at the start or after a pause.
            var atClauseStart = elements[0].IsPause;
            var words = atClauseStart ? elements[1..] : elements;
            var phrase = new Phrase(concept, words, atClauseStart, string.Join(' ', elements.Select(static element => element.Text)));
            var key = words[0].Exact ? ExactMark + words[0].Text : words[0].Text;
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            list.Add(phrase);
        }
    }

    // An entry's elements; @name stands for each word of that concept in turn, and a written word that reads as two
    // ("8yo" as "8 yo") stands for both.
    private IEnumerable<Element[]> Expand(IReadOnlyList<string> written, Dictionary<string, Element[]> singleWords, EnglishStemmer stemmer)
    {
        IEnumerable<Element[]> phrases = [[]];
        foreach (var word in written)
        {
            var choices = word.StartsWith('@') ? singleWords[word[1..]].Select(static element => new[] { element with { FromConcept = true } })
                : word == ConceptWords.Pause ? [[Element.Pause]]
                : [Elements(word, stemmer)];
            phrases = phrases.SelectMany(phrase => choices.Select(choice => (Element[])[.. phrase, .. choice])).ToList();
        }

        return phrases;
    }

    private Element SingleElement(string written, EnglishStemmer stemmer) => Elements(written, stemmer) is [var single] ? single : throw new InvalidOperationException($"'{written}' reads as several words");

    private Element[] Elements(string written, EnglishStemmer stemmer)
    {
        var exact = written.Length > 2 && written.StartsWith('"') && written.EndsWith('"');
        var words = ConceptWords.Split(exact ? written[1..^1] : written).Where(static word => word != ConceptWords.Pause).ToArray();
        foreach (var word in words)
        {
            _entryWords.Add(word);
        }

        return [.. words.Select(word => new Element(exact ? word : ConceptWords.Stem(stemmer, word), exact))];
    }

    private static IEnumerable<string> Endings(string word)
    {
        yield return word;
        if (!word.All(char.IsAsciiLetterLower))
        {
            yield break;
        }

        var stem = word.EndsWith('e') ? word[..^1] : word;
        yield return word + "s";
        yield return stem + "ed";
        yield return stem + "ing";
    }

    /// <summary>A message's words as typed (misspellings corrected) and as stems; a blanked word is null in both.</summary>
    private sealed class Message(string?[] words, string?[] stems)
    {
        public string?[] Words { get; } = words;

        public string?[] Stems { get; } = stems;

        public int Length => Stems.Length;

        public bool IsPause(int i) => Stems[i] == ConceptWords.Pause;

        public void Blank(int from, int to)
        {
            Array.Fill(Words, null, from, to - from + 1);
            Array.Fill(Stems, null, from, to - from + 1);
        }

        // The phrase's first word is at `start`; each next word follows within maxGap words, never across a pause. A
        // pause in the phrase must come right after the word before it, or the message must end there. Returns the
        // position of its last word, or -1.
        public int Matches(Phrase phrase, int start, int maxGap = MaxGap)
        {
            if (phrase.AtClauseStart && start > 0 && !IsPause(start - 1))
            {
                return -1;
            }

            var at = start;
            for (var k = 1; k < phrase.Elements.Length; k++)
            {
                var element = phrase.Elements[k];
                if (element.IsPause)
                {
                    if (at + 1 < Length && !IsPause(at + 1))
                    {
                        return -1;
                    }

                    at++;
                    continue;
                }

                // A word standing for a concept (@young-age) sits right by its neighbours, or one word off ("is only nine"):
                // "my son is in year 10" is not "son is 10", nor "5 and a year old puppy" a child's age.
                var gap = element.FromConcept || phrase.Elements[k - 1].FromConcept ? Math.Min(maxGap, 1) : maxGap;
                var next = -1;
                for (var j = at + 1; j < Length && j <= at + 1 + gap && !IsPause(j); j++)
                {
                    if (element.Matches(Words[j], Stems[j]))
                    {
                        next = j;
                        break;
                    }
                }

                if (next < 0)
                {
                    return -1;
                }

                at = next;
            }

            return Math.Min(at, Length - 1);
        }
    }

    /// <summary>One word of a phrase: a stem, a word to match exactly as typed, or a pause.</summary>
    private readonly record struct Element(string Text, bool Exact, bool FromConcept = false)
    {
        public static Element Pause { get; } = new(ConceptWords.Pause, Exact: false);

        public bool IsPause => Text == ConceptWords.Pause;

        public bool Matches(string? word, string? stem) => Exact ? word == Text : stem == Text;
    }

    private sealed record Phrase(int Concept, Element[] Elements, bool AtClauseStart, string Text);

    private sealed record Term(int[] Concepts, bool Absent)
    {
        public bool Holds(bool[] present) => Absent ? !present[Concepts[0]] : Concepts.Any(concept => present[concept]);
    }

    private sealed record Rule(string Kind, string Text, IReadOnlyList<Term> Terms)
    {
        public bool Holds(bool[] present) => Terms.All(term => term.Holds(present));
    }
}

/// <summary>The rule a message matched: its kind, the line of the file that decided it, and the concepts found with the words that said them.</summary>
public sealed record ConceptMatch(string Kind, string Rule, IReadOnlyList<string> Concepts);
