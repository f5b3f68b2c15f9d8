using System.Net;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Admin;

/// <summary>With the question log switched off, the admin page says so, and nothing it does creates the log's database.</summary>
public sealed class AdminWithoutQuestionLogTests
{
    [Fact]
    public async Task The_page_says_the_log_is_off_and_Accept_refuses_without_creating_the_database()
    {
        var folder = Directory.CreateTempSubdirectory("cleansebot-no-log-").FullName;
        var database = Path.Combine(folder, "questions.db");
        try
        {
            await using (var service = await StartedService.StartAsync(new()
            {
                ["Admin:ApiKey"] = AdminSite.Key,
                ["QuestionLog:Enabled"] = "false",
                ["QuestionLog:ConnectionString"] = $"Data Source={database}",
            }))
            {
                using var page = await service.Client.SendAsync(AdminSite.WithKey(HttpMethod.Get, "/admin"));
                using var accept = await service.Client.SendAsync(AdminSite.WithKey(HttpMethod.Post, "/admin/suggestions/1/accept"));

                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Contains("The question log is off", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.NotFound, accept.StatusCode);
                Assert.Contains("The question log is off", await accept.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            Assert.False(File.Exists(database));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
