using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CleanseBot.Knowledge.Ranking;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

/// <summary>
/// What visitors type, and what the bot finds for it in the real knowledge. The questions are written the way
/// people ask in a chat box, not copied from the .qna headings or alternates: a question passes only if the
/// right pair comes first with a confidence the bot answers with (appsettings.json, Answering:ConfidenceThreshold).
/// </summary>
[Collection(RealKnowledge.Name)]
public sealed class SearchTests(KnowledgeFixture fixture)
{
    private const int MaxCandidates = 5;

    // Two candidates this close make the bot ask "did you mean" (appsettings.json, Answering:AmbiguityMargin).
    private const double AmbiguityMargin = 0.01;

    private KnowledgeIndex Index => fixture.Index;

    [Theory]
    [InlineData("so what exactly is a deep pore cleanse?", 101)]
    [InlineData("why is it so important to clean out my pores properly", 102)]
    [InlineData("can you give me an overview of the whole guide", 103)]
    public void Answers_casual_questions_about_the_introduction(string question, int expectedId) => AssertAnswers(question, expectedId);

    [Theory]
    [InlineData("can unclogging my pores stop me breaking out", 202)]
    [InlineData("will deep cleansing even out my skin texture", 203)]
    [InlineData("do my skincare products soak in better after a deep cleanse", 204)]
    [InlineData("can cleaning my pores give me a healthy glow", 205)]
    [InlineData("does regular deep cleansing reduce the size of my pores", 206)]
    public void Answers_casual_questions_about_the_benefits(string question, int expectedId) => AssertAnswers(question, expectedId);

    [Theory]
    [InlineData("what actually is a pore on your skin", 301)]
    [InlineData("is there a hair follicle inside every pore", 302)]
    [InlineData("how deep does a pore go into the face", 304)]
    [InlineData("which gland makes the oil in my skin", 303)]
    [InlineData("how far down into the skin does a pore go", 304)]
    [InlineData("why does my face get so greasy by lunchtime", 306)]
    [InlineData("do my pores have anything to do with sweating", 307)]
    [InlineData("how do pores stop my skin from drying out", 308)]
    [InlineData("why do I keep getting ingrown hairs", 309)]
    public void Answers_casual_questions_about_how_pores_work(string question, int expectedId) => AssertAnswers(question, expectedId);

    [Theory]
    [InlineData("which cleanser should I buy for clogged pores", 401)]
    [InlineData("is a salicylic acid cleanser worth using", 402)]
    [InlineData("what does non-comedogenic on a face wash label mean", 403)]
    [InlineData("my cleanser leaves my face really dry and tight", 404)]
    [InlineData("should my face wash foam up or be more of a gel?", 405)]
    [InlineData("what's the point of using a toner", 406)]
    [InlineData("should I avoid toners that contain alcohol", 407)]
    [InlineData("what should a toner contain to tighten pores", 408)]
    [InlineData("is a hydrating toner good if my skin is dry", 409)]
    [InlineData("I've got acne, is there a toner made for that", 410)]
    [InlineData("what serums help with pores", 411)]
    [InlineData("retinoid or salicylic acid serum, which is better", 412)]
    [InlineData("is vitamin c serum worth it", 413)]
    [InlineData("does oily skin still need hyaluronic acid", 414)]
    [InlineData("are clay masks good for blackheads", 415)]
    public void Answers_casual_questions_about_choosing_products(string question, int expectedId) => AssertAnswers(question, expectedId);

    [Theory]
    [InlineData("what do you get at a spa facial", 501)]
    [InlineData("do they extract blackheads during a facial", 502)]
    [InlineData("what's the steam for at the start of a facial", 503)]
    [InlineData("are the products they use at a salon any different", 504)]
    [InlineData("I just want to be pampered, are facials relaxing", 505)]
    public void Answers_casual_questions_about_professional_facials(string question, int expectedId) => AssertAnswers(question, expectedId);

    [Theory]
    [InlineData("are there medical procedures for really clogged pores", 601)]
    [InlineData("how does microdermabrasion work", 602)]
    [InlineData("are chemical peels good for clogged pores", 603)]
    [InlineData("hi, can you please tell me what a chemical peel is", 603)]
    [InlineData("can lasers shrink my pores", 604)]
    [InlineData("can my dermatologist extract blackheads safely", 605)]
    [InlineData("can my doctor prescribe something for bad acne", 606)]
    [InlineData("should I get a dermatologist's opinion before having a procedure done", 607)]
    public void Answers_casual_questions_about_dermatological_procedures(string question, int expectedId) => AssertAnswers(question, expectedId);

