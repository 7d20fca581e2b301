using WatchState.Webhooks;

namespace WatchState.Tests.Webhooks;

public sealed class WebhookBodyMaskTests
{
    [Fact]
    public void Credential_fields_and_credentials_in_urls_are_masked_and_the_rest_is_kept()
    {
        var masked = WebhookBodyMask.Mask("""
            {"ServerUrl":"http://10.0.0.2:8096/?api_key=abc123&x=1","Token":"t0k3n","X-Plex-Token":"plx","Account":{"id":1,"title":"admin","password":"pw"},
             "Pin":"1234","Name":"The Matrix","key":"/library/metadata/5","Items":[{"AccessToken":"zz"}]}
            """);
        foreach (var secret in new[] { "abc123", "t0k3n", "plx", "\"pw\"", "1234", "zz" })
        {
            Assert.DoesNotContain(secret, masked, StringComparison.Ordinal);
        }

        Assert.Contains("\"Name\": \"The Matrix\"", masked, StringComparison.Ordinal);
        Assert.Contains("\"key\": \"/library/metadata/5\"", masked, StringComparison.Ordinal);
        Assert.Contains("x=1", masked, StringComparison.Ordinal);
        Assert.Contains(WebhookBodyMask.Hidden, masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_json_is_shown_with_url_credentials_redacted()
    {
        var masked = WebhookBodyMask.Mask("GET /x?X-Plex-Token=secret1 not json");
        Assert.DoesNotContain("secret1", masked, StringComparison.Ordinal);
    }
}
