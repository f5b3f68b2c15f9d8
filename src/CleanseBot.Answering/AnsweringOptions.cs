using System.ComponentModel.DataAnnotations;

namespace CleanseBot.Answering;

/// <summary>How the bot decides and phrases its replies. Section "Answering" of appsettings.json.</summary>
public sealed class AnsweringOptions
{
    public const string SectionName = "Answering";

    /// <summary>Below this confidence (0 to 1) the bot says the guide does not cover the question rather than guess.</summary>
    [Range(0.0, 1.0)]
    public double ConfidenceThreshold { get; set; } = 0.5;

    /// <summary>
    /// Between this and <see cref="ConfidenceThreshold"/> the bot asks "did you mean" with its best candidates
    /// instead of answering or refusing. Must not exceed the threshold.
    /// </summary>
    [Range(0.0, 1.0)]
    public double SuggestionThreshold { get; set; } = 0.5;

    /// <summary>Candidates within this confidence of the best are "too close to call" and offered as choices...</summary>
    [Range(0.0, 1.0)]
    public double AmbiguityMargin { get; set; } = 0.01;

    /// <summary>...unless the best reaches this confidence, which is clear enough to answer outright.</summary>
    [Range(0.0, 1.0)]
    public double ClearConfidence { get; set; } = 0.7;

    /// <summary>
    /// Below this probability that the best candidate answers the message, by the learned answerability model
    /// (evaluation/README.md, "The answerability model"), the bot says the guide does not cover it, however well its
    /// words match: shared words are not an answer. 0 turns the model's veto off.
    /// </summary>
    [Range(0.0, 1.0)]
    public double AnswerabilityThreshold { get; set; } = 0.2;

    /// <summary>
    /// A message that no rule of knowledge/warning-signs.txt refers is still sent to a doctor, with the general referral,
    /// when the learned warning-sign model (evaluation/README.md, "The warning-sign model") gives it at least this
    /// probability. 1 leaves the rules alone.
    /// </summary>
    [Range(0.0, 1.0)]
    public double WarningSignThreshold { get; set; } = 0.6;

    /// <summary>
    /// A referral about an area (a spot, a burn, an eye) that a rule of knowledge/warning-signs.txt makes is dropped, and
    /// the message decided as an ordinary question (answered, a "did you mean", or not covered), when the learned warning-sign model gives it less than this
    /// probability: the rules read concepts, and a concept can be read where there is none (a water temperature is not a
    /// fever). Never dropped: who the person is (the guide's answer follows that referral anyway), an emergency (the
    /// airway, the eye), a sign told over two messages, or a message holding a concept the model never learned. Tiny on
    /// purpose: cross-validated by set, 0.02 dropped up to 37% of a set's calm referrals and no warning sign
    /// (evaluation/README.md, "Meaning and the veto"). 0 leaves the rules' referrals alone. Must be below
    /// <see cref="WarningSignThreshold"/>.
    /// </summary>
    [Range(0.0, 1.0)]
    public double WarningSignVeto { get; set; } = 0.02;

    /// <summary>
    /// A warning sign whose referral is not already urgent gets the urgent wording (urgent care today, emergency
    /// services for the airway) when the learned urgency reading (evaluation/README.md, "Urgency, and signs told over
    /// two messages" and "Word pieces") gives it at least this probability. Low on purpose: urgent words for a sign that
    /// could wait cost a visit, calm words for an emergency cost far more. 1 leaves the rules' urgent kinds alone.
    /// </summary>
    [Range(0.0, 1.0)]
    public double UrgentThreshold { get; set; } = 0.4;

    /// <summary>Messages longer than this many characters get a friendly request to shorten them.</summary>
    [Range(20, 100_000)]
    public int MaxMessageLength { get; set; } = 1000;

    /// <summary>How many follow-up questions to offer as suggested actions after an answer.</summary>
    [Range(0, 10)]
    public int MaxSuggestions { get; set; } = 3;

    /// <summary>Closes every answer: the guide is general information, a dermatologist knows the person's skin.</summary>
    [Required(AllowEmptyStrings = false)]
    public string SafetyNudge { get; set; } =
        "This is general information, not medical advice: for anything persistent, painful or worrying, see a dermatologist.";

    /// <summary>
    /// Where questions about prices, bookings, opening hours, orders and refunds go, or how to reach a person: said
    /// after the bot explains that it only answers from the guide. Set it to the site's own contact details.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    [MaxLength(500)]
    public string ContactText { get; set; } =
        "For prices, bookings, opening hours, orders or refunds, please use the contact details on this website, and someone from the team will help.";

    /// <summary>Questions offered on welcome, help and "not covered" replies. Each must be answerable from the knowledge (a test checks).</summary>
    [MinLength(1)]
    public List<string> ExampleQuestions { get; set; } = [];
}
