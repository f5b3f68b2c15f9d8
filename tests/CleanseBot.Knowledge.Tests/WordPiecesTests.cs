using CleanseBot.Knowledge.Concepts;

namespace CleanseBot.Knowledge.Tests;

/// <summary>The pieces of a message's words (<see cref="WordPieces"/>) that the warning-sign model weighs beside the words.</summary>
public sealed class WordPiecesTests
{
    [Fact]
    public void A_word_gives_its_runs_of_three_letters_with_its_start_and_end_marked()
    {
        Assert.Equal(["<oo", "ooz", "oze", "ze>"], WordPieces.Of("Ooze"));
    }

    [Fact]
    public void Each_piece_counts_once_and_numbers_and_punctuation_give_none()
    {
        var pieces = WordPieces.Of("pus, pus! 38.9 pus?");

        Assert.Equal(["<pu", "pus", "us>"], pieces);
    }

    [Fact]
    public void A_misspelling_keeps_most_of_the_pieces_of_the_word_meant()
    {
        var meant = WordPieces.Of("swollen");
        var typed = WordPieces.Of("swolen");

        Assert.True(typed.Intersect(meant).Count() >= typed.Count - 1);
    }

    [Fact]
    public void As_numbers_they_are_the_same_pieces_each_a_number_no_other_piece_has()
    {
        const string Message = "Puss and crust on the Spot I squeezed, swolen!";

        var numbers = WordPieces.Numbers(Message);

        Assert.Equal(WordPieces.Of(Message).Order(StringComparer.Ordinal), numbers.Select(WordPieces.Text).Order(StringComparer.Ordinal));
        Assert.Equal(numbers.Length, numbers.Distinct().Count());
        Assert.Equal("é<z", WordPieces.Text(WordPieces.Number("é<z")));
    }

    [Fact]
    public void A_piece_of_another_length_is_no_piece()
    {
        Assert.Throws<InvalidDataException>(() => WordPieces.Number("swol"));
    }

    [Fact]
    public void A_word_of_any_length_gives_all_its_pieces()
    {
        var word = new string('a', 100) + "z";

        Assert.Contains("az>", WordPieces.Of(word));
        Assert.Equal(["<aa", "aaa", "aaz", "az>"], WordPieces.Of(word).Order(StringComparer.Ordinal));
    }
}
