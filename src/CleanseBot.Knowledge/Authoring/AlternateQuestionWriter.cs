using System.Text;
using System.Text.RegularExpressions;
using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Parsing;

namespace CleanseBot.Knowledge.Authoring;

/// <summary>
/// Adds an alternate question to a pair in its <c>.qna</c> file, in place: one <c>- question</c> line after the pair's
/// last alternate, and every other byte of the file (byte order mark, line endings, comments, spacing) as it was, so
/// that the change a content owner reviews is that one line.
/// </summary>
public static partial class AlternateQuestionWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Writes <paramref name="question"/> (spaces and line breaks in it folded to single spaces) as a new alternate of
    /// pair <paramref name="pairId"/> in the <c>.qna</c> file of <paramref name="folder"/> that holds it. Refuses,
    /// writing nothing, when no file holds the pair, when the knowledge already asks the question (as the knowledge
    /// tests compare questions: case, spaces around it and a final '?' aside), or when a file cannot be read.
    /// </summary>
    public static AlternateQuestionResult Add(string folder, int pairId, string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var line = Spaces().Replace(question, " ").Trim();
        if (line.Length == 0)
        {
            return AlternateQuestionResult.Refused(AlternateQuestionRefusal.EmptyQuestion, "The question is empty.");
        }

        if (!Directory.Exists(folder))
        {
            return AlternateQuestionResult.Refused(AlternateQuestionRefusal.UnreadableKnowledge, $"The knowledge folder '{Path.GetFullPath(folder)}' does not exist.");
        }

        var files = Directory.GetFiles(folder, "*.qna", SearchOption.TopDirectoryOnly);
        Array.Sort(files, StringComparer.Ordinal);
        var key = QuestionKey(line);
        (string Path, QnaFileText Text, QnaPair Pair)? target = null;
        foreach (var file in files)
        {
            QnaFileText text;
            IReadOnlyList<QnaPair> pairs;
            try
            {
                text = QnaFileText.Read(file);
                pairs = QnaFileParser.Parse(text.Text, Path.GetFileName(file));
            }
            catch (Exception problem) when (problem is KnowledgeFormatException or DecoderFallbackException or IOException)
            {
                return AlternateQuestionResult.Refused(AlternateQuestionRefusal.UnreadableKnowledge, $"{Path.GetFileName(file)} cannot be read, so nothing was written: {problem.Message}");
            }

            foreach (var pair in pairs)
            {
                if (pair.AlternateQuestions.Prepend(pair.Question).FirstOrDefault(asked => QuestionKey(asked) == key) is { } same)
                {
                    return AlternateQuestionResult.Refused(
                        AlternateQuestionRefusal.Duplicate,
                        $"The knowledge already asks \"{same}\" (pair {pair.Id}, {pair.Source}); a question may appear only once.");
                }

                if (pair.Id == pairId)
                {
                    target = (file, text, pair);
                }
            }
        }

        if (target is not { } found)
        {
            return AlternateQuestionResult.Refused(AlternateQuestionRefusal.PairNotFound, $"No .qna file in {Path.GetFullPath(folder)} has a pair with id {pairId}.");
        }

        var (written, lineNumber) = found.Text.WithAlternate(found.Pair.Source.Line, line);

        // The file is read back as the bot will read it before anything is written.
        var reread = QnaFileParser.Parse(written, found.Pair.Source.File).Single(pair => pair.Id == pairId);
        if (!reread.AlternateQuestions.Contains(line, StringComparer.Ordinal))
        {
            return AlternateQuestionResult.Refused(AlternateQuestionRefusal.UnreadableKnowledge, $"\"{line}\" would not read back as an alternate question of pair {pairId}; nothing was written.");
        }

        try
        {
            found.Text.Save(found.Path, written);
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            return AlternateQuestionResult.Refused(AlternateQuestionRefusal.NotWritable, $"{found.Pair.Source.File} could not be written: {problem.Message}");
        }

        return new AlternateQuestionResult(null, $"Added \"{line}\" to pair {pairId} at {found.Pair.Source.File}:{lineNumber}.", new SourceLocation(found.Pair.Source.File, lineNumber));
    }

    /// <summary>What makes two questions the same question: case, surrounding spaces and a final question mark aside.</summary>
    public static string QuestionKey(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Trim().TrimEnd('?').ToUpperInvariant();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>A file's text as decoded, and what is needed to write it back byte for byte: its byte order mark.</summary>
    private sealed partial class QnaFileText(string text, bool byteOrderMark)
    {
        public string Text { get; } = text;

        public static QnaFileText Read(string path)
        {
            var bytes = File.ReadAllBytes(path);
            var marked = bytes.AsSpan().StartsWith(ByteOrderMark);
            return new QnaFileText(StrictUtf8.GetString(marked ? bytes.AsSpan(ByteOrderMark.Length) : bytes), marked);
        }

        /// <summary>
        /// The text with <paramref name="question"/> on a new line after the last alternate of the pair whose question
        /// is on line <paramref name="questionLine"/> (after the question itself when it has none), written with that
        /// line's list marker and line ending; and the new line's number.
        /// </summary>
        public (string Text, int Line) WithAlternate(int questionLine, string question)
        {
            var lines = Lines(Text);
            var after = questionLine - 1;
            for (var i = after + 1; i < lines.Count; i++)
            {
                var content = Text[lines[i].Start..lines[i].End].Trim();
                if (ListItem().IsMatch(content))
                {
                    after = i;
                }
                else if (content.Length > 0 && !content.StartsWith('>'))
                {
                    break;
                }
            }

            var previous = lines[after];
            var marker = after == questionLine - 1 ? "- " : ListMarker().Match(Text[previous.Start..previous.End]).Value;
            var ending = previous.Next > previous.End ? Text[previous.End..previous.Next] : FirstLineEnding();
            var inserted = previous.Next > previous.End ? marker + question + ending : ending + marker + question;
            return (Text.Insert(previous.Next, inserted), after + 2);
        }

        /// <summary>
        /// Replaces the file through a new file renamed over it, so that a reader (the service, a file watcher) sees
        /// the old text or the new one, never half of it; the new file keeps the old one's permissions.
        /// </summary>
        public void Save(string path, string text)
        {
            var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                {
                    if (byteOrderMark)
                    {
                        stream.Write(ByteOrderMark);
                    }

                    stream.Write(StrictUtf8.GetBytes(text));
                    stream.Flush(flushToDisk: true);
                }

                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
                }

                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        private string FirstLineEnding()
        {
            var lines = Lines(Text);
            return lines.FirstOrDefault(line => line.Next > line.End) is { } ended && ended.Next > ended.End ? Text[ended.End..ended.Next] : "\n";
        }

        // Where each line starts, ends and the next begins, split at the same line breaks as the parser
        // (string.ReplaceLineEndings: CR LF, CR, LF, NEL, LS, PS and FF), so line numbers mean the same to both.
        private static List<(int Start, int End, int Next)> Lines(string text)
        {
            var lines = new List<(int Start, int End, int Next)>();
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' or '\f')
                {
                    var next = text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1;
                    lines.Add((start, i, next));
                    start = next;
                    i = next - 1;
                }
            }

            lines.Add((start, text.Length, text.Length));
            return lines;
        }

        [GeneratedRegex(@"^[-*+]\s+.+$")]
        private static partial Regex ListItem();

        [GeneratedRegex(@"^\s*[-*+]\s+")]
        private static partial Regex ListMarker();
    }
}

/// <summary>What <see cref="AlternateQuestionWriter.Add"/> did: added the line (where), or refused (why), in words for a person.</summary>
public sealed record AlternateQuestionResult(AlternateQuestionRefusal? Refusal, string Message, SourceLocation? Location)
{
    public bool Added => Refusal is null;

    internal static AlternateQuestionResult Refused(AlternateQuestionRefusal refusal, string message) => new(refusal, message, null);
}

public enum AlternateQuestionRefusal
{
    EmptyQuestion,
    PairNotFound,
    Duplicate,
    UnreadableKnowledge,
    NotWritable,
}
