using System.Text.RegularExpressions;

namespace CleanseBot.Dialogs;

/// <summary>
/// Recognises messages that describe warning signs, where general skincare information must wait until a
/// doctor or dermatologist has seen the person. Patterns err towards flagging: sending someone to a
/// dermatologist needlessly costs little, missing an infection costs a lot. Nothing here diagnoses or doses.
/// </summary>
internal static partial class RedFlags
{
    private static readonly RedFlag[] Flags =
    [
        new(RedFlagKind.InfectionWithFever, InfectionWithFever(), Urgent: true,
            "Please go to urgent care or see a doctor today: signs of infection together with a fever or fast-spreading redness " +
            "need medical care straight away. Don't squeeze, extract or treat the area yourself."),
        new(RedFlagKind.BreathingOrThroat, BreathingOrThroat(), Urgent: true,
            "Please call your local emergency number now: swelling of the lips, tongue or throat, or trouble breathing, is an emergency."),
        new(RedFlagKind.EyeInjury, EyeInjury(), Urgent: true,
            "Please get medical care now, at urgent care or an eye emergency service: a product in the eye with blurred vision, " +
            "pain or redness that doesn't settle needs a doctor. Rinse the eye gently with clean lukewarm water on the way."),
        new(RedFlagKind.Infection, Infection(), Urgent: false,
            "Please see a doctor or dermatologist promptly: pus, heat or spreading redness can be signs of infection. " +
            "Don't squeeze, extract or apply active products to the area in the meantime, and if you get a fever, go to urgent care."),
        new(RedFlagKind.AllergicReaction, AllergicReaction(), Urgent: false,
            "Please stop using the product and see a doctor or dermatologist promptly: swelling or hives after a product, peel or " +
            "facial can be an allergic reaction. If your lips, tongue or throat swell or breathing gets hard, call emergency services."),
        new(RedFlagKind.BurnOrBlister, BurnOrBlister(), Urgent: false,
            "Please have a doctor or dermatologist see your skin promptly: burns, blisters or raw skin after a peel, laser, product " +
            "or treatment need medical care. Stop all active products on that area until then."),
        new(RedFlagKind.ChangingSpot, ChangingSpot(), Urgent: false,
            "Please have a dermatologist or doctor check it soon: a mole or spot that is new, changing, bleeding or not healing " +
            "needs a professional look. Don't try to remove or treat it yourself."),
        new(RedFlagKind.Lump, Lump(), Urgent: false,
            "Please have a doctor or dermatologist examine it promptly: a lump that hurts or keeps growing needs a professional " +
            "look, not extraction or treatment at home."),
        new(RedFlagKind.Isotretinoin, Isotretinoin(), Urgent: false,
            "Please ask the dermatologist who prescribes your isotretinoin (Accutane and similar) first: facials, extractions, peels, " +
            "waxing and exfoliating acids may not be safe while you take it or for months after."),
        new(RedFlagKind.PregnancyOrBreastfeeding, PregnancyOrBreastfeeding(), Urgent: false,
            "Please check with your doctor, midwife or dermatologist before starting or continuing any treatment: during pregnancy " +
            "or breastfeeding some skincare ingredients, retinoids in particular and some acids, are best avoided."),
        new(RedFlagKind.Child, Child(), Urgent: false,
            "Please ask a pediatrician or dermatologist before using deep cleansing products, acids or treatments on a child: " +
            "children's skin needs different care from adults'."),
        new(RedFlagKind.SevereAcne, SevereAcne(), Urgent: false,
            "Please book an appointment with a dermatologist: severe, painful or cystic acne is best treated by one, who can " +
            "prescribe what over-the-counter products can't, and early treatment helps prevent scarring."),
        new(RedFlagKind.Scarring, Scarring(), Urgent: false,
            "Please see a dermatologist before trying procedures or strong products on scars: they can tell which treatments " +
            "suit your skin and scars."),
    ];

    /// <summary>The first warning sign described in <paramref name="text"/>, most urgent first, or null.</summary>
    public static RedFlag? Detect(string text)
    {
        text = WarningWordSpelling.Correct(text);
        foreach (var flag in Flags)
        {
            if (flag.Pattern.IsMatch(text))
            {
                return flag;
            }
        }

        return null;
    }

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // The short warning words as people misspell them too: someone worried types fast ("swolen", "puss", "infeckted",
    // "blistrs", "fevor"), and a missed warning costs far more than a needless referral. Long, rare ones (drug names,
    // "pregnant") are read right before the patterns run (WarningWordSpelling).
    private const string Swelling = @"(swel\w*|swoll?[aeo]n\w*)";
    private const string Pus = "(pus|puss)";
    private const string Infected = @"infe[ck]*t\w*";
    private const string Blister = @"bli+s+te?r\w*";

