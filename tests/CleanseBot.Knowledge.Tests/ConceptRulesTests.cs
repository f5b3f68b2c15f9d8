using CleanseBot.Knowledge.Concepts;
using CleanseBot.Knowledge.Parsing;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

/// <summary>
/// How a concept file is read and how a message is read against it: words however they end, phrases with a word or
/// two between, misspellings that are no English word, negations, everyday phrases, rules as combinations of
/// concepts; and what an editor of the file is told when a line is wrong. The small file here is shaped like
/// knowledge/warning-signs.txt.
/// </summary>
[Collection(RealKnowledge.Name)]
public sealed class ConceptRulesTests(KnowledgeFixture fixture)
{
    private const string FileName = "warning-signs.txt";

    private const string Small = """
        [concepts]
        place: spot, pimple
        discharge: pus, yellow stuff
        unwell: fever, shivery
        young-age: 5, six
        child: @young-age year old
        pregnancy: im "expecting" .
        asking: . can, avoid
        happening: now, i have
        infection: infected
        [negation]
        no, not
        [ordinary]
        fever dream
        [rules]
        Urgent: discharge | infection + unwell
        Infection: discharge + place
        Infection: infection + happening
        Infection: infection + !asking
        Child: child
        Pregnancy: pregnancy
        """;

    private static readonly ConceptRules Signs = ConceptRules.Parse(Small, FileName);

    [Theory]
    [InlineData("there is pus in the spot", "Infection")]
    [InlineData("pus coming out of my pimples", "Infection")]
    [InlineData("some yellow gunky stuff from the spot", "Infection")]
    [InlineData("the spot has pus and I feel shivery", "Urgent")]
    [InlineData("infected spot and a fever", "Urgent")]
    [InlineData("my 5 year old has blackheads", "Child")]
    [InlineData("my six year old wants my scrub", "Child")]
    [InlineData("im expecting, can I use retinol", "Pregnancy")]
    [InlineData("im expecting", "Pregnancy")]
    public void Matches_a_message_whose_concepts_add_up_to_a_rule(string message, string kind)
    {
        Assert.Equal(kind, Signs.Match(message)?.Kind);
    }

    [Theory]
    [InlineData("the spot looks a bit red")]
    [InlineData("pus")] // a sign with no place says nothing here: the file asks for both
    [InlineData("im expecting results soon")]
    [InlineData("I had a fever dream about my spots")]
    [InlineData("no pus in the spot, just red")]
    [InlineData("can a spot get infected")]
    [InlineData("how do I avoid my spots getting infected")]
    [InlineData("my son is 5 and a year old puppy chewed my scrub")]
    public void Leaves_a_message_whose_concepts_add_up_to_nothing(string message)
    {
        Assert.Null(Signs.Match(message));
    }

    [Fact]
    public void Counts_a_named_condition_that_is_happening_even_in_a_question()
    {
        Assert.Equal("Infection", Signs.Match("can I put toner on it, the spot is infected now")?.Kind);
    }

    [Theory]
    [InlineData("yelow stuff from the spot")]
    [InlineData("the pimpel has pus")]
    [InlineData("pus and a feverr")]
    public void Reads_a_slip_of_a_word_of_the_file_as_that_word(string message)
    {
        Assert.NotNull(Signs.Match(message));
    }

    [Fact]
    public void Leaves_a_real_english_word_alone_however_close_to_a_warning_word()
    {
        // "never" and "fewer" are one slip from "fever", but they are words of their own.
        Assert.Equal(["place: spot", "discharge: pus"], Signs.Read("pus in the spot, never fewer than two"));
    }

    [Fact]
    public void Says_which_words_made_each_concept()
    {
        var sign = Signs.Match("yellow-ish stuff from the spot and I'm shivery");

        Assert.NotNull(sign);
        Assert.Equal("Urgent: discharge | infection + unwell", sign.Rule);
        Assert.Contains("unwell: shiveri", sign.Concepts);
        Assert.Contains("place: spot", sign.Concepts);
    }

