using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WatchState.Tests.Api;

/// <summary>The served OpenAPI document and the copy committed at docs/openapi.json must not drift apart.</summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private const string RefreshVariable = "WS_UPDATE_OPENAPI";
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private ApiHarness _api = null!;

    public async ValueTask InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    private static string CommittedPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WatchState.slnx")))
            {
                return Path.Combine(dir.FullName, "docs", "openapi.json");
            }
        }

        throw new DirectoryNotFoundException("WatchState.slnx was not found above the test binaries");
    }

    [Fact]
    public async Task The_served_document_lists_the_api_with_summaries()
    {
        var document = await _api.OkAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/v1/api/backends", "/v1/api/history", "/v1/api/tasks/{name}/run", "/v1/api/outbox/{id}/retry", "/v1/api/events/{id}/replay", "/v1/api/system/apikey/rotate" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }

        Assert.False(string.IsNullOrWhiteSpace(paths.GetProperty("/v1/api/backends").GetProperty("post").GetProperty("summary").GetString()));
    }

    [Fact]
    public async Task The_served_document_matches_docs_openapi_json()
    {
        using var response = await _api.Http.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.ToJsonString(Pretty) + "\n";
        var path = CommittedPath();
        if (Environment.GetEnvironmentVariable(RefreshVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served, TestContext.Current.CancellationToken);
        }

        var committed = File.Exists(path) ? (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).ReplaceLineEndings("\n") : "";

        Assert.True(
            committed == served,
            $"docs/openapi.json differs from the document the server serves at /openapi/v1.json. After changing the API, refresh it with: "
            + $"{RefreshVariable}=1 dotnet test --project tests/WatchState.Tests -- --filter-method \"*The_served_document_matches_docs_openapi_json\", then review and commit the file.");
    }
}
