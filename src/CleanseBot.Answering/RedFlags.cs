using CleanseBot.Knowledge.Concepts;

namespace CleanseBot.Answering;

/// <summary>
/// What to tell a person first when their message describes a warning sign. Which messages do is read from the
/// knowledge (<c>knowledge/warning-signs.txt</c>, through <see cref="ConceptRules"/>); this says, for each kind of
/// referral, who to see, how soon, and what not to do meanwhile. Nothing here diagnoses or doses.
/// </summary>
internal static class RedFlags
{
    // A kind the warning-sign file names but this table does not (a content owner added one) still sends the person
    // to a doctor, in words that fit any sign.
    private static readonly RedFlag Unlisted = new(RedFlagKind.Other, Urgent: false, AboutAnArea: true,
        "Please see a doctor or dermatologist promptly about what you describe: it needs a professional look before any " +
        "skincare advice. Don't treat the area yourself in the meantime.");

    // A sign the learned urgency reading finds urgent whatever kind the rules made of it: the urgent words that fit
    // every kind, the airway and the eye included.
    private static readonly RedFlag Urgent = new(RedFlagKind.UrgentCare, Urgent: true, AboutAnArea: true,
        "Please go to urgent care or see a doctor today: what you describe can need medical care straight away. If your lips, " +
        "tongue or throat swell or breathing gets hard, call your local emergency number now; if it is your eye, rinse it gently " +
        "with clean lukewarm water on the way. Don't squeeze, extract or put products on the area meanwhile.");

    private static readonly Dictionary<RedFlagKind, RedFlag> Flags = new RedFlag[]
    {
        new(RedFlagKind.InfectionWithFever, Urgent: true, AboutAnArea: true,
            "Please go to urgent care or see a doctor today: signs of infection together with a fever, chills, feeling unwell, " +
            "fast-spreading redness, red lines running from the area or swelling spreading towards an eye need medical care " +
            "straight away. Don't squeeze, extract or treat the area yourself."),
        new(RedFlagKind.BreathingOrThroat, Urgent: true, AboutAnArea: true,
            "Please call your local emergency number now: swelling of the lips, tongue or throat, or trouble breathing or swallowing, is an emergency."),
        new(RedFlagKind.EyeInjury, Urgent: true, AboutAnArea: true,
            "Please get medical care now, at urgent care or an eye emergency service: a product in the eye with blurred vision, " +
            "pain or redness that doesn't settle, or an eye swelling shut, needs a doctor. If something went in it, rinse it " +
            "gently with clean lukewarm water on the way."),
        new(RedFlagKind.SevereReaction, Urgent: true, AboutAnArea: true,
            "Please call your local emergency number now: confusion, slurred speech or collapse, or feeling faint, dizzy or " +
            "sick together with hives or a reaction to a product, needs emergency care. If you carry an adrenaline " +
            "auto-injector for allergies, use it."),
        new(RedFlagKind.HeavyBleeding, Urgent: true, AboutAnArea: true,
            "Please go to urgent care or see a doctor today: bleeding that hasn't stopped after ten minutes of firm pressure " +
            "needs medical care. Keep pressing with clean gauze or a cloth on the way, and don't put products on it."),
        new(RedFlagKind.SevereBurn, Urgent: true, AboutAnArea: true,
            "Please go to urgent care or see a doctor today: a burn that looks white, grey or leathery, feels numb, keeps " +
            "burning after rinsing or covers a large area needs medical care straight away. Cool it under cool running water " +
            "for 20 minutes, and don't put creams, ice or products on it."),
        new(RedFlagKind.Infection, Urgent: false, AboutAnArea: true,
            "Please see a doctor or dermatologist promptly: pus, heat, swelling or spreading redness can be signs of infection. " +
            "Don't squeeze, extract or apply products to the area in the meantime, and if you get a fever or chills, go to urgent care."),
        new(RedFlagKind.AllergicReaction, Urgent: false, AboutAnArea: true,
            "Please stop using the product and see a doctor or dermatologist promptly: swelling, hives or numbness after a product, peel or " +
            "facial can be an allergic reaction. If your lips, tongue or throat swell or breathing gets hard, call emergency services."),
        new(RedFlagKind.BurnOrBlister, Urgent: false, AboutAnArea: true,
            "Please have a doctor or dermatologist see your skin promptly: burns, blisters, or raw skin coming away after a peel, laser, " +
            "product or treatment need medical care. Stop all products on that area until then."),
        new(RedFlagKind.Wound, Urgent: false, AboutAnArea: true,
            "Please see a doctor promptly: bleeding that won't stop, or a wound left by a treatment or extraction, needs medical care. " +
            "Press gently with clean gauze meanwhile, and don't put products on it."),
        new(RedFlagKind.SeverePain, Urgent: false, AboutAnArea: true,
            "Please see a doctor or dermatologist promptly: throbbing or severe pain at a spot or a treated area can mean an infection " +
            "or an injury under the skin. Don't squeeze or treat it yourself, and if you get a fever, go to urgent care."),
        new(RedFlagKind.ChangingSpot, Urgent: false, AboutAnArea: true,
            "Please have a dermatologist or doctor check it soon: a mole or spot that is new, changing, bleeding or not healing " +
            "needs a professional look. Don't try to remove or treat it yourself."),
        new(RedFlagKind.Lump, Urgent: false, AboutAnArea: true,
            "Please have a doctor or dermatologist examine it promptly: a lump that hurts or keeps growing needs a professional " +
            "look, not extraction or treatment at home."),
        new(RedFlagKind.Isotretinoin, Urgent: false, AboutAnArea: false,
            "Please ask the dermatologist who prescribes your isotretinoin (Accutane and similar) first: facials, extractions, peels, " +
            "waxing and exfoliating acids may not be safe while you take it or for months after."),
        new(RedFlagKind.PregnancyOrBreastfeeding, Urgent: false, AboutAnArea: false,
            "Please check with your doctor, midwife or dermatologist before starting or continuing any treatment: during pregnancy " +
            "or breastfeeding some skincare ingredients, retinoids in particular and some acids, are best avoided."),
        new(RedFlagKind.Child, Urgent: false, AboutAnArea: false,
            "Please ask a pediatrician or dermatologist before using deep cleansing products, acids or treatments on a child: " +
            "children's skin needs different care from adults'."),
        new(RedFlagKind.SevereAcne, Urgent: false, AboutAnArea: false,
            "Please book an appointment with a dermatologist: severe, painful or cystic acne is best treated by one, who can " +
            "prescribe what over-the-counter products can't, and early treatment helps prevent scarring."),
        new(RedFlagKind.Scarring, Urgent: false, AboutAnArea: false,
            "Please see a dermatologist before trying procedures or strong products on scars: they can tell which treatments " +
            "suit your skin and scars."),
    }.ToDictionary(static flag => flag.Kind);