    [Theory]
    [InlineData("do I really need a consultation before a facial", 701)]
    [InlineData("what should I talk about with my esthetician beforehand", 702)]
    [InlineData("how will they figure out my skin type", 703)]
    [InlineData("can the facial be customized for my skin", 705)]
    [InlineData("can the facial be customised for my skin", 705)]
    [InlineData("should I tell them what results I'm hoping for", 706)]
    [InlineData("how do I get my skin ready for a facial", 707)]
    [InlineData("how should I wash my face before my facial appointment", 708)]
    [InlineData("should I use an exfoliator the day before my facial", 709)]
    [InlineData("is it important to keep my skin hydrated before a facial", 711)]
    [InlineData("is SPF important before a facial", 712)]
    [InlineData("do I have to take my makeup off before I go in for a facial", 713)]
    public void Answers_casual_questions_about_preparing_for_a_facial(string question, int expectedId) => AssertAnswers(question, expectedId);

    [Theory]
    [InlineData("is deep cleansing every day too much", 801)]
    [InlineData("my face gets red and irritated after cleansing", 802)]
    [InlineData("my pores are huge, will cleansing help", 804)]
    [InlineData("what ingredients should my cleanser have", 805)]
    [InlineData("how do I keep my skin looking good after a facial", 806)]
    [InlineData("I have sensitive skin, is deep cleansing safe for me", 807)]
    [InlineData("will deep cleansing fix my hormonal acne", 808)]
    public void Answers_casual_questions_from_the_faq_and_with_typos(string question, int expectedId) => AssertAnswers(question, expectedId);

    [Theory]
    [InlineData("what is the capital of France")]
    [InlineData("what's the bitcoin price today")]
    [InlineData("what's the best dandruff treatment")]
    [InlineData("can I use hair dye if my scalp is sensitive")]
    [InlineData("how do I bake bread at home")]
    [InlineData("how do I fix my car, it won't start")]
    [InlineData("what will the weather be like tomorrow")]
    [InlineData("how do I whiten my teeth")]
    [InlineData("how should I look after a new tattoo")]
    [InlineData("how do I treat a sunburn")]
    [InlineData("is eczema contagious")]
    [InlineData("what's a good diet to lose weight")]
    [InlineData("which shampoo is best for an oily scalp")]
    [InlineData("how do I get rid of a cold sore on my lip")]

    // A rare word the guide never uses ("tattoo") usually names what the message is about, however well its other
    // words ("laser", "pores") match a pair.
    [InlineData("is laser tattoo removal bad for my pores")]
    public void Does_not_claim_to_answer_questions_the_guide_does_not_cover(string question)
    {
        var result = Index.Search(question, MaxCandidates);

        Assert.True(
            result.Best is null || result.Best.Confidence < Repository.AnsweringThreshold,
            $"'{question}' would be answered with {Describe(result)}");
    }

    // A single word naming a part of the guide finds the pair that introduces that part, whose questions say just that
    // word, rather than one of its points that repeats it in many alternates.
    [Theory]
    [InlineData("serum", 411)]
    [InlineData("cleanser", 401)]
    [InlineData("toner", 406)]
    public void Answers_a_one_word_topic_with_the_pair_that_introduces_it(string question, int expectedId) => AssertAnswers(question, expectedId);

    // The scene set before a question ("I've got my first facial next week and I'm nervous") is what the preparation
    // and regular-facial pairs' alternates are made of; the words of the sentence that asks count double in the score.
    [Theory]
    [InlineData("My facial is next week and I'm really nervous because it's my first one. Will they squeeze my blackheads?", 502)]
    [InlineData("I booked a facial at a spa for my birthday next week. Is it relaxing?", 505)]
    [InlineData("My pores are clogged and my nose is covered in blackheads. How often should I deep cleanse?", 801)]
    public void Answers_what_the_last_sentence_of_a_long_message_asks(string message, int expectedId) => AssertAnswers(message, expectedId);

