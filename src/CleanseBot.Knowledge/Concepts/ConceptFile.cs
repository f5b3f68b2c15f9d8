using CleanseBot.Knowledge.Parsing;

namespace CleanseBot.Knowledge.Concepts;

/// <summary>
/// Reads a concept file (<c>knowledge/warning-signs.txt</c>, <c>knowledge/out-of-scope.txt</c>): the concepts (each a
/// list of words and phrases), the negations and ordinary phrases set aside before them, and the rules (which
/// concepts together make a kind). The files' own headers explain the format to the people who edit them; mistakes
/// are reported with the file and line.
/// </summary>
internal static class ConceptFile
{
    private const string ConceptsSection = "[concepts]";
    private const string NegationSection = "[negation]";
    private const string OrdinarySection = "[ordinary]";
    private const string RulesSection = "[rules]";

    public static ConceptFileDefinition Parse(string text, string fileName) => Read(text, fileName, problems: null);

    /// <summary>
    /// Every mistake of the file, for a check that reports them all at once (the service stops at the first): a line
    /// with a mistake is left out and reading goes on.
    /// </summary>
    public static List<KnowledgeFormatException> Problems(string text, string fileName)
    {
        var problems = new List<KnowledgeFormatException>();
        Read(text, fileName, problems);
        return problems;
    }

    // Mistakes are thrown when problems is null, else collected.
    private static ConceptFileDefinition Read(string text, string fileName, List<KnowledgeFormatException>? problems)
    {
        var concepts = new Dictionary<string, List<PhraseText>>(StringComparer.Ordinal);
        var negation = new List<PhraseText>();
        var ordinary = new List<PhraseText>();
        var rules = new List<RuleText>();
        string? section = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var number = i + 1;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                // An unknown section's lines are passed over: its one mistake is its name.
                section = line;
                if (line is not (ConceptsSection or NegationSection or OrdinarySection or RulesSection))
                {
                    Report(problems, new KnowledgeFormatException(fileName, number, $"unknown section '{line}'; expected {ConceptsSection}, {NegationSection}, {OrdinarySection} or {RulesSection}"));
                }

                continue;
            }

            try
            {
                ReadLine(line, number);
            }
            catch (KnowledgeFormatException problem) when (problems is not null)
            {
                problems.Add(problem);
            }
        }

        void ReadLine(string line, int number)
        {
            switch (section)
            {
                case ConceptsSection:
                    var (name, entries) = Split(line, fileName, number);
                    if (!concepts.TryGetValue(name, out var list))
                    {
                        concepts[name] = list = [];
                    }

                    list.AddRange(Entries(entries, fileName, number));
                    break;
                case NegationSection:
                    negation.AddRange(Entries(line, fileName, number));
                    break;
                case OrdinarySection:
                    ordinary.AddRange(Entries(line, fileName, number));
                    break;
                case RulesSection:
                    var (kind, condition) = Split(line, fileName, number);
                    rules.Add(new RuleText(kind, Terms(condition, fileName, number), number, line));
                    break;
                case null:
                    throw new KnowledgeFormatException(fileName, number, $"a line before the first section; start with {ConceptsSection}");
            }
        }

        var definition = new ConceptFileDefinition(fileName, concepts, negation, ordinary, rules);
        Validate(definition, problems);
        return definition;
    }

    private static void Report(List<KnowledgeFormatException>? problems, KnowledgeFormatException problem)
    {
        if (problems is null)
        {
            throw problem;
        }

        problems.Add(problem);
    }

    private static (string Name, string Remainder) Split(string line, string fileName, int number)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == line.Length - 1)
        {
            throw new KnowledgeFormatException(fileName, number, "expected 'name: ...'");
        }

        var name = line[..colon].Trim();
        if (name.Any(char.IsWhiteSpace))
        {
            throw new KnowledgeFormatException(fileName, number, $"'{name}' is not one word");
        }

        return (name, line[(colon + 1)..].Trim());
    }

    private static IEnumerable<PhraseText> Entries(string list, string fileName, int number)
    {
        foreach (var entry in list.Split(','))
        {
            var words = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length == 0)
            {
                throw new KnowledgeFormatException(fileName, number, "an empty entry (two commas together, or a comma at the end)");
            }

            yield return new PhraseText(words, number);
        }
    }

    // "a | b + c + !d": every group must hold (one of its concepts present), and no '!' concept may be present.
    private static List<RuleTerm> Terms(string condition, string fileName, int number)
    {
        var terms = new List<RuleTerm>();
        foreach (var group in condition.Split('+', StringSplitOptions.TrimEntries))
        {
            var absent = group.StartsWith('!');
            var names = (absent ? group[1..] : group).Split('|', StringSplitOptions.TrimEntries);
            if (names.Any(static name => name.Length == 0) || (absent && names.Length > 1))
            {
                throw new KnowledgeFormatException(fileName, number, $"'{group}' is not a concept, 'a | b' or '!a'");
            }

            terms.Add(new RuleTerm(names, absent));
        }

        return terms;
    }

    private static void Validate(ConceptFileDefinition definition, List<KnowledgeFormatException>? problems)
    {
        var found = problems?.Count ?? 0;
        foreach (var (_, entries) in definition.Concepts)
        {
            foreach (var entry in entries)
            {
                foreach (var word in entry.Words)
                {
                    if (word.StartsWith('@') && !IsSingleWordConcept(definition, word[1..]))
                    {
                        Report(problems, new KnowledgeFormatException(definition.FileName, entry.Line, $"'{word}' names no concept of single words"));
                    }
                }
            }
        }

        foreach (var rule in definition.Rules)
        {
            foreach (var name in rule.Terms.SelectMany(static term => term.Concepts))
            {
                if (!definition.Concepts.ContainsKey(name))
                {
                    Report(problems, new KnowledgeFormatException(definition.FileName, rule.Line, $"'{name}' is no concept of the [concepts] section"));
                }
            }
        }

        // With mistakes already reported, the rules may be missing only because their lines were left out.
        if (definition.Rules.Count == 0 && (problems?.Count ?? 0) == found)
        {
            Report(problems, new KnowledgeFormatException(definition.FileName, 1, $"no rules: the {RulesSection} section says which concepts together make each kind"));
        }
    }

    private static bool IsSingleWordConcept(ConceptFileDefinition definition, string name) =>
        definition.Concepts.TryGetValue(name, out var entries) && entries.All(static entry => entry.Words.Count == 1 && !entry.Words[0].StartsWith('@'));
}

/// <summary>A concept file as written, before its words are read the way messages are.</summary>
internal sealed record ConceptFileDefinition(
    string FileName,
    IReadOnlyDictionary<string, List<PhraseText>> Concepts,
    IReadOnlyList<PhraseText> Negation,
    IReadOnlyList<PhraseText> Ordinary,
    IReadOnlyList<RuleText> Rules);

/// <summary>An entry's words as written ("yellow", "stuff"; "@young-age", "year", "old"; "im", "\"expecting\"", ".").</summary>
internal sealed record PhraseText(IReadOnlyList<string> Words, int Line);

/// <summary>One line of the rules: the kind it makes, and the concepts that must (or must not) be present.</summary>
internal sealed record RuleText(string Kind, IReadOnlyList<RuleTerm> Terms, int Line, string Text);

/// <summary>One of <see cref="Concepts"/> must be present; or, when <see cref="Absent"/>, the one concept must not be.</summary>
internal sealed record RuleTerm(IReadOnlyList<string> Concepts, bool Absent);
