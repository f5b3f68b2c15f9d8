using System.Text;
using System.Text.RegularExpressions;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Model;

namespace CleanseBot.Benchmarks.Scaling;

/// <summary>
/// Makes knowledge bases of any size that look like the guide to the index: the real pairs, then synthetic units
/// recombined from them. Each synthetic unit takes one section of the guide; its question and 4 to 10 alternates
/// are the section's real questions and alternates, its answer 2 to 5 of the section's real answer sentences.
/// Because a guide that grows also grows its vocabulary (new products, ingredients, procedures), each unit also
/// names a topic word and its answer two more, drawn with a skew towards common ones from a lexicon of made-up,
/// pronounceable words whose size follows Heaps' law for about a hundred words a unit
/// (30 × √(100 × units): 9,500 words for 1,000 units, 95,000 for 100,000). Seeded: the same size gives the same base.
/// </summary>
internal static partial class SyntheticKnowledge
{
    public const int FirstSyntheticId = 1_000_000;

    private static readonly string[] Connectors = ["with", "for", "using", "after", "and", "or"];
    private static readonly string[] Onsets = ["b", "br", "c", "cl", "d", "dr", "f", "fl", "g", "gr", "k", "l", "m", "n", "p", "pl", "r", "s", "st", "t", "tr", "v", "z"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"];
    private static readonly string[] Codas = ["", "", "n", "r", "l", "s", "x", "m"];

    /// <summary>The real pairs followed by synthetic units, <paramref name="units"/> in all.</summary>
    public static KnowledgeBase Generate(KnowledgeBase guide, int units, int seed = 6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, guide.Pairs.Count);
        var random = new Random(seed);
        var sections = guide.Pairs.GroupBy(pair => pair.Section).Select(group => new SectionMaterial(group)).ToArray();
        var lexicon = Lexicon(random, (int)(30 * Math.Sqrt(100.0 * units)));
        string Word() => lexicon[(int)(lexicon.Length * Math.Pow(random.NextDouble(), 2))];

        var pairs = new List<QnaPair>(units);
        pairs.AddRange(guide.Pairs);
        var kinds = new[] { new QnaFilter(KnownFilters.Kind, "guide") };
        for (var i = 0; pairs.Count < units; i++)
        {
            var id = FirstSyntheticId + i;
            var section = sections[random.Next(sections.Length)];
            var topic = Word();
            var connector = Connectors[random.Next(Connectors.Length)];
            var question = $"{section.Question(random).TrimEnd('?', '.', ' ')} {connector} {topic}?";

            var alternates = new List<string>();
            for (var a = random.Next(4, 11); a > 0; a--)
            {
                var alternate = section.Question(random);
                alternates.Add(random.Next(2) == 0 ? $"{alternate} {topic}" : alternate);
            }

            var answer = new StringBuilder();
            for (var s = random.Next(2, 6); s > 0; s--)
            {
                answer.Append(section.Sentence(random)).Append(' ');
            }

            answer.Append($"Ask about {topic} if you use {Word()} or {Word()}.");
            QnaPrompt[] prompts = i > 0 && random.Next(2) == 0 ? [new QnaPrompt("Related", FirstSyntheticId + random.Next(i), false)] : [];
            pairs.Add(new QnaPair(
                id,
                question,
                Distinct(alternates, question),
                answer.ToString(),
                [new QnaFilter(KnownFilters.Section, section.Name), .. kinds],
                prompts,
                new SourceLocation("synthetic.qna", i + 1)));
        }

        return new KnowledgeBase(pairs, guide.Synonyms);
    }

    // The knowledge format forbids a question twice in a pair; recombination could repeat one.
    private static string[] Distinct(List<string> alternates, string question) =>
        [.. alternates.Distinct(StringComparer.OrdinalIgnoreCase).Where(alternate => !alternate.Equals(question, StringComparison.OrdinalIgnoreCase))];

    private static string[] Lexicon(Random random, int size)
    {
        var words = new HashSet<string>(size, StringComparer.Ordinal);
        while (words.Count < size)
        {
            var word = new StringBuilder();
            for (var syllables = random.Next(2, 5); syllables > 0; syllables--)
            {
                word.Append(Onsets[random.Next(Onsets.Length)]).Append(Vowels[random.Next(Vowels.Length)]).Append(Codas[random.Next(Codas.Length)]);
            }

            words.Add(word.ToString());
        }

        return [.. words];
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    /// <summary>One section of the guide, as parts to recombine.</summary>
    private sealed class SectionMaterial(IGrouping<string, QnaPair> pairs)
    {
        private readonly string[] _questions = [.. pairs.SelectMany(pair => pair.AlternateQuestions.Prepend(pair.Question))];
        private readonly string[] _sentences = [.. pairs.SelectMany(pair => SentenceEnd().Split(pair.Answer.Trim()))];

        public string Name { get; } = pairs.Key;

        public string Question(Random random) => _questions[random.Next(_questions.Length)];

        public string Sentence(Random random) => _sentences[random.Next(_sentences.Length)];
    }
}