    // An asking sentence that names its topic only by a pronoun ("does it hurt") asks about what the sentence before it
    // named: emphasising the question's words alone left the treatment one word among the skin's many and found the
    // texture and radiance pairs.
    [Theory]
    [InlineData("My T-zone is shiny and my pores look enormous. Everyone online keeps recommending retinoid serums. Do they actually work?", 412)]
    [InlineData("My pores are stretched and my skin looks tired. My aunt tried microdermabrasion at her salon. Does it hurt?", 602)]
    public void Answers_a_pronoun_question_about_what_the_sentence_before_it_named(string message, int expectedId) => AssertAnswers(message, expectedId);

    // In one sentence too: "is that a ..." after a comma asks about the part before it, which the asking part's emphasis
    // alone left behind its few words ("treatment", "fine").
    [Theory]
    [InlineData("deep pore cleansing, is it a specific method or just a fancy wash", 101)]
    [InlineData("honestly i want a facial just to feel good, is that fine", 505)]
    public void Answers_a_pronoun_part_about_what_the_part_before_it_named(string message, int expectedId) => AssertAnswers(message, expectedId);

    // When the question comes first and the scene after it, the scene's many words made every pair's closest question a
    // small part of the message, and the pairs about large, oily pores won on them; the sentence that asks, matched
    // alone, finds the pair whose question says it. So too a pronoun question, or part, about what came before it.
    // The learned ranker (PassageRanker) overrules the evidence for these: its classifier reads the whole message, and
    // the scene's words ("my pores look enormous") point to the pairs about large pores. The evidence still puts first
    // what the asking part asks; a classifier reading of the asking part alone, beside the whole, ranked no better by
    // set, and alone ranked worse; nor did counting the asking part's words double in the classifier, as the search
    // does (evaluation/README.md). Three of these were answered right until train-10 joined the training sets.
    [Theory]
    [InlineData("My cheeks are bumpy and my pores look enormous. My sister keeps recommending retinoids. Are they any good?", 412)]
    [InlineData("a deep clean of the pores, is that an actual treatment", 101)]
    [InlineData("My skin looks rough and my pores are really open. A place near my office does microdermabrasion. What is it exactly?", 602)]
    [InlineData("What does a toner do? My skin is oily, my pores look huge and I get blackheads on my nose.", 406)]
    [InlineData("What does toner do for you? My face is greasy by noon, my pores look big and my nose has blackheads.", 406)]
    [InlineData("What do astringents do? My pores look huge on my cheeks and my T-zone is always shiny.", 406)]
    [InlineData("skin pores?? my nose looks like a strawberry and my cheeks get oily by lunch", 301)]
    public void The_evidence_puts_first_what_the_asking_part_asks_where_the_ranker_overrules_it(string message, int expectedId)
    {
        var result = Index.Search(message, MaxCandidates, AnswerabilityModel.Shipped, ranker: null);

        Assert.Equal(expectedId, result.Best?.Pair.Id);
    }

    // In one sentence the scene comes before a comma: "it feels clean" found the cleanser pairs until the part that
    // asks counted double.
    [Fact]
    public void Answers_what_the_asking_part_of_a_sentence_of_several_parts_asks() =>
        AssertAnswers("i wash my face twice a day and it feels clean, why would i need a toner", 406);

    // "tell" was a stop word with "tell me"; what to tell the esthetician is what these pairs answer.
    [Theory]
    [InlineData("should i tell them what results i want from the facial", 706)]
    [InlineData("do i need to tell the facialist that perfume gives me a rash", 704)]
    public void Answers_questions_about_what_to_tell_the_esthetician(string question, int expectedId) => AssertAnswers(question, expectedId);

    // Chat's asides ("tbh", "rn", "idk") are no topic the guide lacks: left in, they cost the answer its confidence.
    [Theory]
    [InlineData("tbh does toner even do anything for pores rn", 406)]
    [InlineData("idk which cleanser to buy for blackheads tbh", 401)]
    public void Answers_through_chat_asides(string question, int expectedId) => AssertAnswers(question, expectedId);

    // When the facial is ("tomorrow", "today") sets the scene: the pair that says "tomorrow" in passing is not closer.
    [Fact]
    public void Answers_what_is_asked_whatever_day_the_facial_is() =>
        AssertAnswers("my face is so dry, will it ruin my facial tomorrow", 711);

