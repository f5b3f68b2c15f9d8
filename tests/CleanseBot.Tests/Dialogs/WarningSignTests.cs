using CleanseBot.Answering;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Dialogs;

/// <summary>
/// Warning signs are read as concepts (a place, a sign, the body, pain, time, who), however a worried person words
/// them, and the referral comes before anything else the bot might say. Each message here is worded unlike the
/// evaluation sets' and the warning-sign file's own examples, so a pass means the concept generalises.
/// </summary>
public sealed class WarningSignTests
{
    public static TheoryData<string, string> OneMessagePerConcept() => new()
    {
        // Discharge, heat with swelling and crusting at a place or a treated area.
        { "thick yellowish muck is weeping from where the beautician squeezed", nameof(RedFlagKind.Infection) },
        { "the zit she popped has gone puffy and warm", nameof(RedFlagKind.Infection) },
        { "it scabbed over with a crust and keeps oozing clear fluid", nameof(RedFlagKind.Infection) },
        { "the hot, hard bump on my chin grows every day", nameof(RedFlagKind.Infection) },

        // A sign on the skin with a sign in the body, or an infection spreading along red lines: urgent.
        { "my extraction site is leaking and I've got the shivers", nameof(RedFlagKind.InfectionWithFever) },
        { "the blemish she lanced is swollen and since lunch I've been woozy and wiped out", nameof(RedFlagKind.InfectionWithFever) },
        { "the redness round the pimple crept over my whole cheek within two hours", nameof(RedFlagKind.InfectionWithFever) },
        { "a red line is running from the spot up towards my ear", nameof(RedFlagKind.InfectionWithFever) },

        // The airway and the eye: urgent.
        { "after the mask my lips are getting fat and it's hard to swallow", nameof(RedFlagKind.BreathingOrThroat) },
        { "peel solution went in my eye and it really hurts", nameof(RedFlagKind.EyeInjury) },
        { "woke up and my left eye has puffed shut", nameof(RedFlagKind.EyeInjury) },
        { "the zit under my brow is hot and now there is swelling around my eye", nameof(RedFlagKind.InfectionWithFever) },

        // What first aid cannot settle, or a reaction reaching the whole body: urgent.
        { "came out in hives from the new toner and now I'm light-headed and throwing up", nameof(RedFlagKind.SevereReaction) },
        { "the nick from the extraction tool has bled through three tissues in half an hour", nameof(RedFlagKind.HeavyBleeding) },
        { "the steamer scalded my jaw and the skin there has turned white and leathery", nameof(RedFlagKind.SevereBurn) },
        { "the acid left a patch on my chin that is chalky and stiff and I can't feel it", nameof(RedFlagKind.SevereBurn) },
        { "I rinsed the glycolic off under the tap for ages and it's still burning", nameof(RedFlagKind.SevereBurn) },
        { "my aunt is slurring her words and muddled since the facial", nameof(RedFlagKind.SevereReaction) },

        // Reactions to a product.
        { "my eyelids have puffed up since I tried the new serum", nameof(RedFlagKind.AllergicReaction) },
        { "my lips went numb after the clay mask", nameof(RedFlagKind.AllergicReaction) },

        // Skin broken, burnt or blistered; bleeding that goes on.
        { "the skin came off in big strips after my peel and underneath is red raw", nameof(RedFlagKind.BurnOrBlister) },
        { "the scrapes from microdermabrasion are still bleeding this evening", nameof(RedFlagKind.Wound) },

        // Pain beyond tenderness.
        { "the spot she extracted is throbbing and it kept me awake", nameof(RedFlagKind.SeverePain) },

        // Time: not healing, coming back, growing; a mole that changes.
        { "I have a sore by my nostril that keeps reopening", nameof(RedFlagKind.ChangingSpot) },
        { "my birthmark has gone darker and the border looks ragged", nameof(RedFlagKind.ChangingSpot) },
        { "there's a lump on my neck that keeps growing", nameof(RedFlagKind.Lump) },

        // Who: pregnancy and breastfeeding, a young child, isotretinoin.
        { "baby due in May, is my acid toner still ok", nameof(RedFlagKind.PregnancyOrBreastfeeding) },
        { "still breast feeding my son, can I have a glycolic peel", nameof(RedFlagKind.PregnancyOrBreastfeeding) },
        { "can I use a pore strip on my six year old", nameof(RedFlagKind.Child) },
        { "I'm on Absorica, can I get a facial", nameof(RedFlagKind.Isotretinoin) },

        // Severe acne and scars.
        { "big painful cysts all along my jaw, what should I wash with", nameof(RedFlagKind.SevereAcne) },
        { "what helps pitted acne scars", nameof(RedFlagKind.Scarring) },
    };

