using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using WatchState.Cli;
using WatchState.Tests.Configuration;

namespace WatchState.Tests.Cli;

public class ServeCommandTests
{
    private static async Task<CliStartup> StartupAsync(TempDataDirectory data)
    {
        var host = new CliHost
        {
            Environment = new Dictionary<string, string>
            {
                ["WS_DATA_PATH"] = data.Root,
                ["WS_LISTEN"] = "http://127.0.0.1:0",
            },
            CurrentDirectory = data.Root,
            Out = TextWriter.Null,
            Error = TextWriter.Null,
        };
        return await CliStartup.LoadAsync(host, verbose: false, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Health_check_answers_ok()
    {
        using var data = new TempDataDirectory();
        var ct = TestContext.Current.CancellationToken;
        await using var app = ServeCommand.Build(await StartupAsync(data));
        await app.StartAsync(ct);
        using var http = new HttpClient { BaseAddress = new Uri(ServeCommand.ListeningAddresses(app).Single()) };

        using var response = await http.GetAsync(new Uri("/v1/api/system/healthcheck", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.Content.ReadFromJsonAsync<HealthBody>(ct))?.Status);
        await app.StopAsync(ct);
    }

    [Fact]
    public async Task System_healthcheck_exits_0_against_a_running_server_and_1_when_none_answers()
    {
        using var data = new TempDataDirectory();
        var ct = TestContext.Current.CancellationToken;
        await using var app = ServeCommand.Build(await StartupAsync(data));
        await app.StartAsync(ct);
        var address = ServeCommand.ListeningAddresses(app).Single();
        using var cli = new CliRunner();

        var up = await cli.RunAsync("system:healthcheck", "--url", address);
        await app.StopAsync(ct);
        var down = await cli.RunAsync("system:healthcheck", "--url", address);

        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Contains("\"ok\"", up.Out, StringComparison.Ordinal);
        Assert.Equal(1, down.ExitCode);
        Assert.Contains(address, down.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://*:9000;http://localhost:9001", "http://127.0.0.1:9000/")]
    [InlineData("http://192.168.1.5:8080", "http://192.168.1.5:8080/")]
    public void The_healthcheck_reaches_a_wildcard_listen_address_on_loopback(string listen, string expected) =>
        Assert.Equal(new Uri(expected), HealthCheckCommand.LocalBase(listen));

    [Fact]
    public async Task The_server_logs_what_it_does_to_a_daily_file_under_data_logs()
    {
        using var data = new TempDataDirectory();
        var ct = TestContext.Current.CancellationToken;
        await using (var app = ServeCommand.Build(await StartupAsync(data)))
        {
            await app.StartAsync(ct);
            await app.StopAsync(ct);
        }

        var file = Assert.Single(Directory.GetFiles(Path.Combine(data.Root, "logs"), "watchstate.*.log"));
        Assert.Contains(" info ", await File.ReadAllTextAsync(file, ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_watches_no_config_files_and_the_data_directory_is_outside_its_content_root()
    {
        using var data = new TempDataDirectory();
        await using var app = ServeCommand.Build(await StartupAsync(data));

        var fileSources = ((IConfigurationRoot)app.Configuration).Providers
            .OfType<FileConfigurationProvider>()
            .Select(p => p.Source)
            .ToList();

        Assert.NotEmpty(fileSources);
        Assert.All(fileSources, source => Assert.False(source.ReloadOnChange));
        var contentRoot = app.Services.GetService(typeof(IHostEnvironment)) is IHostEnvironment env ? env.ContentRootPath : null;
        Assert.NotNull(contentRoot);
        Assert.False(data.Root.StartsWith(contentRoot, StringComparison.Ordinal));
    }

    private sealed record HealthBody(string Status);
}
