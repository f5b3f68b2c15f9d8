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
        new(RedFlagKind.InfectionWithFever, InfectionWithFever(),
            "What you describe, signs of infection together with a fever or fast-spreading redness, needs a doctor today: " +
            "please go to urgent care or see your doctor straight away. Don't squeeze, extract or treat the area yourself."),
        new(RedFlagKind.BreathingOrThroat, BreathingOrThroat(),
            "Swelling of the lips, tongue or throat, or trouble breathing, is an emergency: call your local emergency number now."),
        new(RedFlagKind.EyeInjury, EyeInjury(),
            "A product in the eye with blurred vision, pain or redness that doesn't settle needs medical care now: rinse the eye " +
            "gently with clean lukewarm water for 15 minutes and go to urgent care or an eye emergency service."),
        new(RedFlagKind.Infection, Infection(),
            "Pus, heat, or redness that is spreading can be signs of infection. Please see a doctor or dermatologist promptly, " +
            "and don't squeeze, extract or apply active products to the area in the meantime. If you get a fever, go to urgent care."),
        new(RedFlagKind.AllergicReaction, AllergicReaction(),
            "Swelling or hives after a product, peel or facial can be an allergic reaction. Stop using the product and see a doctor " +
            "or dermatologist promptly; if your lips, tongue or throat swell or breathing gets hard, call emergency services."),
        new(RedFlagKind.BurnOrBlister, BurnOrBlister(),
            "Burns, blisters or raw skin after a peel, laser, product or treatment need a doctor or dermatologist's care. " +
            "Please get them seen promptly and stop all active products on that area until then."),
        new(RedFlagKind.ChangingSpot, ChangingSpot(),
            "A mole or spot that is new, changing, bleeding or not healing should be checked by a dermatologist or doctor soon. " +
            "Please book an appointment, and don't try to remove or treat it yourself."),
        new(RedFlagKind.Lump, Lump(),
            "A lump that hurts or keeps growing should be examined by a doctor or dermatologist. Please have it checked promptly " +
            "rather than trying to extract or treat it at home."),
        new(RedFlagKind.Isotretinoin, Isotretinoin(),
            "Isotretinoin (Accutane and similar) changes what your skin can safely take: facials, extractions, peels, waxing and " +
            "exfoliating acids may not be safe while on it or for months after. Please ask the dermatologist who prescribes it first."),
        new(RedFlagKind.PregnancyOrBreastfeeding, PregnancyOrBreastfeeding(),
            "During pregnancy or breastfeeding some skincare ingredients, retinoids in particular and some acids, are best avoided. " +
            "Please check with your doctor, midwife or dermatologist before starting or continuing any treatment."),
        new(RedFlagKind.Child, Child(),
            "Children's skin needs different care from adults'. Please ask a pediatrician or dermatologist before using deep " +
            "cleansing products, acids or treatments on a child."),
        new(RedFlagKind.SevereAcne, SevereAcne(),
            "Severe, painful or cystic acne is best treated by a dermatologist, who can prescribe what over-the-counter " +
            "products can't, and early treatment helps prevent scarring. Please book an appointment."),
        new(RedFlagKind.Scarring, Scarring(),
            "Scarring is best assessed by a dermatologist, who can tell which treatments suit your skin and scars. Please book an " +
            "appointment before trying procedures or strong products on them."),
    ];

    /// <summary>The first warning sign described in <paramref name="text"/>, most urgent first, or null.</summary>
    public static RedFlag? Detect(string text)
    {
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

    private const string InfectionSigns =
        @"\b(pus|pussy|oozing|ooze|weeping|infect\w*|abscess\w*|boils?|hot to the touch|warm to the touch|red streaks?|" +
        @"(redness|rash|red)\b[^.?!]{0,40}\bspread\w*|spread\w*[^.?!]{0,20}\b(redness|rash|red))\b";

    [GeneratedRegex($@"(?=.*{InfectionSigns})(?=.*\b(fever\w*|feverish|chills|temperature|spreading (fast|quickly|rapidly)))", Options | RegexOptions.Singleline)]
    private static partial Regex InfectionWithFever();

    [GeneratedRegex(@"\b(throat|tongue|lips?)\b[^.?!]{0,30}\b(swell\w*|swollen|tight\w*|closing)|\b(can'?t|cannot|hard to|trouble|difficulty|struggling to) breath\w*|\banaphyla\w*", Options)]
    private static partial Regex BreathingOrThroat();

    [GeneratedRegex(InfectionSigns, Options)]
    private static partial Regex Infection();

    [GeneratedRegex(@"\b(hives|welts|allergic reaction|allergy attack|(face|eyes?|eyelids?|cheeks?|skin)\b[^.?!]{0,25}\b(swell\w*|swollen|puff(ed|y) up)|(swell\w*|swollen)\b[^.?!]{0,40}\b(after|since|from)\b)", Options)]
    private static partial Regex AllergicReaction();

    [GeneratedRegex(@"\b(burn(s|ed|t)?|chemical burn|blister\w*|raw skin|skin (is )?(raw|peeling off in sheets)|open wound)\b", Options)]
    private static partial Regex BurnOrBlister();

    [GeneratedRegex(@"\b(melanoma|skin cancer|(mole|birthmark|freckle|dark spot)s?\b[^.?!]{0,40}\b(chang\w*|grow\w*|bigger|bleed\w*|itch\w*|irregular|new|colou?r)|(chang\w*|growing|bleeding|itchy|new|irregular)\b[^.?!]{0,15}\bmoles?|(spot|sore|patch|bump|scab|lesion)s?\b[^.?!]{0,40}\b(keeps? bleeding|bleeds|(won'?t|doesn'?t|hasn'?t|never|not) heal\w*|crust\w*))\b", Options)]
    private static partial Regex ChangingSpot();

    [GeneratedRegex(@"\b(in|into)\s+(my|her|his|their|the)\s+eyes?\b[^.?!]{0,60}\b(blurr?y|blurred|vision|can'?t see|hurts?|pain\w*|burn\w*|sting\w*)|\b(blurr?y|blurred) vision\b", Options)]
    private static partial Regex EyeInjury();

    [GeneratedRegex(@"\b(lump|bump|nodule|growth|knot|mass)s?\b[^.?!]{0,40}\b(pain\w*|hurts?|hurting|sore|tender|growing|getting bigger|bigger|hard)\b|\b(painful|growing|hard)\b[^.?!]{0,15}\b(lump|bump|nodule|growth|knot)s?\b", Options)]
    private static partial Regex Lump();

    [GeneratedRegex(@"\b(isotretinoin|accutane|roaccutane|absorica|claravis|amnesteem|myorisan|zenatane)\b", Options)]
    private static partial Regex Isotretinoin();

    [GeneratedRegex(@"\b(pregnan\w*|expecting a baby|breast ?feed\w*|breast-feed\w*|nursing (mom|mum|mother)|trying to conceive|ttc)\b", Options)]
    private static partial Regex PregnancyOrBreastfeeding();

    [GeneratedRegex(@"\b(my|our|a|her|his)\s+(\d|1[0-2]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[- ]?(year|yr)s?[- ]?old\b|\b(\d|1[0-2])[- ]?(year|yr)s?[- ]?old\b|\b(toddler|infant|baby|child|children|kids?|preteen|pre-teen)('s)?\b", Options)]
    private static partial Regex Child();

    [GeneratedRegex(@"\b(cystic|nodular|severe|painful|deep|bad|terrible|awful|horrible|huge|extreme)\s+(acne|pimples?|zits?|breakouts?|cysts?)\b|\bacne cysts?\b|\b(acne|breakouts?)\b[^.?!]{0,30}\b(severe|cystic|painful|out of control|all over|won'?t go away|getting worse)\b", Options)]
    private static partial Regex SevereAcne();

    [GeneratedRegex(@"\b(scar\w*|pitted|pock ?marks?|ice ?pick|keloids?)\b", Options)]
    private static partial Regex Scarring();
}

/// <summary>A kind of warning sign, and what to tell the person first.</summary>
internal sealed record RedFlag(RedFlagKind Kind, Regex Pattern, string Advice);

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
