using System.Text.RegularExpressions;

namespace CleanseBot.QuestionLog;

/// <summary>
/// Masks what could identify or reach a visitor before a message is logged: email addresses, web addresses and phone
/// numbers become [email], [url] and [phone]. It errs towards masking: a date written as digits or a stray
/// "word.word" may be masked too, which costs a content owner little, while a phone number kept costs a visitor much.
/// </summary>
public static partial class PersonalDataMask
{
    public const string Email = "[email]";
    public const string Url = "[url]";
    public const string Phone = "[phone]";

    // Fewer digits than this is a dose, a count or a price rather than a phone number; the shortest local numbers have 7.
    private const int PhoneDigits = 7;

    public static string Mask(string message)
    {
        ArgumentNullException.ThrowIfNull(message);

        // Emails first: an address's domain would otherwise be masked as a web address, leaving "name@[url]".
        var masked = EmailPattern().Replace(message, Email);
        masked = UrlPattern().Replace(masked, Url);
        return PhonePattern().Replace(masked, static match => DigitCount(match.ValueSpan) >= PhoneDigits ? Phone : match.Value);
    }

    private static int DigitCount(ReadOnlySpan<char> text)
    {
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
        }

        return digits;
    }

    [GeneratedRegex(@"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EmailPattern();

    // A scheme or "www." and what follows it up to a space; or a bare domain ("clinic.example.co.uk/book") whose last
    // label is letters only, so "3.5" or "0.5%" are left alone.
    [GeneratedRegex(@"\b(?:(?:https?|ftp)://|www\.)\S+|\b(?:[a-z0-9-]+\.)+[a-z]{2,24}\b(?:/\S*)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UrlPattern();

    // An optional + or 00, then digits with the separators people type (spaces, dots, dashes, slashes, parentheses).
    // "(0)" in "+44 (0)20" and "(555) 123-4567" are covered by allowing parentheses anywhere in the run.
    [GeneratedRegex(@"(?<![\w+])(?:\+|\(\+?)?\d(?:[\d\s().\-/]*\d)?(?!\w)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PhonePattern();
}
