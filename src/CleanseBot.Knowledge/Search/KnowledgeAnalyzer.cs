using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// The analysis chain shared by the knowledge and the user's words, so that both meet as the same terms:
/// words → possessives dropped → lower case → accents folded → "tell me" dropped → a measure's "deep" read as "depth"
/// → "the run-up to" read as "before" → chat stop words dropped → Porter stems (a few words kept whole) → stop words
/// dropped again (→ synonyms added, for the knowledge only). Synonyms come last so that a rule written as "pimple"
/// also covers "pimples", and only on the knowledge side so that a user's one word stays one word of their question.
/// </summary>
internal sealed class KnowledgeAnalyzer(SynonymMap? synonyms = null) : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Lucene's English stop words plus the words every chat question is made of ("how do I", "what's",
    // "can you tell me"). Left in, they match every question in the knowledge and drown the words that matter.
    private static readonly CharArraySet StopWords = BuildStopWords();

    // Words whose Porter stem is a stop word although they are not one: "useful" and "usefulness" stem to "us",
    // "wellness" to "well", so "are pores useful" was read as "pores" alone. Porter leaves a marked word as it is.
    private static readonly CharArraySet KeptWhole = new CharArraySet(Version, ["useful", "usefulness", "wellness"], ignoreCase: false).AsReadOnly();

    /// <summary>Every word the chain drops as a stop word, lower case.</summary>
    internal static IEnumerable<string> StopWordList => StopWords.Select(static word => word.ToString()!);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream chain = new EnglishPossessiveFilter(Version, source);
        chain = new LowerCaseFilter(Version, chain);
        chain = new ASCIIFoldingFilter(chain);
        chain = new TellMeFilter(chain);
        chain = new DepthFilter(chain);
        chain = new RunUpFilter(chain);
        chain = new StopFilter(Version, chain, StopWords);
        chain = new SetKeywordMarkerFilter(chain, KeptWhole);
        chain = new PorterStemFilter(chain);

        // Again after stemming: "having" and "wants" only become the stop words "have" and "want" here.
        chain = new StopFilter(Version, chain, StopWords);
        if (synonyms is not null)
        {
            // A multi-word entry comes as one term ("face_wash", see SynonymRules), so a group adds no word twice.
            chain = new SynonymFilter(chain, synonyms, ignoreCase: false);
        }

        return new TokenStreamComponents(source, chain);
    }

    // Keeps a phrase from matching across two alternate questions of the same pair.
    public override int GetPositionIncrementGap(string fieldName) => 100;

    /// <summary>The terms of <paramref name="text"/> in order, duplicates included.</summary>
    public List<string> Terms(string text)
    {
        var terms = new List<string>();
        using var stream = GetTokenStream(string.Empty, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    private static CharArraySet BuildStopWords()
    {
        string[] chatWords =
        [
            "i", "me", "my", "mine", "you", "your", "we", "our", "us", "it's", "im", "i'm", "i've", "ive",
            "what", "whats", "what's", "how", "hows", "why", "when", "where", "which", "who", "whom",
            "do", "does", "did", "doing", "done", "can", "could", "should", "would", "shall", "may", "might", "must",
            "am", "has", "have", "had", "been", "being", "were",
            "about", "please", "know", "explain", "mean", "means", "anything", "something", "thing", "things",
            "any", "some", "all", "also", "just", "really", "very", "much", "more", "so", "too", "than",
            "from", "up", "out", "off", "over", "only", "own", "same", "other", "each", "those", "here",
            "hi", "hello", "hey", "thanks", "thank", "ok", "okay", "yes", "yeah", "hmm", "lol",
            // Not "make": in this guide it is what glands do ("what do they make") and what products do ("make my
            // pores smaller"), and "tell" only before "me" or "us" (TellMeFilter).
            "want", "need", "like", "use", "using", "get", "getting", "go", "going", "let",
            "good", "best", "better", "well", "one", "ones", "lot", "lots", "bit",
            "work", "works", "worked", "working", "actually", "actual", "exactly", "basically", "literally", "honestly",
            "stuff", "way", "point", "kind", "sort", "someone", "anyone", "people", "guys",
            "even", "ever", "never", "already", "still", "them", "they're", "there's", "that's", "now", "right",
            // Words that join a sentence together: left in, "sweating through my shirt" found "sweat through my face".
            "through", "whether", "either", "both", "else", "anyway", "anyways", "though", "although", "while", "whilst",
            "since", "because", "until", "unless", "upon", "via", "yet", "got", "gotten", "goes", "went",
            // What was heard frames the question ("I've heard of it but what is it"); left in, the guide's lacking the
            // word counted it as the message's rare topic, and "herd" was not corrected to a stop word.
            "heard", "hear",
            // When the visitor's day falls sets the scene, not the topic: the guide says "before" and "after". Left in,
            // "tomorrow", rare in the knowledge, drew a dry-skin question to the one routine alternate that says it.
            "today", "tonight", "tomorrow", "yesterday", "tmrw",
            // Hedges and intensifiers: "super dry" is dry.
            "super", "pretty", "quite", "kinda", "sorta", "maybe", "perhaps", "probably", "totally", "seriously",
            "definitely", "mostly", "usually", "normally", "generally", "nah", "rather", "almost", "besides",

            // Chat spellings of the words above; left in, spelling correction would turn "wich" into "witch" (hazel).
            "u", "ur", "r", "y", "wat", "wht", "wich", "whch", "hw", "shud", "shld", "cud", "wud", "thx",
            "dont", "doesnt", "cant", "isnt", "wont", "gonna", "wanna", "gotta", "cuz", "coz", "bc", "abt",
            // Chat's asides and intensifiers. Left in, each was a rare word the guide lacks, which read the message as
            // about something else ("is a facial to unwind legit" lost its confidence), and "legit" became "light".
            "legit", "af", "tbh", "tbf", "ngl", "idk", "rn", "fr", "lowkey", "highkey", "tho", "smth", "sth", "btw",
            "imo", "imho", "omg", "omfg", "irl", "ya", "yep", "yup", "nope", "bruh", "lmao", "haha", "hahaha", "ty",
            "tysm", "fyi", "jk", "ikr", "obv", "obvs", "rly", "srsly", "pls", "plz",
        ];
        var set = new CharArraySet(Version, EnglishAnalyzer.DefaultStopSet.Count + chatWords.Length, ignoreCase: true);
        foreach (var word in EnglishAnalyzer.DefaultStopSet)
        {
            set.Add(word);
        }

        foreach (var word in chatWords)
        {
            set.Add(word);
        }

        return set.AsReadOnly();
    }
}
