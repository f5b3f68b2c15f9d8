using System.Text.RegularExpressions;
using CleanseBot.Answering;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Dialogs;

/// <summary>
/// Messages that describe warning signs are sent to a doctor before anything else; ordinary questions that only
/// mention a product, acne or a treatment are answered as usual.
/// </summary>
public sealed partial class RedFlagTests
{
    private const string GeneralInformation = "For general information only, here is what the guide says: ";

    /// <summary>A message describing a warning sign, and who the first sentence of the reply must send the person to.</summary>
    public static TheoryData<string, string> WarningSigns() => new()
    {
        // Infection with a fever: urgent care today.
        { "I squeezed a pimple and now it's full of pus and I have a fever", "urgent care" },
        { "the spot on my chin is infected and I've got chills", "urgent care" },
        { "the redness around my extraction is spreading and I have a temperature", "urgent care" },

        // Swelling of the throat, tongue or lips, or trouble breathing: an emergency.
        { "my lips started swelling after a face mask", "emergency" },
        { "I can't breathe properly after using a new serum", "emergency" },
        { "my throat feels like it's closing after a facial", "emergency" },

        // A product in the eye that hurts or blurs vision.
        { "I got toner in my eye and my vision is blurry", "urgent care" },
        { "some cleanser went in my eyes and it really hurts", "urgent care" },

        // Warning words misspelled, as someone worried types them.
        { "theres puss coming out of the spot i popped and i have a fevor", "urgent care" },
        { "my eyelids went all swolen after the new eye cream", "doctor" },
        { "got blistrs on my chin after the peel", "doctor" },
        { "i think the pore i squeezed is infeckted", "doctor" },

        // Crusting and tingling: an infection, and an allergic reaction starting.
        { "the spot I picked has a honey coloured crust on it now", "doctor" },
        { "after squeezing, it's crusted over and yellow", "doctor" },
        { "my lips feel tingly and numb since I used the new scrub", "doctor" },

        // Signs of infection without a fever.
        { "my extraction spot is oozing and warm to the touch", "doctor" },
        { "there's pus coming out of the pore I squeezed", "doctor" },

        // An allergic reaction.
        { "I broke out in hives after the facial", "doctor" },
        { "my cheeks are swollen since I tried a new mask", "doctor" },
        { "I think I'm having an allergic reaction to my new toner", "doctor" },

        // Burns, blisters, raw skin.
        { "I have blisters after a glycolic peel", "doctor" },
        { "I got a chemical burn from a peel at the salon", "doctor" },
        { "I got a sunburn and now it has blisters", "doctor" },

        // A mole or spot that changes, bleeds or does not heal.
        { "I have a mole that is changing shape", "dermatologist" },
        { "my mole started bleeding", "dermatologist" },
        { "I have a sore on my cheek that won't heal", "dermatologist" },

        // A lump that hurts or grows.
        { "I have a painful lump under my jaw", "doctor" },
        { "there's a hard bump that keeps getting bigger on my cheek", "doctor" },

        // Isotretinoin.
        { "can I get a facial while on accutane", "dermatologist" },
        { "I'm taking isotretinoin, can I use a pore strip", "dermatologist" },
        { "my doctor put me on isotretinon last month, can I still get extractions", "dermatologist" },
        { "been on acutane a few weeks, is a clay mask ok", "dermatologist" },

        // Pregnancy or breastfeeding with retinoids or acids.
        { "I'm pregnant, can I use a salicylic acid cleanser?", "doctor" },
        { "is a retinol serum safe while breastfeeding", "doctor" },
        { "i think im pregnent, should i stop my retinol", "doctor" },
        { "im pregnat, can i still get a glycolic peel", "doctor" },
        { "is a salicylic toner ok while breastfeading", "doctor" },
        { "we're expecting our second baby, is my glycolic toner still ok", "doctor" },
        { "im expecting, can i carry on with my retinol", "doctor" },

        // A child.
        { "can my 10 year old use a pore cleanser", "pediatrician" },
        { "my 8 year old has blackheads on her nose, what cleanser should she use", "pediatrician" },
        { "is deep cleansing safe for kids", "pediatrician" },
        { "my daughter is nine and has blackheads, can she use pore strips", "pediatrician" },
        { "my daughter's in grade 2 and has little bumps on her nose, can she use my toner", "pediatrician" },
        { "he's in kindergarten and wants to use my face scrub like mummy", "pediatrician" },
        { "my 10-month-old has tiny white spots on his cheeks, would a gentle cleanser clear them", "pediatrician" },
        { "is a clay mask ok on my 7 yr olds forehead", "pediatrician" },
        { "my 8yo keeps asking to use my pore strips", "pediatrician" },
        { "my kids want to try my face scrub, is it ok", "pediatrician" },

        // Severe or cystic acne.
        { "I have cystic acne on my chin, will deep cleansing help", "dermatologist" },
        { "my acne is getting worse and painful", "dermatologist" },
        { "I have huge painful pimples that won't go away", "dermatologist" },

        // Scarring.
        { "can a facial help my acne scars", "dermatologist" },
        { "I have ice pick scars, can microdermabrasion help", "dermatologist" },
    };

