namespace CleanseBot.QuestionLog.Tests;

/// <summary>Nothing a visitor typed that could reach or identify them is logged as typed.</summary>
public sealed class PersonalDataMaskTests
{
    [Theory]
    [InlineData("email me at jane.doe@example.com please", "jane.doe@example.com")]
    [InlineData("JANE_DOE+skin@Mail.Example.CO.UK is mine", "JANE_DOE+skin@Mail.Example.CO.UK")]
    [InlineData("write to (jan-erik.o'neil@sub-domain.example.org)", "sub-domain.example.org")]
    public void Never_logs_an_email_address(string message, string secret) => AssertMasked(message, secret, PersonalDataMask.Email);

    [Theory]
    [InlineData("call me on +44 20 7946 0958 tonight", "7946")]
    [InlineData("my number is (555) 123-4567", "123-4567")]
    [InlineData("555-123-4567", "4567")]
    [InlineData("555.123.4567 is my cell", "4567")]
    [InlineData("ring +1-202-555-0173", "0173")]
    [InlineData("0044 7700 900123 whatsapp", "900123")]
    [InlineData("mobile: +33 6 12 34 56 78", "56 78")]
    [InlineData("07700900123", "07700900123")]
    [InlineData("+49 (0)30 901820 in Berlin", "901820")]
    [InlineData("tel +81-3-1234-5678", "5678")]
    [InlineData("+919876543210", "9876543210")]
    [InlineData("phone 020/7946 0958", "0958")]
    public void Never_logs_a_phone_number(string message, string secret) => AssertMasked(message, secret, PersonalDataMask.Phone);

    [Theory]
    [InlineData("see https://clinic.example.com/book?name=jane&id=42 for it", "clinic.example.com")]
    [InlineData("http://example.org", "example.org")]
    [InlineData("my blog www.jane-skin-diary.net/post/7 says", "jane-skin-diary")]
    [InlineData("found it on shop.example.co.uk/cleansers", "shop.example.co.uk")]
    [InlineData("FTP://files.example.com/photo.jpg", "files.example.com")]
    public void Never_logs_a_web_address(string message, string secret) => AssertMasked(message, secret, PersonalDataMask.Url);

    [Theory]
    [InlineData("how often should I deep cleanse?")]
    [InlineData("is 2% salicylic acid ok 3 times a week?")]
    [InlineData("I'm 25, is a pH of 5.5 right for a toner?")]
    [InlineData("e.g. steaming for 10 minutes, i.e. before a mask")]
    public void Leaves_ordinary_questions_as_typed(string message) => Assert.Equal(message, PersonalDataMask.Mask(message));

    [Fact]
    public void Masks_every_kind_in_one_message_and_keeps_the_question()
    {
        var masked = PersonalDataMask.Mask("I'm jane@example.com, +44 7700 900123, and saw https://example.com/x: is steaming good?");

        Assert.Equal("I'm [email], [phone], and saw [url] is steaming good?", masked);
    }

    private static void AssertMasked(string message, string secret, string placeholder)
    {
        var masked = PersonalDataMask.Mask(message);

        Assert.DoesNotContain(secret, masked, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(placeholder, masked, StringComparison.Ordinal);
    }
}