    [Theory]
    [InlineData("[concepts]\nplace: spot\n[rules]\nInfection: place + pus", 4, "'pus' is no concept")]
    [InlineData("[concepts]\nplace: spot\n[other]", 3, "unknown section '[other]'")]
    [InlineData("place: spot", 1, "a line before the first section")]
    [InlineData("[concepts]\nplace: spot,, pimple\n[rules]\nA: place", 2, "an empty entry")]
    [InlineData("[concepts]\nage: 5\nchild: @ages year old\n[rules]\nChild: child", 3, "'@ages' names no concept")]
    [InlineData("[concepts]\nplace: spot\n", 1, "no rules")]
    [InlineData("[concepts]\nplace spot\n[rules]\nA: place", 2, "expected 'name: ...'")]
    public void Tells_the_editor_which_line_of_the_file_is_wrong(string text, int line, string problem)
    {
        var error = Assert.Throws<KnowledgeFormatException>(() => ConceptRules.Parse(text, FileName));

        Assert.Equal(FileName, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_message_together_with_the_concepts_of_the_one_before_it()
    {
        Assert.Null(Signs.Match("I feel shivery now", out var present));
        Assert.Null(Signs.Match("there is yellow stuff"));
        var earlier = Signs.Named(Read("there is yellow stuff"));

        var match = Signs.MatchTogether("I feel shivery now", present, earlier, out var together);

        Assert.Equal("Urgent", match?.Kind);
        Assert.Contains("discharge: (the message before)", match!.Concepts);
        Assert.True(together[Signs.Concepts.ToList().IndexOf("unwell")]);
    }

    [Fact]
    public void Does_not_match_again_a_rule_the_message_before_held_on_its_own()
    {
        var earlier = Signs.Named(Read("pus in the spot and a fever"));
        Signs.Match("which cleanser then", out var present);

        Assert.Null(Signs.MatchTogether("which cleanser then", present, earlier, out _));
    }

    private static bool[] Read(string message)
    {
        Signs.Match(message, out var present);
        return present;
    }

    [Fact]
    public void Loads_the_real_warning_signs_with_the_knowledge()
    {
        var signs = fixture.Knowledge.WarningSigns;

        Assert.NotNull(signs);
        Assert.Contains("InfectionWithFever", signs.Kinds);
        Assert.Contains("discharge", signs.Concepts);
    }

    [Fact]
    public void The_real_rules_read_an_age_as_a_child_only_when_it_is_a_young_one()
    {
        var signs = fixture.Knowledge.WarningSigns!;

        Assert.Null(signs.Match("my son is 25 and has blackheads on his nose"));
        Assert.Equal("Child", signs.Match("my son is 5 and has blackheads on his nose")?.Kind);
    }

    [Fact]
    public void Means_a_slip_as_the_word_it_is_a_slip_of_and_words_the_vectors_lack_as_nothing()
    {
        var signs = fixture.Knowledge.WarningSigns!;

        Assert.Equal(signs.Meaning("the pimple has pus"), signs.Meaning("the pimpel has pus"));
        Assert.All(signs.Meaning("zxqv blorfed"), static value => Assert.Equal(0f, value));
    }

    [Theory]
    [InlineData("pus", "gunk", "price")]
    [InlineData("bleeding", "blood", "saturday")]
    [InlineData("pus from the infected pimple", "yellow gunk oozing from the sore", "what does a facial cost on saturday")]
    public void Means_a_sign_told_in_other_words_closer_to_the_sign_than_to_an_everyday_question(string sign, string toldOtherwise, string everyday)
    {
        // Coarse: the vectors know some 14,000 words ("ooze", "puffy" and "shivery" are not among them).
        var signs = fixture.Knowledge.WarningSigns!;
        var meaning = signs.Meaning(sign);

        var near = WordVectors.Cosine(meaning, signs.Meaning(toldOtherwise));
        var far = WordVectors.Cosine(meaning, signs.Meaning(everyday));

        Assert.True(near > far, $"{near:F2} against {far:F2}");
    }
}
