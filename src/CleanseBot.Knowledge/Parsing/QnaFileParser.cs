using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CleanseBot.Knowledge.Model;

namespace CleanseBot.Knowledge.Parsing;

/// <summary>
/// Reads the QnA part of the Bot Framework's <c>.qna</c> authoring format (as written by QnA Maker,
/// Composer and the bf CLI): <c>&lt;a id="N"&gt;&lt;/a&gt;</c>, <c>## ? question</c>, <c>- alternate</c> lines,
/// <c>**Filters:**</c>, a fenced answer and <c>**Prompts:**</c>. It is stricter than bf-lu in one way:
/// every pair must carry a numeric id, because conversations and tests refer to pairs by id.
/// </summary>
public static partial class QnaFileParser
{
    public static IReadOnlyList<QnaPair> Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Reader(fileName);
        var lines = Lines(text);
        for (var i = 0; i < lines.Length; i++)
        {
            reader.Read(lines[i], i + 1);
        }

        return reader.Finish(lines.Length);
    }

    /// <summary>
    /// <see cref="Parse"/> that goes on after a mistake, for a check that reports every mistake at once (the service
    /// stops at the first): the pair holding the mistake is left out and reading resumes at the next id line.
    /// </summary>
    internal static QnaFileReading ReadAll(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Reader(fileName);
        var problems = new List<KnowledgeFormatException>();
        var unread = new Dictionary<int, SourceLocation>();
        void LeaveOut(KnowledgeFormatException problem)
        {
            problems.Add(problem);
            if (reader.Abandon() is { } pair)
            {
                unread.TryAdd(pair.Id, new SourceLocation(fileName, pair.Line));
            }
        }

        var lines = Lines(text);
        var resumeAtId = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var isIdLine = AnchorLine().IsMatch(lines[i].Trim());
            if (resumeAtId && !isIdLine)
            {
                continue;
            }

            resumeAtId = false;
            try
            {
                reader.Read(lines[i], i + 1);
            }
            catch (KnowledgeFormatException problem)
            {
                LeaveOut(problem);
                resumeAtId = true;

                // A mistake found at an id line but reported earlier (an answer never written) belongs to the pair
                // before: this id line starts the next pair, so it is read again. The second reading cannot fail
                // the same way, since the pair before has been left out.
                if (isIdLine && problem.Line != i + 1)
                {
                    i--;
                }
            }
        }

        try
        {
            // "No pairs" after every pair was left out for a mistake already reported would say nothing new.
            reader.Finish(lines.Length, requirePairs: problems.Count == 0);
        }
        catch (KnowledgeFormatException problem)
        {
            LeaveOut(problem);
        }

        return new QnaFileReading(reader.Pairs, problems, unread);
    }

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimStart('\uFEFF').Split('\n');

    [GeneratedRegex("""^<a\s+id\s*=\s*"(?<id>[^"]*)"\s*>\s*</a>$""", RegexOptions.IgnoreCase)]
    private static partial Regex AnchorLine();

    [GeneratedRegex(@"^#{1,2}\s*\?\s*(?<question>.*)$")]
    private static partial Regex QuestionLine();

    [GeneratedRegex(@"^[-*+]\s+(?<item>.+)$")]
    private static partial Regex ListItem();

    // bf-lu cuts a value at a second '=', so such a value would mean different things to us and to QnA Maker.
    [GeneratedRegex(@"^(?<name>[^=]+?)\s*=\s*(?<value>[^=]+)$")]
    private static partial Regex FilterItem();

    [GeneratedRegex(@"^\[(?<text>[^\]]+)\]\(#(?<target>[^)]*)\)\s*(?<contextOnly>`context-only`)?$")]
    private static partial Regex PromptItem();

    private enum Part
    {
        BetweenPairs,
        Questions,
        Filters,
        Answer,
        AfterAnswer,
        Prompts,
    }

    private sealed class Reader(string fileName)
    {
        private readonly List<QnaPair> _pairs = [];
        private readonly Dictionary<int, int> _idLines = [];
        private Part _part = Part.BetweenPairs;
        private (int Id, int Line)? _pendingAnchor;
        private PairDraft? _draft;

        public void Read(string rawLine, int lineNumber)
        {
            if (_part == Part.Answer)
            {
                ReadAnswerLine(rawLine, lineNumber);
                return;
            }

            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('>'))
            {
                return;
            }

            var anchor = AnchorLine().Match(line);
            if (anchor.Success)
            {
                StartAnchor(anchor.Groups["id"].Value, lineNumber);
                return;
            }

            var question = QuestionLine().Match(line);
            if (question.Success)
            {
                StartPair(question.Groups["question"].Value.Trim(), lineNumber);
                return;
            }

            if (line.StartsWith('#'))
            {
                throw Error(lineNumber, "only QnA pairs ('## ? question') are supported; intents, entities and sections are not");
            }

            if (_draft is null)
            {
                throw Error(lineNumber, $"unexpected text outside a QnA pair: '{Shorten(line)}'");
            }

            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                StartAnswer(lineNumber);
                return;
            }

            if (line.Equals("**Filters:**", StringComparison.OrdinalIgnoreCase))
            {
                if (_part is not (Part.Questions or Part.Filters))
                {
                    throw Error(lineNumber, "'**Filters:**' must come before the answer");
                }

                _part = Part.Filters;
                return;
            }

            if (line.Equals("**Prompts:**", StringComparison.OrdinalIgnoreCase))
            {
                if (_part != Part.AfterAnswer)
                {
                    throw Error(lineNumber, "'**Prompts:**' must come after the answer");
                }

                _part = Part.Prompts;
                return;
            }

            var item = ListItem().Match(line);
            if (!item.Success)
            {
                throw Error(lineNumber, $"unexpected line: '{Shorten(line)}'");
            }

            ReadListItem(item.Groups["item"].Value.Trim(), lineNumber);
        }

        public List<QnaPair> Pairs => _pairs;

        /// <summary>Forgets the pair being read, after a mistake in it; its id and line, if it had an id.</summary>
        public (int Id, int Line)? Abandon()
        {
            var pair = _draft is { } draft ? (draft.Id, draft.Line) : _pendingAnchor;
            _draft = null;
            _pendingAnchor = null;
            _part = Part.BetweenPairs;
            return pair;
        }

        public List<QnaPair> Finish(int lastLine, bool requirePairs = true)
        {
            if (_part == Part.Answer)
            {
                throw Error(_draft!.AnswerLine, "the answer's code fence is never closed");
            }

            CompleteDraft();
            if (_pendingAnchor is { } anchor)
            {
                throw Error(anchor.Line, $"id {anchor.Id} is not followed by a question");
            }

            if (requirePairs && _pairs.Count == 0)
            {
                throw Error(lastLine, "the file holds no QnA pairs");
            }

            return _pairs;
        }

        private void StartAnchor(string idText, int lineNumber)
        {
            CompleteDraft();
            if (_pendingAnchor is not null)
            {
                throw Error(lineNumber, "two ids in a row; each id must be followed by its question");
            }

            if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                throw Error(lineNumber, $"the id '{idText}' is not a positive whole number");
            }

            if (_idLines.TryGetValue(id, out var firstLine))
            {
                throw Error(lineNumber, $"id {id} is already used on line {firstLine}");
            }

            _idLines[id] = lineNumber;
            _pendingAnchor = (id, lineNumber);
        }

        private void StartPair(string question, int lineNumber)
        {
            CompleteDraft();
            if (_pendingAnchor is not { } anchor)
            {
                throw Error(lineNumber, "the question has no id; put <a id=\"N\"></a> on the line before it");
            }

            if (question.Length == 0)
            {
                throw Error(lineNumber, "the question is empty");
            }

            _pendingAnchor = null;
            _draft = new PairDraft(anchor.Id, question, lineNumber);
            _part = Part.Questions;
        }

        private void StartAnswer(int lineNumber)
        {
            if (_part is not (Part.Questions or Part.Filters))
            {
                throw Error(lineNumber, "a pair has exactly one answer");
            }

            _draft!.AnswerLine = lineNumber;
            _part = Part.Answer;
        }

        private void ReadAnswerLine(string rawLine, int lineNumber)
        {
            if (rawLine.Trim() == "```")
            {
                var answer = _draft!.Answer.ToString().Trim();
                if (answer.Length == 0)
                {
                    throw Error(lineNumber, "the answer is empty");
                }

                _draft.AnswerText = answer;
                _part = Part.AfterAnswer;
                return;
            }

            _draft!.Answer.Append(rawLine.TrimEnd()).Append('\n');
        }

        private void ReadListItem(string item, int lineNumber)
        {
            switch (_part)
            {
                case Part.Questions:
                    _draft!.Alternates.Add(item);
                    break;
                case Part.Filters:
                    var filter = FilterItem().Match(item);
                    if (!filter.Success)
                    {
                        throw Error(lineNumber, $"a filter must read '- name = value' with no other '=', not '- {Shorten(item)}'");
                    }

                    _draft!.Filters.Add(new QnaFilter(filter.Groups["name"].Value.Trim(), filter.Groups["value"].Value.Trim()));
                    break;
                case Part.Prompts:
                    _draft!.Prompts.Add(ParsePrompt(item, lineNumber));
                    break;
                default:
                    throw Error(lineNumber, $"unexpected list item after the answer: '- {Shorten(item)}'; start it with '**Prompts:**'");
            }
        }

        private QnaPrompt ParsePrompt(string item, int lineNumber)
        {
            var prompt = PromptItem().Match(item);
            if (!prompt.Success)
            {
                throw Error(lineNumber, $"a prompt must read '- [text](#id)', not '- {Shorten(item)}'");
            }

            var target = prompt.Groups["target"].Value;
            if (!int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var targetId))
            {
                throw Error(lineNumber, $"a prompt must link to a numeric id, not '#{Shorten(target)}'");
            }

            return new QnaPrompt(prompt.Groups["text"].Value.Trim(), targetId, prompt.Groups["contextOnly"].Success);
        }

        private void CompleteDraft()
        {
            if (_draft is null)
            {
                return;
            }

            if (_draft.AnswerText is null)
            {
                throw Error(_draft.Line, $"the question '{Shorten(_draft.Question)}' has no answer (a fenced ``` block)");
            }

            _pairs.Add(new QnaPair(
                _draft.Id,
                _draft.Question,
                _draft.Alternates.ToArray(),
                _draft.AnswerText,
                _draft.Filters.ToArray(),
                _draft.Prompts.ToArray(),
                new SourceLocation(fileName, _draft.Line)));
            _draft = null;
            _part = Part.BetweenPairs;
        }

        private KnowledgeFormatException Error(int lineNumber, string problem) => new(fileName, lineNumber, problem);

        private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
    }

    private sealed class PairDraft(int id, string question, int line)
    {
        public int Id { get; } = id;

        public string Question { get; } = question;

        public int Line { get; } = line;

        public List<string> Alternates { get; } = [];

        public List<QnaFilter> Filters { get; } = [];

        public List<QnaPrompt> Prompts { get; } = [];

        public StringBuilder Answer { get; } = new();

        public int AnswerLine { get; set; }

        public string? AnswerText { get; set; }
    }
}

/// <summary>
/// A <c>.qna</c> file read to its end: the pairs without mistakes, every mistake, and where the pairs left out for
/// one are, by id (a prompt to one of them points at a pair that is there, only not yet readable).
/// </summary>
internal sealed record QnaFileReading(IReadOnlyList<QnaPair> Pairs, IReadOnlyList<KnowledgeFormatException> Problems, IReadOnlyDictionary<int, SourceLocation> Unread);
