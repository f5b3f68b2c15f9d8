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
}
