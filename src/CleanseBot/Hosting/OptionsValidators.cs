using CleanseBot.Answering;
using Microsoft.Extensions.Options;

namespace CleanseBot.Hosting;

// Validators generated at compile time from each options class's data annotations (and IValidatableObject): the
// same rules and messages as ValidateDataAnnotations, without the reflection that cost a cold start about 60 ms
// (docs/performance.md, start to first answer).

[OptionsValidator]
internal sealed partial class AnsweringOptionsValidator : IValidateOptions<AnsweringOptions>;

[OptionsValidator]
internal sealed partial class KnowledgeOptionsValidator : IValidateOptions<KnowledgeOptions>;

[OptionsValidator]
internal sealed partial class RerankerOptionsValidator : IValidateOptions<RerankerOptions>;

[OptionsValidator]
internal sealed partial class MessagingOptionsValidator : IValidateOptions<MessagingOptions>;

[OptionsValidator]
internal sealed partial class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>;

[OptionsValidator]
internal sealed partial class ConversationStateOptionsValidator : IValidateOptions<ConversationStateOptions>;

[OptionsValidator]
internal sealed partial class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>;

[OptionsValidator]
internal sealed partial class RedisOptionsValidator : IValidateOptions<RedisOptions>;

[OptionsValidator]
internal sealed partial class QuestionLogOptionsValidator : IValidateOptions<CleanseBot.QuestionLog.QuestionLogOptions>;

[OptionsValidator]
internal sealed partial class AdminOptionsValidator : IValidateOptions<AdminOptions>;
