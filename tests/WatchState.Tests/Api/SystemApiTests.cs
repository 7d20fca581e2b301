using System.Net;
using WatchState.Webhooks;

namespace WatchState.Tests.Api;

/// <summary>/v1/api/system.</summary>
public sealed class SystemApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task The_version_is_the_programs()
    {
        var version = await _api.OkAsync("/v1/api/system/version");

        Assert.False(string.IsNullOrWhiteSpace(version.GetProperty("version").GetString()));
        Assert.StartsWith(".NET", version.GetProperty("runtime").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_key_is_returned_once_and_replaces_the_old_one()
    {
        var (status, rotated) = await _api.PostAsync("/v1/api/system/apikey/rotate");
        var key = rotated.GetProperty("apiKey").GetString()!;

        using var old = await _api.Http.GetAsync($"{WebhookEndpoints.Path}?apikey={_api.ApiKey}", Ct);
        using var fresh = await _api.Http.GetAsync($"{WebhookEndpoints.Path}?apikey={key}", Ct);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(_api.ApiKey, key);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task The_health_check_stays_as_it_was()
    {
        var health = await _api.OkAsync("/v1/api/system/healthcheck");

        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unknown_route_under_the_api_is_404()
    {
        var (status, _) = await _api.GetAsync("/v1/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
