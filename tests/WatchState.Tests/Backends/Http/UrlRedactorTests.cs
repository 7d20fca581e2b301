using WatchState.Backends.Http;

namespace WatchState.Tests.Backends.Http;

public class UrlRedactorTests
{
    [Theory]
    [InlineData("http://h/Items?api_key=secret&Limit=5", "http://h/Items?api_key=***&Limit=5")]
    [InlineData("http://h/Items?Limit=5&ApiKey=secret", "http://h/Items?Limit=5&ApiKey=***")]
    [InlineData("http://h/x?X-Plex-Token=secret", "http://h/x?X-Plex-Token=***")]
    [InlineData("http://h/x?TOKEN=secret#frag", "http://h/x?TOKEN=***#frag")]
    [InlineData("http://h/Items?ParentId=1&Fields=ProviderIds", "http://h/Items?ParentId=1&Fields=ProviderIds")]
    [InlineData("http://h/System/Info", "http://h/System/Info")]
    public void Secrets_in_the_query_are_hidden(string url, string expected) =>
        Assert.Equal(expected, UrlRedactor.Redact(url));

    [Fact]
    public void User_info_is_dropped_from_absolute_uris() =>
        Assert.Equal("http://h/a?api_key=***", UrlRedactor.Redact(new Uri("http://user:pw@h/a?api_key=k")));
}