    // Twelve or younger, in digits or words.
    private const string ChildAge = @"(\d|1[0-2]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";

    // A school year that holds children of twelve or younger: year or grade 1 to 7, nursery to primary school.
    private const string ChildSchoolYear =
        @"(in\s+(year|yr|grade|class|p)\s*([1-7]|one|two|three|four|five|six|seven)\b|in\s+(the\s+)?(1st|2nd|3rd|[4-7]th|first|second|third|fourth|fifth|sixth|seventh)\s+grade|" +
        @"in\s+(kindergarten|preschool|pre-school|nursery|reception|primary|elementary|grade school|junior school))";

    // Children as who the question is about: something for or on them, their skin, what they have or want. Children
    // named in passing ("a birthday treat from my kids", "I have two kids under five and no time") say nothing of
    // the child's skin.
    private const string ChildInQuestion =
        @"\b(for|on|to|can|could|should|do|does|are|is|would|will|let|letting|help|helping)\s+((a|an|my|our|the|your|young|little|small)\s+){0,2}(kids?|child|children)\b|" +
        @"\b(kids?|child|children)('s|s'|s)?\s+(skin|face|faces|pores?|nose|noses|cheeks?|acne|spots|pimples|blackheads|bumps)\b|" +
        @"\b(kids?|child|children)\s+(has|have|had|got|gets?|with|keeps?|wants?|asks?|asked|tr(y|ies|ied)|uses?|used|are|is)\b";

    private const string Fever = @"(fe+v[eo]?r\w*|feaver\w*|chills|temperature|spreading (fast|quickly|rapidly))";

    private const string InfectionSigns =
        @"\b(" + Pus + "|" + Infected + @"|oozing|ooze|weeping|abscess\w*|absess\w*|" +
        @"(yellow\w*|honey\w*|golden)\b[^.?!]{0,20}\bcrust\w*|crust\w*\b[^.?!]{0,20}\b(yellow\w*|honey\w*)|" +
        @"(a|the|this|that) boil|boils (on|keep\w*|are)|boil on|boil (is|keeps)|hot to the touch|warm to the touch|red streaks?|" +
        @"(redness|rash|red)\b[^.?!]{0,40}\bspread\w*|spread\w*[^.?!]{0,20}\b(redness|rash|red))\b";

    // Anchored at the start: two lookaheads over the whole message match anywhere only if they match at its start,
    // and unanchored the engine retried them from every position, scanning the message once per character
    // (most of the time red flags took, about 30 µs of a 100-character message).
    [GeneratedRegex($@"\A(?=.*{InfectionSigns})(?=.*\b{Fever})", Options | RegexOptions.Singleline)]
    private static partial Regex InfectionWithFever();

    [GeneratedRegex(@"\bthroat\b[^.?!]{0,30}\b(" + Swelling + @"|tight\w*|closing)|\b(tongue|lips?)\b[^.?!]{0,30}\b" + Swelling + @"|\b(can'?t|cannot|hard to|trouble|difficulty|struggling to) breath\w*|\banaphyla\w*", Options)]
    private static partial Regex BreathingOrThroat();

    [GeneratedRegex(InfectionSigns, Options)]
    private static partial Regex Infection();

    // Tingling or numb lips or tongue after a product is an allergic reaction starting, even before any swelling.
    [GeneratedRegex(@"\b(hives|welts|allergic reaction|allergy attack|(face|eyes?|eyelids?|cheeks?|skin)\b[^.?!]{0,25}\b(" + Swelling + @"|puff(ed|y) up)|" + Swelling + @"\b[^.?!]{0,40}\b(after|since|from)|" +
        @"(lips?|tongue|mouth)\b[^.?!]{0,25}\b(tingl\w*|numb\w*|prickl\w*)|(tingl\w*|numb\w*)\b[^.?!]{0,25}\b(lips?|tongue|mouth))\b", Options)]
    private static partial Regex AllergicReaction();

    // "Razor burn" is the everyday name of shaving's irritation, not a burn.
    [GeneratedRegex(@"\b((?<!razor[- ])burn(s|ed|t)?|chemical burn|" + Blister + @"|raw skin|skin (is )?(raw|peeling off in sheets)|open wound)\b", Options)]
    private static partial Regex BurnOrBlister();

