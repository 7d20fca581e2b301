using WatchState.Backends.Http;
using WatchState.Backends.Plex;

namespace WatchState.Tests.Backends.Plex;

public class PlexAuthHandlerTests
{
    private sealed class Recorder : HttpMessageHandler
    {
        public HttpRequestMessage? Seen { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen = request;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }

    [Fact]
    public async Task Requests_carry_the_token_and_the_client_headers_plex_expects()
    {
        var identity = new PlexClientIdentity("WatchState", "1.2.3", "abc123", "box");
        var recorder = new Recorder();
        using var invoker = new HttpMessageInvoker(new PlexAuthHandler(identity) { InnerHandler = recorder });
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/library/sections");
        request.Options.Set(BackendRequest.Token, "secret-token");

        using var response = await invoker.SendAsync(request, TestContext.Current.CancellationToken);

        var headers = recorder.Seen!.Headers;
        Assert.Equal(["secret-token"], headers.GetValues("X-Plex-Token"));
        Assert.Equal(["abc123"], headers.GetValues("X-Plex-Client-Identifier"));
        Assert.Equal(["WatchState"], headers.GetValues("X-Plex-Product"));
        Assert.Equal(["1.2.3"], headers.GetValues("X-Plex-Version"));
        Assert.DoesNotContain("secret-token", recorder.Seen.RequestUri!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Client_identifier_is_stable_for_this_machine()
    {
        Assert.Equal(PlexClientIdentity.ForThisMachine().ClientIdentifier, PlexClientIdentity.ForThisMachine().ClientIdentifier);
    }
}
