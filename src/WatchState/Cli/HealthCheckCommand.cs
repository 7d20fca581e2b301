using System.CommandLine;
using WatchState.Configuration;

namespace WatchState.Cli;

/// <summary>
/// <c>system:healthcheck</c>: asks a running server for its health, for a container's HEALTHCHECK (the runtime
/// image has no curl) and for scripts. Exit 0 when it answers ok, 1 otherwise.
/// </summary>
internal static class HealthCheckCommand
{
    public const string Path = "/v1/api/system/healthcheck";

    public static Command Create(CliContext cli)
    {
        var url = new Option<string?>("--url")
        {
            Description = "The server's address (default: the first WS_LISTEN address, on this machine)",
            HelpName = "URL",
        };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the answer", DefaultValueFactory = _ => 5 };
        var command = new Command("system:healthcheck", "Check that the server on this machine answers its health check") { url, timeout };
        cli.SetAction<HealthCheckHandler>(command, (handler, parse, ct) =>
            handler.RunAsync(parse.GetValue(url), TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(timeout), 1, 300)), ct));
        return command;
    }

    /// <summary>Where the local server answers: a wildcard listen address is reached on loopback.</summary>
    public static Uri LocalBase(string listen) => ListenUrls.Reachable(listen, "127.0.0.1");
}

internal sealed class HealthCheckHandler(AppSettings settings, CliOutput output)
{
    public async Task<int> RunAsync(string? url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (url is not null && !ConfigValues.TryParseHttpUrl(url, out _))
        {
            throw new ConfigException($"--url: '{url}' is not an http:// or https:// URL");
        }

        var target = new Uri((url is null ? HealthCheckCommand.LocalBase(settings.Listen) : new Uri(url)), HealthCheckCommand.Path);
        using var http = new HttpClient { Timeout = timeout };
        try
        {
            using var response = await http.GetAsync(target, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                output.Line(body);
                return CliContext.Ok;
            }

            output.Error($"{target}: answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            output.Error($"{target}: {(e is TaskCanceledException ? $"no answer within {timeout.TotalSeconds:0} s" : e.Message)}");
        }

        return CliContext.Failed;
    }
}