    [GeneratedRegex(@"\b(melanoma|skin cancer|(mole|birthmark|freckle)s?\b[^.?!]{0,40}\b(chang\w*|grow\w*|bigger|bleed\w*|itch\w*|irregular|new|darker)|(chang\w*|growing|bleeding|itchy|new|irregular)\b[^.?!]{0,15}\bmoles?|(spot|sore|patch|bump|scab|lesion)s?\b[^.?!]{0,40}\b(keeps? bleeding|bleeds|(won'?t|doesn'?t|hasn'?t|never|not) heal\w*|crust\w*))\b", Options)]
    private static partial Regex ChangingSpot();

    [GeneratedRegex(@"\b(in|into)\s+(my|her|his|their|the)\s+eyes?\b[^.?!]{0,60}\b(blurr?y|blurred|vision|can'?t see|hurts?|pain\w*|burn\w*|sting\w*)|\b(blurr?y|blurred) vision\b", Options)]
    private static partial Regex EyeInjury();

    [GeneratedRegex(@"\b(lump|bump|nodule|growth|knot|mass)s?\b[^.?!]{0,40}\b(pain\w*|hurts?|hurting|sore|tender|growing|getting bigger|bigger|hard(?! to))\b|\b(painful|growing|hard)\b[^.?!]{0,15}\b(lump|bump|nodule|growth|knot)s?\b", Options)]
    private static partial Regex Lump();

    [GeneratedRegex(@"\b(isotretinoin|accutane|roaccutane|absorica|claravis|amnesteem|myorisan|zenatane)\b", Options)]
    private static partial Regex Isotretinoin();

    // "Expecting" says pregnant before a baby ("expecting my first baby") or alone after who is ("we're expecting!"),
    // not before what is expected ("I'm expecting results").
    [GeneratedRegex(@"\b(pregnan\w*|expecting\s+(\w+\s+){0,2}(baby|babies|twins|child|little one)|(i'?m|i am|we'?re|we are|she'?s|she is|wife is|partner is)\s+expecting(?=\s*([,.!?;]|$|(and|but|so|now)\b))|" +
        @"(mom|mum|mother)[- ]to[- ]be|trimester|breast ?feed\w*|breast-feed\w*|nursing (mom|mum|mother)|trying to conceive|ttc)\b", Options)]
    private static partial Regex PregnancyOrBreastfeeding();

    [GeneratedRegex(@"\b(my|our|a|her|his)\s+" + ChildAge + @"[- ]?(year|yr)s?[- ]?old(s|'s)?\b|\b(son|daughter|boy|girl|kid)\s+(is|is only|who is|aged?)\s+" + ChildAge + @"\b|\b(\d|1[0-2])[- ]?(year|yr)s?[- ]?old(s|'s)?\b|\b(\d|1[0-2])\s?(yo|y/o)\b|" +
        @"\b(toddler|infant|newborn|preteen|pre-teen)s?('s)?\b|\b(my|our|her|his|your|a|the)\s+(kid|child)\b|\bmy baby\b|" + ChildInQuestion + "|" +
        @"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty)[- ]?(month|week)s?[- ]?old\b|" +
        @"\b(son|daughter|boy|girl|kid|he|she)('s|\s+is|\s+is\s+only|\s+who\s+is)?\s+" + ChildSchoolYear, Options)]
    private static partial Regex Child();

    [GeneratedRegex(@"\b(cystic|nodular|severe|painful|deep|bad|terrible|awful|horrible|huge|extreme)\s+(acne|pimples?|zits?|breakouts?|cysts?)\b|\bacne cysts?\b|\b(acne|breakouts?)\b[^.?!]{0,30}\b(severe|cystic|painful|out of control|all over|won'?t go away|getting worse)\b", Options)]
    private static partial Regex SevereAcne();

    [GeneratedRegex(@"\b(scars?|scarring|scarred|pitted|pock ?marks?|ice ?pick|keloids?)\b", Options)]
    private static partial Regex Scarring();
}

/// <summary>
/// A kind of warning sign, and what to tell the person first. An urgent one (an emergency or urgent care) is
/// said alone: general skincare text after "call emergency services" would only distract.
/// </summary>
internal sealed record RedFlag(RedFlagKind Kind, Regex Pattern, bool Urgent, string Advice);

internal enum RedFlagKind
{
    InfectionWithFever,
    BreathingOrThroat,
    EyeInjury,
    Infection,
    AllergicReaction,
    BurnOrBlister,
    ChangingSpot,
    Lump,
    Isotretinoin,
    PregnancyOrBreastfeeding,
    Child,
    SevereAcne,
    Scarring,
}