    /// <summary>The kind of a referral made by the learned warning-sign model rather than a rule: the general advice.</summary>
    public const string LearnedKind = nameof(RedFlagKind.Other);

    /// <summary>The advice for the referral <paramref name="sign"/> called for.</summary>
    public static RedFlag For(ConceptMatch sign) => Listed(sign.Kind) is { } flag ? flag with { Sign = sign } : Unlisted with { Sign = sign };

    /// <summary>The urgent referral, for a sign read as urgent that <paramref name="sign"/>'s kind does not treat as one.</summary>
    public static RedFlag UrgentFor(ConceptMatch sign) => Urgent with { Sign = sign };

    /// <summary>
    /// Whether the learned model may overrule <paramref name="sign"/> when it reads the message as almost surely calm
    /// (Answering:WarningSignVeto): only a referral about an area, which withholds the guide's answer, of a kind this
    /// table knows. Never who the person is (the guide's answer follows that referral anyway), never an emergency (the
    /// airway, the eye, a severe reaction), and never a kind a content owner added since the model learned.
    /// </summary>
    public static bool MayBeOverruled(ConceptMatch sign) =>
        Listed(sign.Kind) is { AboutAnArea: true, Kind: not (RedFlagKind.BreathingOrThroat or RedFlagKind.EyeInjury or RedFlagKind.SevereReaction) };

    /// <summary>Whether the referral kind <paramref name="kind"/> has advice of its own here.</summary>
    public static bool Advises(string kind) => Listed(kind) is not null;

    // The table's referral for a kind the warning-sign file names, or null for one it does not list.
    private static RedFlag? Listed(string kind) =>
        Enum.TryParse<RedFlagKind>(kind, ignoreCase: false, out var parsed) && Flags.TryGetValue(parsed, out var flag) ? flag : null;
}

/// <summary>
/// A kind of warning sign, and what to tell the person first. An urgent one (an emergency or urgent care) is said
/// alone: general skincare text after "call emergency services" would only distract. One about an area (a spot, a
/// burn, an eye) is never followed by the guide's product advice: nothing should go on that area until a doctor
/// has seen it. Who the person is (pregnant, a child, on isotretinoin) may be followed by what the guide says.
/// </summary>
public sealed record RedFlag(RedFlagKind Kind, bool Urgent, bool AboutAnArea, string Advice)
{
    /// <summary>What the message was read as: the concepts found and the referral they added up to.</summary>
    public ConceptMatch? Sign { get; init; }
}

public enum RedFlagKind
{
    InfectionWithFever,
    BreathingOrThroat,
    EyeInjury,
    SevereReaction,
    HeavyBleeding,
    SevereBurn,
    Infection,
    AllergicReaction,
    BurnOrBlister,
    Wound,
    SeverePain,
    ChangingSpot,
    Lump,
    Isotretinoin,
    PregnancyOrBreastfeeding,
    Child,
    SevereAcne,
    Scarring,
    UrgentCare,
    Other,
}