    // "up" and "to" are stop words: "the run-up to" was "run", which no preparation pair says.
    [Fact]
    public void Reads_the_run_up_to_a_facial_as_before_it() =>
        AssertAnswers("which face wash should I pick in the run-up to a salon facial", 708);

    // "make" was a stop word; what the glands make is what the sebaceous-gland pair answers.
    [Theory]
    [InlineData("what do the little glands in my skin make")]
    [InlineData("which part of my skin makes the grease")]
    public void Answers_what_makes_the_oil_with_the_sebaceous_glands(string question) => AssertAnswers(question, 303);

    // Stop words leave "what is a pore" and "what are pores for" the one word "pore", which most pairs use and Lucene so
    // scores low: the question's shape tells which pair has a question saying the same, and that pair answers.
    [Theory]
    [InlineData("ok so what is a pore", 301)]
    [InlineData("pores: what are they for?", 305)]
    [InlineData("why have pores at all?", 305)]
    [InlineData("so what good does having pores do me", 305)]
    public void Answers_a_question_of_common_words_with_the_pair_that_asks_it_in_the_same_shape(string question, int expectedId)
    {
        AssertAnswers(question, expectedId);
        var candidates = Index.Search(question, MaxCandidates).Candidates;
        Assert.True(candidates[1].Confidence < candidates[0].Confidence - AmbiguityMargin, $"'{question}' is a close call with {candidates[1].Pair.Id}");
    }

    // A pair with a question saying what the message says (here the toners pair's "what's an astringent", "skin" being
    // in nearly every pair) answers it, though a pair using the words more often scores higher.
    [Theory]
    [InlineData("what's an astringent for skin")]
    [InlineData("what does an astringent do for skin")]
    public void Answers_with_the_pair_that_asks_the_same_before_one_that_scores_higher(string question) => AssertAnswers(question, 406);

    // The shape tells apart questions about the same words; it does not bring a question about something the guide
    // lacks closer to a pair whose questions ask the same way.
    [Theory]
    [InlineData("is microneedling safe for forehead lines", "microneedling safe for forehead lines")]
    [InlineData("why would botox smooth wrinkles", "botox smooth wrinkles")]
    public void Reads_no_shape_into_a_message_naming_something_the_knowledge_lacks(string question, string fragment)
    {
        var asked = Index.Search(question, MaxCandidates).Best!;
        var said = Index.Search(fragment, MaxCandidates).Best!;

        Assert.Equal(said.Pair.Id, asked.Pair.Id);
        Assert.Equal(said.Confidence, asked.Confidence, 12);
    }

    // Porter stems "useful" to "us", a stop word: the message kept only "pores", which a dozen pairs share.
    [Fact]
    public void Reads_a_word_whose_stem_is_a_stop_word_as_a_word_of_the_question()
    {
        var result = Index.Search("are my pores useful in any way", MaxCandidates);

        Assert.Contains(result.QueryTerms, term => term.Text == "useful");
        AssertAnswers("are my pores useful in any way", 305);
    }

    // Words that only join a sentence together, or only say how sure or how much, match whatever pair happens to use
    // them: "sweating through my shirt" found the sweating pair's "why do I sweat through my face", "something else"
    // every pair with "what else".
    [Theory]
    [InlineData("what else can I do about big pores anyway", "els", "anywai")]
    [InlineData("my pores got bigger though, even through the summer", "through", "though")]
    [InlineData("both my cheeks went red because I scrubbed while my skin was dry", "both", "becaus")]
    [InlineData("my skin is super dry and mostly flaky, maybe from the cold", "super", "mostli")]
    public void Ignores_words_that_only_join_a_sentence_together(string message, string joiner, string otherJoiner)
    {
        var terms = Index.Search(message, MaxCandidates).QueryTerms.Select(term => term.Text).ToList();

        Assert.NotEmpty(terms);
        Assert.DoesNotContain(joiner, terms);
        Assert.DoesNotContain(otherJoiner, terms);
    }

    // "I've heard of it" only frames what is asked; as a word the guide lacks it weighed as the message's topic.
    [Theory]
    [InlineData("ive heard about pore cleansing but what is it")]
    [InlineData("i only just herd about pore cleansing, so what is it")]
    public void Answers_a_question_framed_by_what_the_visitor_has_heard(string question)
    {
        Assert.DoesNotContain(Index.Search(question, MaxCandidates).QueryTerms, term => term.Text.StartsWith("he", StringComparison.Ordinal));
        AssertAnswers(question, 101);
    }