    public static TheoryData<string> WarningSignMessages() => [.. WarningSigns().Select(row => (string)row[0])];

    [Theory]
    [MemberData(nameof(WarningSigns))]
    public async Task Opens_with_who_to_see_when_a_message_describes_a_warning_sign(string message, string whoToSee)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.RedFlag, reply.Decision.Kind);
        var firstSentence = FirstSentence().Match(reply.Text).Value;
        Assert.True(
            firstSentence.Contains(whoToSee, StringComparison.OrdinalIgnoreCase),
            $"Expected the first sentence to send the person to: {whoToSee}. The reply was:\n{reply.Text}");
    }

    [Theory]
    [MemberData(nameof(WarningSignMessages))]
    public async Task Ends_a_warning_with_the_safety_nudge(string message)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.RedFlag, reply.Decision.Kind);
        Assert.EndsWith($"\n\n{RealBot.Options.SafetyNudge}", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WarningSignMessages))]
    public async Task Never_gives_a_dose_in_a_warning(string message)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.RedFlag, reply.Decision.Kind);
        Assert.DoesNotContain("%", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch(Milligrams(), reply.Text);
    }

    [Theory]
    [InlineData("I'm pregnant, can I use a salicylic acid cleanser?", 402)]
    [InlineData("is a retinol serum safe while breastfeeding", 412)]
    [InlineData("I'm on accutane, can I still get a chemical peel?", 603)]
    public async Task Gives_what_the_guide_says_only_after_the_warning(string message, int pairId)
    {
        var pair = RealBot.Pair(pairId);

        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.RedFlag, reply.Decision.Kind);
        var text = reply.Text;
        var warningEnd = text.IndexOf("\n\n", StringComparison.Ordinal);
        var warning = text[..warningEnd];
        Assert.Matches(WhoToSee(), warning);
        Assert.DoesNotContain(pair.Body, warning, StringComparison.Ordinal);
        Assert.Equal(warningEnd + 2, text.IndexOf(GeneralInformation + pair.Body, StringComparison.Ordinal));
        Assert.Contains($"\n\n{Expect.SectionLine(pair)}\n\n", text, StringComparison.Ordinal);
        Assert.EndsWith(RealBot.Options.SafetyNudge, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("is salicylic acid good for blackheads")]
    [InlineData("can deep cleansing help hormonal acne")]
    [InlineData("does steam open pores")]
    [InlineData("does a clay mask help with acne")]
    [InlineData("does retinol help with pores")]
    public async Task Answers_an_ordinary_question_that_mentions_a_product_or_acne_without_a_warning(string message)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.Answer, reply.Decision.Kind);
        Expect.AnswerOf(reply.Decision.Pair!.Id, reply.Activity);
    }

    // A teenager is no young child. Whether the guide's passage on salicylic acid answers it is the answerability
    // model's call: since it learned from train-9 as well it refuses this one (0.15 against 0.2), the price of refusing
    // more of what the guide does not cover (evaluation/README.md).
    [Fact]
    public async Task Does_not_send_a_product_question_about_a_teenager_to_a_doctor()
    {
        var reply = await DialogConversation.FirstMessageAsync("is a salicylic acid cleanser ok for my teenage son");

        Assert.NotEqual(DecisionKind.RedFlag, reply.Decision.Kind);
        Assert.Null(reply.Decision.RedFlag);
    }

    // A sunburn is not a warning sign by itself (blisters are, above); the guide has nothing on treating one.
    [Fact]
    public async Task Says_the_guide_does_not_cover_soothing_a_sunburn_rather_than_raising_an_alarm()
    {
        var reply = await DialogConversation.FirstMessageAsync("what helps sunburn");

        Assert.Equal(DecisionKind.NotCovered, reply.Decision.Kind);
        Expect.NotCovered(reply.Activity);
    }

    [Theory]
    [InlineData("is it ok to use baby oil to remove makeup")]
    [InlineData("should I boil the water for a facial steam")]
    [InlineData("I'm scared of getting my first facial")]
    [InlineData("can vitamin C fade dark spots and even out my skin colour")]
    [InlineData("my lips feel tight and dry after washing my face")]
    [InlineData("are the tiny bumps on my forehead hard to get rid of")]
    [InlineData("I fear my blackheads will never go away")]
    [InlineData("is it normal for a toner to make my skin tingle")]
    [InlineData("my mouth is dry, does that matter for my skin")]
    [InlineData("what should I look for in a pore cleanser for my daughter who is 15")]
    [InlineData("my son is in year 10 and gets blackheads, which cleanser is best")]
    [InlineData("I've had blackheads since I was in primary school")]
    [InlineData("how do I stop razor burn on my neck after shaving")]
    [InlineData("my kids bought me a facial voucher for christmas, how should I get ready for it")]
    [InlineData("with three kids under ten I barely get five minutes, is cleansing twice a week enough")]
    [InlineData("I'm expecting results after a month, how long does deep cleansing take to work")]
    [InlineData("I never know which serum to pick, there are fewer good ones than I thought")]
    public async Task Does_not_send_an_ordinary_question_to_a_doctor_for_one_alarming_looking_word(string message)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.True(
            reply.Decision.Kind != DecisionKind.RedFlag,
            $"\"{message}\" was taken for the warning sign {reply.Decision.RedFlag?.Kind}; the reply was:\n{reply.Text}");
    }

    // The rules read concepts, and can read one where there is none: a water temperature as a fever, a question about
    // whether steam burns as a burn. The learned model, which reads the whole message, overrules a referral about an
    // area when it is almost sure the message is calm (Answering:WarningSignVeto).
    [Theory]
    [InlineData("how hot should the water be, my skin runs a temperature easily in summer")]
    [InlineData("will the steamer thingy at the salon give me a burn if i have sensitve skin")]
    public async Task Decides_as_an_ordinary_question_one_that_a_rule_misreads_when_the_model_reads_it_as_calm(string message)
    {
        var vetoed = await DialogConversation.FirstMessageAsync(message);
        var rulesAlone = await new DialogConversation(RealBot.OptionsWith(static options => options.WarningSignVeto = 0)).SendAsync(message);

        Assert.Equal(DecisionKind.RedFlag, rulesAlone.Decision.Kind);
        Assert.Contains(vetoed.Decision.Kind, (DecisionKind[])[DecisionKind.Answer, DecisionKind.DidYouMean, DecisionKind.NotCovered]);
    }

    // Who the person is (a child, a pregnancy, isotretinoin) is never overruled: that referral is followed by what the
    // guide says, so a needless one costs a sentence, and a missed one costs the advice. Nor is an emergency: the veto
    // was measured on few of them, and a missed one costs most of all.
    [Theory]
    [InlineData("is deep cleansing safe for kids", RedFlagKind.Child)]
    [InlineData("my lips are swelling up after the mask", RedFlagKind.BreathingOrThroat)]
    [InlineData("some of the peel got in my eye and now everything is blurry", RedFlagKind.EyeInjury)]
    public async Task Never_overrules_a_referral_about_who_the_person_is_or_an_emergency(string message, RedFlagKind kind)
    {
        var reply = await new DialogConversation(Overruling).SendAsync(message);

        Assert.Equal(DecisionKind.RedFlag, reply.Decision.Kind);
        Assert.Equal(kind, reply.Decision.RedFlag!.Kind);
    }

    // The veto was measured on messages read alone; a sign told over two messages keeps its referral.
    [Fact]
    public async Task Never_overrules_a_sign_told_over_two_messages()
    {
        var conversation = new DialogConversation(Overruling);
        await conversation.SendAsync("had a facial yesterday and my forehead feels tender");

        var reply = await conversation.SendAsync("now I am getting chills and my whole forehead is pink");

        Assert.Equal(DecisionKind.RedFlag, reply.Decision.Kind);
    }

    // A veto that would overrule nearly every rule it may, below a threshold that leaves the rules alone otherwise.
    private static AnsweringOptions Overruling => RealBot.OptionsWith(static options => (options.WarningSignThreshold, options.WarningSignVeto) = (1, 0.99));

    // Up to the first full stop, question or exclamation mark that ends a sentence.
    [GeneratedRegex(@"^.+?[.!?](?=\s|$)", RegexOptions.Singleline)]
    private static partial Regex FirstSentence();

    [GeneratedRegex(@"\b(doctor|dermatologist|pediatrician|urgent care|emergency)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WhoToSee();

    [GeneratedRegex(@"\d\s*mg\b|\bmg\b", RegexOptions.IgnoreCase)]
    private static partial Regex Milligrams();
}
