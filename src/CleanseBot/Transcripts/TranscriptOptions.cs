namespace CleanseBot.Transcripts;

/// <summary>Conversation transcripts for support staff. Section "Transcripts" of appsettings.json.</summary>
public sealed class TranscriptOptions
{
    public const string SectionName = "Transcripts";

    /// <summary>
    /// Where each conversation is written as a <c>.transcript</c> file the Bot Framework Emulator opens (File, Open
    /// Transcript), with email addresses, phone numbers and web addresses masked as in the question log. Relative
    /// paths are resolved against the content root (the binary's folder). Empty, the default: no transcripts.
    /// </summary>
    public string Folder { get; set; } = string.Empty;
}