    // "Off" is a particle like "up" and "out": "lay off" (avoid) met the clean-face pair's "take my makeup off".
    [Theory]
    [InlineData("what should i lay off using before a facial")]
    [InlineData("is there stuff i should lay off before a facial")]
    public void Reads_a_verb_with_off_by_its_verb(string question) => AssertAnswers(question, 710);

    // Money words ("pay", "cheapest", "worth") reach the budget alternates of the do-it-yourself and salon pairs, but
    // the guide's own text uses none of them: a message that meets the knowledge only there is about something else.
    [Theory]
    [InlineData("what is the cheapest way to pay for a holiday")]
    [InlineData("is it worth paying off a loan early")]
    public void Does_not_answer_a_question_that_meets_the_knowledge_only_in_visitors_words(string question)
    {
        var result = Index.Search(question, MaxCandidates);

        Assert.True(
            result.Best is null || result.Best.Confidence < Repository.AnsweringThreshold,
            $"'{question}' would be answered with {Describe(result)}");
    }

    // ... but a message made mostly of those words, which the do-it-yourself pair's alternates hold, asks what it answers.
    [Theory]
    [InlineData("could i get those results myself without paying anyone")]
    [InlineData("is it worth paying for it or can i do it myself")]
    public void Answers_a_question_the_pair_covers_in_visitors_words(string question) => AssertAnswers(question, 803);

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n  ")]
    [InlineData("hello")]
    [InlineData("hi there, thanks!")]
    [InlineData("how do I?")]
    [InlineData("?!.,;")]
    public void Finds_nothing_in_text_with_no_words_that_mean_anything(string text)
    {
        var result = Index.Search(text, MaxCandidates);

        Assert.Empty(result.Candidates);
        Assert.Null(result.Best);
    }

    [Fact]
    public void Returns_at_most_the_candidates_asked_for_each_with_a_confidence_between_0_and_1()
    {
        var result = Index.Search("cleanser toner serum for clogged pores and acne", 3);

        Assert.Equal(3, result.Candidates.Count);
        Assert.Equal(3, result.Candidates.Select(c => c.Pair.Id).Distinct().Count());
        Assert.All(result.Candidates, c => Assert.InRange(c.Confidence, 0, 1));
        Assert.Single(Index.Search("cleanser toner serum for clogged pores and acne", 1).Candidates);
    }

    [Fact]
    public void Gives_the_message_with_its_typos_corrected_for_the_semantic_re_ranker()
    {
        const string Typed = "is Steem good for my pores before extracshuns";

        var result = Index.Search(Typed, MaxCandidates);

        Assert.Equal("is steam good for my pores before extractions", result.WithCorrections(Typed));
    }