    [Theory]
    [MemberData(nameof(OneMessagePerConcept))]
    public async Task Refers_each_kind_of_warning_sign_however_it_is_worded(string message, string kind)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.RedFlag, reply.Decision.Kind);
        // The kind the rules read: the learned urgency reading may still raise the wording to the urgent one.
        Assert.Equal(kind, reply.Decision.RedFlag!.Sign?.Kind);
    }

    [Theory]
    [InlineData("theres yelow puss coming out and i feel feverrish", nameof(RedFlagKind.InfectionWithFever))]
    [InlineData("my eylids are swolen since the new eye serum", nameof(RedFlagKind.AllergicReaction))]
    [InlineData("got blistrs all over my forehead after the peel", nameof(RedFlagKind.BurnOrBlister))]
    [InlineData("on acutane, can i go for extractions", nameof(RedFlagKind.Isotretinoin))]
    [InlineData("im pregant can i use retinol", nameof(RedFlagKind.PregnancyOrBreastfeeding))]
    public async Task Reads_warning_words_typed_with_a_slip(string message, string kind)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        // The kind the rules read, whether or not the urgency reading raised the wording.
        Assert.Equal(kind, reply.Decision.RedFlag?.Sign?.Kind);
    }

    [Theory]
    [InlineData("my extraction site is leaking and I've got the shivers")]
    [InlineData("after the mask my lips are getting fat and it's hard to swallow")]
    [InlineData("peel solution went in my eye and it really hurts")]
    [InlineData("the nick from the extraction tool has bled through three tissues in half an hour")]
    [InlineData("the steamer scalded my jaw and the skin there has turned white and leathery")]
    [InlineData("came out in hives from the new toner and now I'm light-headed and throwing up")]
    public async Task Says_an_urgent_sign_alone_in_the_urgent_words(string message)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.True(reply.Decision.RedFlag!.Urgent);
        Assert.Null(reply.Decision.Pair);
        Assert.Matches("^Please (go to urgent care|call your local emergency number|get medical care now)", reply.Text);
        Assert.DoesNotContain("here is what the guide says", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("which toner should I put on the spot that's oozing after my facial")]
    [InlineData("is a clay mask good for the blisters the peel left on my chin")]
    [InlineData("what serum helps the raw patch the microdermabrasion left")]
    public async Task Gives_no_product_advice_for_an_area_a_doctor_must_see_first(string message)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.RedFlag, reply.Decision.Kind);
        Assert.Null(reply.Decision.Pair);
        Assert.DoesNotContain("From the guide", reply.Text, StringComparison.Ordinal);
        Assert.Empty(reply.Activity.SuggestedActions?.Actions ?? []);
    }

    [Fact]
    public async Task Refers_signs_that_no_rule_combines_when_the_learned_model_reads_them_as_a_warning()
    {
        const string message = "the zit I squeezed went angry red across my whole cheek";
        Assert.Null(RealBot.Knowledge.WarningSigns!.Match(message));

        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.RedFlag, reply.Decision.Kind);
        Assert.StartsWith("learned", reply.Decision.RedFlag!.Sign!.Rule, StringComparison.Ordinal);
        Assert.Contains("doctor", reply.Text, StringComparison.Ordinal);
        Assert.Null(reply.Decision.Pair);
    }

    [Fact]
    public async Task Refers_a_sign_the_learned_model_reads_even_when_the_guide_answers_its_words_clearly()
    {
        // The serum question alone is the guide's; the lump it goes on is for a doctor to see first.
        const string message = "can I keep using my vitamin c serum over a lump on my jaw?";
        Assert.Null(RealBot.Knowledge.WarningSigns!.Match(message));
        Assert.True(RealBot.Index.Search(message, 3).Best!.Confidence >= RealBot.Options.ClearConfidence);

        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.RedFlag, reply.Decision.Kind);
        Assert.StartsWith("learned", reply.Decision.RedFlag!.Sign!.Rule, StringComparison.Ordinal);
        Assert.Null(reply.Decision.Pair);
    }

    [Fact]
    public async Task Refers_a_sign_told_in_words_the_warning_sign_file_lacks_through_the_words_the_model_learned()
    {
        // "soggy" and "crud" are no word of the file: the concepts alone (a scab, on the cheek, that keeps on) are no sign.
        const string message = "the scab on my cheek keeps going soggy and there is yellow crud under it";
        Assert.Null(RealBot.Knowledge.WarningSigns!.Match(message));

        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.RedFlag, reply.Decision.Kind);
        Assert.StartsWith("learned", reply.Decision.RedFlag!.Sign!.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gives_the_urgent_wording_when_the_learned_urgency_reading_finds_a_sign_urgent_that_its_rule_does_not()
    {
        // Hives are an allergic reaction by the file's rules, which is not urgent; the tongue touched with them is.
        const string message = "hives all over my neck after the peel and my tongue feels weird";
        Assert.False(RedFlags.For(RealBot.Knowledge.WarningSigns!.Match(message)!).Urgent);

        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.RedFlag, reply.Decision.Kind);
        Assert.True(reply.Decision.RedFlag!.Urgent);
        Assert.Contains("urgent, learned", reply.Decision.RedFlag.Sign!.Rule, StringComparison.Ordinal);
        Assert.Contains("urgent care", reply.Text, StringComparison.Ordinal);
        Assert.Null(reply.Decision.Pair);
    }

    [Theory]
    [InlineData("a little scab on my cheek keeps coming back in the same place for months")]
    // Bleeding now and then from a sore that won't heal is for a dermatologist soon; bleeding going on now is not.
    [InlineData("a sore by my nostril bleeds a little every time I wash, it has done for months")]
    public async Task Keeps_the_calm_wording_for_a_sign_that_can_wait(string message)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.RedFlag, reply.Decision.Kind);
        Assert.False(reply.Decision.RedFlag!.Urgent);
    }

    [Fact]
    public async Task Reads_a_sign_told_over_two_messages_as_one()
    {
        var conversation = new DialogConversation();
        var first = await conversation.SendAsync("had a facial yesterday and my forehead feels tender");
        Assert.NotEqual(DecisionKind.RedFlag, first.Decision.Kind);

        var reply = await conversation.SendAsync("now I am getting chills and my whole forehead is pink");

        Assert.Equal(DecisionKind.RedFlag, reply.Decision.Kind);
        Assert.True(reply.Decision.RedFlag!.Urgent);
        Assert.Contains(reply.Decision.RedFlag.Sign!.Concepts, concept => concept.EndsWith("(the message before)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Does_not_refer_again_a_calm_question_after_a_referral()
    {
        var conversation = new DialogConversation();
        var first = await conversation.SendAsync("the spot she extracted on my forehead is hot and swollen and I feel shivery");
        Assert.Equal(DecisionKind.RedFlag, first.Decision.Kind);

        var reply = await conversation.SendAsync("thanks, which cleanser once it has healed?");

        Assert.NotEqual(DecisionKind.RedFlag, reply.Decision.Kind);
    }

    [Fact]
    public async Task Refers_a_warning_sign_that_comes_later_in_a_conversation_rather_than_reading_it_as_a_follow_up()
    {
        var conversation = new DialogConversation();
        var answer = await conversation.SendAsync("can deep cleansing stop me breaking out");
        Assert.Equal(DecisionKind.Answer, answer.Decision.Kind);

        var reply = await conversation.SendAsync("my pimple is hot swollen and spreading");

        Assert.Equal(DecisionKind.RedFlag, reply.Decision.Kind);
    }

    [Fact]
    public async Task Refers_a_warning_sign_in_a_message_too_long_to_answer()
    {
        var story = string.Concat(Enumerable.Repeat("I have been trying lots of products for my pores this year. ", 25));

        var reply = await DialogConversation.FirstMessageAsync(story + "Now the spot on my cheek is leaking pus and I feel shivery.");

        Assert.True(story.Length > RealBot.Options.MaxMessageLength);
        Assert.Equal(nameof(RedFlagKind.InfectionWithFever), reply.Decision.RedFlag?.Kind.ToString());
    }

    [Theory]
    [InlineData("help, my lips are swelling up after the mask")]
    [InlineData("hi, the spot she squeezed is oozing yellow stuff")]
    public async Task Refers_a_warning_sign_before_small_talk(string message)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.RedFlag, reply.Decision.Kind);
    }

    // The calm questions the issue names, and others like them: alarming words, nothing happening that needs a doctor.
    [Theory]
    [InlineData("is a chemical peel safe?")]
    [InlineData("does the steam burn?")]
    [InlineData("extractions frighten me, do they hurt?")]
    [InlineData("my kids bought me a spa day, what should I expect")]
    [InlineData("I'm expecting results within a month, is that realistic")]
    [InlineData("after an exfoliating facial can I sit in the sun or will I burn more easily?")]
    [InlineData("how do I stop a spot getting infected after I squeeze it")]
    [InlineData("can at-home peels give you blisters?")]
    [InlineData("can a chemical peel leave a white burn?")]
    [InlineData("years ago a face cream gave me itchy red blotches, all fine since, can I have a facial?")]
    [InlineData("my pores look black like dots all over my face")]
    [InlineData("I rinse my face with water but my toner still burns a little")]
    [InlineData("my skin feels a bit tight after cleansing, is that normal")]
    [InlineData("no fever, no pus, just a little pink after my facial, is that ok")]
    [InlineData("I'm not pregnant or on any medication, which peel should I start with")]
    [InlineData("my daughter is 24 and wants to book a facial with me")]
    [InlineData("I'm a nurse on night shifts, how do I keep my pores clear under a mask")]
    [InlineData("what should I expect during my first facial with extractions")]
    [InlineData("does hot water open pores")]
    [InlineData("whats the best water tempature for washing my face, hot or luke warm?")]
    [InlineData("I'm burning out on my ten step routine, what's the minimum")]
    public async Task Answers_or_refuses_a_calm_question_without_raising_an_alarm(string message)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.True(
            reply.Decision.Kind != DecisionKind.RedFlag,
            $"\"{message}\" was referred as {reply.Decision.RedFlag?.Kind} ({string.Join("; ", reply.Decision.RedFlag?.Sign?.Concepts ?? [])}).");
    }

    [Fact]
    public void Every_kind_of_referral_in_the_knowledge_has_advice_of_its_own()
    {
        var kinds = RealBot.Knowledge.WarningSigns!.Kinds;

        Assert.NotEmpty(kinds);
        Assert.All(kinds, kind => Assert.True(RedFlags.Advises(kind), $"{kind} has no advice in RedFlags"));
    }

    // Every question of the knowledge is an ordinary question the guide answers. None may read as a sign that keeps
    // the guide's answer back (an emergency, or an area a doctor must see first); a question about who the person
    // is or about severe acne may still be referred, with the answer after the referral.
    [Fact]
    public async Task Keeps_back_the_answer_to_no_question_of_the_knowledge()
    {
        var withheld = new List<string>();
        foreach (var (pair, question) in RealBot.Questions())
        {
            var reply = await DialogConversation.FirstMessageAsync(question);
            if (reply.Decision.RedFlag is { } flag && (flag.Urgent || flag.AboutAnArea))
            {
                withheld.Add($"{pair.Id} \"{question}\": {flag.Kind} ({string.Join("; ", flag.Sign?.Concepts ?? [])})");
            }
        }

        Assert.True(withheld.Count == 0, string.Join("\n", withheld));
    }
}
