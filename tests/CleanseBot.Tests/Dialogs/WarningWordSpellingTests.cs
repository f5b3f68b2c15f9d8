using CleanseBot.Dialogs;

namespace CleanseBot.Tests.Dialogs;

/// <summary>
/// A long warning word typed with a slip is read as the word meant before the red-flag patterns run; everyday words
/// and words already right are left as they are.
/// </summary>
public sealed class WarningWordSpellingTests
{
    [Theory]
    [InlineData("on isotretinon since may", "on isotretinoin since may")]
    [InlineData("Isotretnoin and peels?", "isotretinoin and peels?")]
    [InlineData("is acutane a problem", "is accutane a problem")]
    [InlineData("i'm on roacutane", "i'm on roaccutane")]
    [InlineData("im prengant", "im pregnant")]
    [InlineData("early pregnacy and acids", "early pregnancy and acids")]
    [InlineData("while breastfeading, is it ok", "while breastfeeding, is it ok")]
    public void Reads_a_long_warning_word_typed_with_a_slip_as_the_word_meant(string typed, string read)
    {
        Assert.Equal(read, WarningWordSpelling.Correct(typed));
    }

    [Theory]
    [InlineData("I'm pregnant and on accutane")]
    [InlineData("I never have a fever, fewer spots than ever")]
    [InlineData("a poignant present for my pregnant sister")]
    [InlineData("which cleanser suits an accurate routine")]
    [InlineData("")]
    public void Leaves_words_already_right_and_everyday_words_as_they_are(string text)
    {
        Assert.Same(text, WarningWordSpelling.Correct(text));
    }
}
