using System.Net;
using WatchState.Tests.Auth;
using WatchState.Webhooks;

namespace WatchState.Tests.Security;

/// <summary>
/// No request path or parameter reads a file outside what the server means to serve: the embedded static files and
/// the logs page (which picks a file by date only). There is no other file-serving endpoint (backups are not served).
/// </summary>
public sealed class PathTraversalTests
{
    private const string Marker = "plantedTraversalMarker5Kq";

    private static readonly string[] Paths =
    [
        "/css/../config/servers.yaml", "/css/..%2f..%2fconfig%2fservers.yaml", "/css/%2e%2e/%2e%2e/config/servers.yaml", "/%2e%2e%2fconfig%2fservers.yaml",
        "/..%5c..%5cconfig%5cservers.yaml", "/css/....//....//config/servers.yaml", "/css/%252e%252e/%252e%252e/config/servers.yaml",
        "/etc/passwd", "//etc/passwd", "/css//etc/passwd", "/css/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd", "/lib/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
        "/WatchState.dll", "/appsettings.json", "/wwwroot/css/app.css", "/css/app.css%00.yaml", "/css/app.css/..%2f..%2fservers.yaml",
        "/logs?day=../../config/servers.yaml", "/logs?day=..%2F..%2Fconfig%2Fservers", "/logs?day=/etc/passwd",
        "/logs?handler=tail&day=../../config/servers.yaml&after=0", "/logs?handler=tail&day=2026-01-01/../../../etc/passwd&after=0",
        "/v1/api/backends/..%2F..%2Fconfig%2Fservers.yaml", "/v1/api/tasks/..%2f..%2fetc%2fpasswd/runs", "/v1/api/identities/..%2F..",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Traversal_paths_never_serve_a_file_outside_the_static_files_with_or_without_credentials()
    {
        var data = new Configuration.TempDataDirectory();
        data.WriteServers($"""
            jf:
              type: jellyfin
              url: http://127.0.0.1:1
              token: {Marker}
              user: u1

            """);
        await using var server = await AuthServer.StartAsync(data: data);
        _ = await server.SetUpAsync();
        var key = await server.ApiKeyAsync();
        var jar = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = jar }) { BaseAddress = server.BaseAddress };
        using (var login = await AuthServer.LoginAsync(browser))
        {
            Assert.True(login.IsSuccessStatusCode);
        }

        var cookie = jar.GetCookieHeader(server.BaseAddress);

        foreach (var path in Paths)
        {
            foreach (var (who, header) in new[] { ("anonymous", ""), ("logged in", $"Cookie: {cookie}\r\n"), ("api key", $"{ApiKeyCheck.HeaderName}: {key}\r\n") })
            {
                var (status, body) = await RawGetAsync(server.BaseAddress, path, header);

                Assert.True(status is > 0 and < 500, $"{who} {path}: {status}");
                Assert.DoesNotContain(Marker, body, StringComparison.Ordinal);
                Assert.DoesNotContain("root:x:0:0", body, StringComparison.Ordinal);
                Assert.DoesNotContain("type: jellyfin", body, StringComparison.Ordinal);
                Assert.DoesNotContain("This program cannot be run in DOS mode", body, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>
    /// Sends the path byte for byte: <see cref="HttpClient"/> would resolve <c>..</c> and <c>//</c> itself, and the point
    /// is what the server does with them.
    /// </summary>
    private static async Task<(int Status, string Body)> RawGetAsync(Uri address, string path, string headers)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, Ct);
        await using var stream = tcp.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: {address.Authority}\r\nAccept: text/html,application/json\r\n{headers}Connection: close\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request), Ct);
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
        var response = await reader.ReadToEndAsync(Ct);
        var parts = response.Split(' ', 3);
        return (parts.Length > 1 && int.TryParse(parts[1], out var status) ? status : 0, response);
    }

    [Fact]
    public async Task The_static_files_are_served_without_a_login_and_only_from_the_program()
    {
        await using var server = await AuthServer.StartAsync();
        var anonymous = server.Client();

        using var css = await AuthServer.GetAsync(anonymous, "/css/app.css");
        using var missing = await AuthServer.GetAsync(anonymous, "/css/missing.css");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("nosniff", Assert.Single(css.Headers.GetValues("X-Content-Type-Options")));

        // Not a static file: the fallback policy answers, it never looks at the disk.
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
    }
}