    [Fact]
    public void Rejects_asking_for_no_candidates()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Index.Search("toner", 0));
    }

    [Theory]
    [InlineData("(")]
    [InlineData(")")]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("?")]
    [InlineData("~")]
    [InlineData("AND")]
    [InlineData("OR")]
    [InlineData("NOT")]
    [InlineData(":")]
    [InlineData("\\")]
    [InlineData("[")]
    [InlineData("]")]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("^")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData("!")]
    [InlineData("/")]
    [InlineData("&&")]
    [InlineData("||")]
    [InlineData("*:*")]
    [InlineData("toner~2")]
    [InlineData("field:value")]
    [InlineData("\"unclosed phrase")]
    [InlineData("[a TO z]")]
    [InlineData("pore^100")]
    [InlineData("/reg.*ex/")]
    [InlineData("AND OR NOT")]
    public void Search_syntax_typed_by_a_visitor_is_just_text(string text)
    {
        var result = Index.Search(text, MaxCandidates);

        Assert.All(result.Candidates, c => Assert.InRange(c.Confidence, 0, 1));
    }

    [Fact]
    public void Finds_the_answer_when_a_question_is_sprinkled_with_search_syntax()
    {
        AssertAnswers("(how) often* should~ I AND deep: cleanse [at] {home}? ^2 +pores -face! / && || \\ \"OR NOT\"", 801);
    }

    [Fact]
    public void Handles_a_pasted_wall_of_ten_thousand_characters()
    {
        var wall = new StringBuilder();
        while (wall.Length < 10_000)
        {
            wall.Append("how often should I deep cleanse my pores with a toner and serum at the spa ");
        }

        var text = wall.ToString(0, 10_000);
        var result = Index.Search(text, MaxCandidates);

        Assert.NotEmpty(result.Candidates);
        Assert.All(result.Candidates, c => Assert.InRange(c.Confidence, 0, 1));
        Assert.DoesNotContain(Index.Search(new string('x', 10_000), MaxCandidates).Candidates, c => c.Confidence >= Repository.AnsweringThreshold);
    }

    [Theory]
    [InlineData("💆‍♀️🧖🏽‍♂️ pores? 🤔🔥💯")]
    [InlineData("ما هو التنظيف العميق للمسام؟")]
    [InlineData("מה זה ניקוי נקבוביות עמוק")]
    [InlineData("\u202Eserop\u202C \u200F\u200E toner")]
    [InlineData("to\u0301ne\u0308r\u0338 s\u0327e\u0300r\u0315um\u0489\u0489")]
    [InlineData("\0\u0001\u0007\u001B[31mtoner\u007F\u0085\u2028\u2029")]
    [InlineData("\uD800")]
    [InlineData("toner \uDC00 serum \uD83D")]
    [InlineData("\uFEFF\uFFFE\uFFFF")]
    [InlineData("深层清洁毛孔 毛穴の洗浄 모공 세정")]
    [InlineData("ｔｏｎｅｒ ｆｏｒ ｐｏｒｅｓ")]
    public void Handles_any_unicode_a_visitor_might_send(string text)
    {
        var result = Index.Search(text, MaxCandidates);

        Assert.All(result.Candidates, c => Assert.InRange(c.Confidence, 0, 1));
    }

    [Fact]
    public void Handles_random_strings_of_any_characters()
    {
        var random = new Random(20_251_128);
        for (var i = 0; i < 300; i++)
        {
            var chars = new char[random.Next(0, 200)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = (char)random.Next(0, char.MaxValue + 1);
            }

            var text = new string(chars);
            var result = Index.Search(text, MaxCandidates);

            Assert.All(result.Candidates, c => Assert.InRange(c.Confidence, 0, 1));
        }
    }

    [Fact]
    public void Gives_the_same_answers_when_many_visitors_ask_at_once()
    {
        string[] questions =
        [
            "how often should I deep cleanse at home",
            "what should I look for in a cleanser",
            "what happens during a professional facial",
            "are chemical peels good for clogged pores",
            "is vitamin c serum worth it",
            "do I have to take my makeup off before I go in for a facial",
            "what's the bitcoin price today",
            "toner for dry skin",
        ];
        var expected = questions.ToDictionary(q => q, q => Fingerprint(Index.Search(q, MaxCandidates)));
        var differences = new ConcurrentBag<string>();

        Parallel.For(0, questions.Length * 100, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(8, Environment.ProcessorCount * 2) }, i =>
        {
            var question = questions[i % questions.Length];
            var actual = Fingerprint(Index.Search(question, MaxCandidates));
            if (actual != expected[question])
            {
                differences.Add($"'{question}': {actual} instead of {expected[question]}");
            }
        });

        Assert.Empty(differences);
    }

    private void AssertAnswers(string question, int expectedId)
    {
        var result = Index.Search(question, MaxCandidates);

        Assert.True(
            result.Best is { } best && best.Pair.Id == expectedId && best.Confidence >= Repository.AnsweringThreshold,
            $"'{question}' should be answered by {expectedId} with confidence >= {Repository.AnsweringThreshold}, "
            + $"but found {Describe(result)}; terms [{string.Join(' ', result.QueryTerms)}]");
    }

    private static string Describe(SearchResult result) =>
        result.Candidates.Count == 0
            ? "nothing"
            : string.Join(", ", result.Candidates.Take(3).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Pair.Id} ({c.Confidence:0.000})")));

    private static string Fingerprint(SearchResult result) =>
        string.Join(
            ";",
            result.Candidates.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Pair.Id}:{c.Confidence:R}:{c.Score:R}")))
        + "|" + string.Join(' ', result.QueryTerms);
}
