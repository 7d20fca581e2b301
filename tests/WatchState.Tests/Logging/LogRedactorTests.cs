using Microsoft.Extensions.Logging;
using WatchState.Logging;

namespace WatchState.Tests.Logging;

/// <summary>Credentials in URLs and auth headers are masked in every line, whoever logged it.</summary>
public sealed partial class LogRedactorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("Request starting HTTP/1.1 POST http://h:8080/v1/api/webhook?apikey=s3cretKey - text/plain", "http://h:8080/v1/api/webhook?apikey=*** - text/plain")]
    [InlineData("GET http://plex:32400/library/sections?X-Plex-Token=s3cretKey&type=1", "?X-Plex-Token=***&type=1")]
    [InlineData("GET /Users?api_key=s3cretKey#frag", "/Users?api_key=***#frag")]
    [InlineData("url /a?x=1&amp;token=s3cretKey", "/a?x=1&amp;token=***")]
    [InlineData("header X-Emby-Token: s3cretKey, next", "X-Emby-Token: ***, next")]
    [InlineData("Authorization: MediaBrowser Client=\"ws\", Token=\"s3cretKey\"", "Token=\"***\"")]
    public void A_credential_is_replaced_and_the_rest_of_the_line_kept(string line, string expected)
    {
        var redacted = LogRedactor.Redact(line);

        Assert.DoesNotContain("s3cretKey", redacted, StringComparison.Ordinal);
        Assert.Contains(expected, redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("imported 3 items from jf")]
    [InlineData("GET http://jf:8096/Items?ParentId=12&Limit=1000")]
    [InlineData("backend jf: token rejected (401)")]
    public void A_line_without_credentials_is_unchanged(string line) => Assert.Equal(line, LogRedactor.Redact(line));

    [Fact]
    public void The_log_file_masks_a_credential_in_the_message_and_in_the_exception()
    {
        var logs = _temp.File("logs");
        using (var provider = new FileLoggerProvider(logs, TimeProvider.System))
        {
            var logger = provider.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");
            Requested(logger, "http://h/v1/api/webhook?apikey=s3cretKey", new HttpRequestException("failed: http://p/x?X-Plex-Token=s3cretKey"));
        }

        var text = string.Concat(Directory.GetFiles(logs).Select(File.ReadAllText));
        Assert.Contains("apikey=***", text, StringComparison.Ordinal);
        Assert.Contains("X-Plex-Token=***", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cretKey", text, StringComparison.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "request {Url}")]
    private static partial void Requested(ILogger logger, string url, Exception exception);
}
