using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

/// <summary>
/// How a word the knowledge does not know is corrected to a word of its questions: typed by ear, with a letter left
/// out, doubled or swapped, and when it is left alone because a correction would more likely be wrong than right.
/// </summary>
public sealed class SpellingCorrectorTests
{
    // How many pairs' questions use each word; a few real words of the knowledge and some look-alikes.
    private static readonly SpellingCorrector Corrector = new(new Dictionary<string, int>
    {
        ["extractions"] = 3, ["consultation"] = 4, ["chemical"] = 3, ["clogged"] = 9, ["clog"] = 5, ["cooling"] = 1, ["often"] = 6, ["open"] = 8,
        ["serum"] = 5, ["peel"] = 4, ["toner"] = 7, ["smaller"] = 2, ["face"] = 30, ["steam"] = 3, ["steaming"] = 2,
        ["hazel"] = 2, ["doesnt"] = 0, ["pore"] = 40, ["pores"] = 40, ["cleanse"] = 12, ["cleanser"] = 10,
    });

    [Theory]
    [InlineData("extracshuns", "extractions")]
    [InlineData("consultashun", "consultation")]
    [InlineData("chemicle", "chemical")]
    [InlineData("clogd", "clog")]
    [InlineData("serm", "serum")]
    [InlineData("peal", "peel")]
    public void Corrects_words_spelled_the_way_they_sound(string typed, string meant) => Assert.Equal(meant, Corrector.Correct(typed));

    [Theory]
    [InlineData("tonner", "toner")]
    [InlineData("steem", "steam")]
    [InlineData("hazle", "hazel")]
    [InlineData("clense", "cleanse")]
    [InlineData("clenser", "cleanser")]
    public void Corrects_one_slip_of_the_fingers(string typed, string meant) => Assert.Equal(meant, Corrector.Correct(typed));

    [Fact]
    public void Prefers_the_word_with_a_letter_left_out_over_one_with_a_letter_changed() =>
        Assert.Equal("often", Corrector.Correct("ofen"));

    [Fact]
    public void Prefers_the_longer_word_the_user_left_letters_out_of() => Assert.Equal("smaller", Corrector.Correct("smaler"));

    [Fact]
    public void Turns_a_misspelled_filler_word_into_the_stop_word_it_is() => Assert.Equal("doesnt", Corrector.Correct("dosent"));

    [Theory]
    [InlineData("fade")] // a real word one letter from "face": four letters are too few to tell a slip from a word
    [InlineData("jel")] // three letters: left alone
    [InlineData("cling")] // sounds like "cooling", but short words two letters apart are different words
    [InlineData("stretch")] // nothing close
    [InlineData("bitcoin")]
    [InlineData("pore2")] // not a word
    public void Leaves_alone_what_is_not_clearly_a_slip(string typed) => Assert.Null(Corrector.Correct(typed));

    [Fact]
    public void Never_corrects_a_very_long_run_of_letters() => Assert.Null(Corrector.Correct(new string('p', 5000)));

    [Theory]
    [InlineData("extracshuns", "extractions")]
    [InlineData("microdermabrashun", "microdermabrasion")]
    [InlineData("cleensing", "cleansing")]
    [InlineData("evry", "every")]
    [InlineData("kleanser", "cleanser")]
    public void Words_that_sound_alike_share_a_sound_key(string typed, string meant) => Assert.Equal(SoundKey.Of(meant), SoundKey.Of(typed));

    [Theory]
    [InlineData("fade", "face")]
    [InlineData("mole", "more")]
    [InlineData("chemical", "clinical")]
    public void Words_that_sound_different_do_not(string one, string other) => Assert.NotEqual(SoundKey.Of(one), SoundKey.Of(other));
}
