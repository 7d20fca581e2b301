using System.CommandLine;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Demo;

namespace WatchState.Cli;

/// <summary>
/// <c>watchstate demo</c>: the quickest way to try the product. Simulated Plex, Jellyfin and Emby servers with a
/// sample library, synced once, and the real server on a loopback port; nothing of the user's own setup is read or
/// changed.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var port = new Option<int>("--port")
        {
            Description = $"Port of the web UI and API on 127.0.0.1 (0 takes any free port)",
            HelpName = "PORT",
            DefaultValueFactory = _ => DemoOptions.DefaultPort,
        };
        port.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 65_535)
            {
                r.AddError("--port must be between 0 and 65535");
            }
        });
        var items = new Option<int>("--items")
        {
            Description = $"Movies in the sample library; {DemoTitles.Shows.Count} shows with {DemoTitles.Shows.Sum(s => s.Episodes.Count)} episodes come on top",
            HelpName = "COUNT",
            DefaultValueFactory = _ => DemoLibrary.DefaultMovies,
        };
        items.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > DemoLibrary.MaxMovies)
            {
                r.AddError($"--items must be between 1 and {DemoLibrary.MaxMovies}");
            }
        });
        var data = new Option<string>("--data")
        {
            Description = $"The demo's data directory, emptied at every start; only a directory made by the demo (or an empty one) is ever emptied, never your real ./data",
            HelpName = "PATH",
            DefaultValueFactory = _ => DemoDataDirectory.DefaultPath,
        };
        var command = new Command(
            "demo",
            "Try WatchState in one minute: starts simulated Plex, Jellyfin and Emby servers with a sample library and "
            + "different play states, syncs them once and runs the server, printing the URL and a login. "
            + "Your own data and servers are not touched. Ctrl+C stops everything.")
        {
            port, items, data,
        };
        command.SetAction((parse, ct) => RunAsync(
            cli.Host,
            new DemoOptions { Port = parse.GetValue(port), Movies = parse.GetValue(items), DataPath = parse.GetValue(data)! },
            parse.GetValue(cli.Verbose),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, DemoOptions options, bool verbose, CancellationToken cancellationToken)
    {
        var output = new CliOutput(host);
        output.Line("Starting the demo: simulated Plex, Jellyfin and Emby servers, then a first sync…");
        try
        {
            await using var demo = await DemoServer.StartAsync(options, host, verbose, cancellationToken);
            Describe(output, demo);
            await demo.App.WaitForShutdownAsync(cancellationToken);
            output.Line("Stopping the demo…");
            return CliContext.Ok;
        }
        catch (Exception e) when (e is DemoException or ConfigException or BackendException)
        {
            output.Error(e.Message);
            return CliContext.Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C while starting: nothing to report.
            return CliContext.Cancelled;
        }
    }

    private static void Describe(CliOutput output, DemoServer demo)
    {
        var environment = demo.Environment;
        var library = environment.Library;
        output.Line("");
        output.Success($"WatchState demo is running: open {demo.Url}");
        output.Line("");
        output.Line($"  Log in with   user: {DemoServer.AdminUser}   password: {demo.Password}");
        output.Line($"  API key       {demo.ApiKey}   (X-Apikey header, e.g. curl -H 'X-Apikey: …' {demo.Url}v1/api/history)");
        output.Line("");
        output.Line($"  Three simulated servers, each with the same {library.Movies} movies and {library.Shows} shows ({library.Episodes} episodes)");
        output.Line("  but different play states; the first sync brought them together, and live events keep them so:");
        output.Line($"    {DemoEnvironment.PlexName,-9} {environment.Plex.BaseUrl}   (its plex.tv: {environment.PlexTv.BaseUrl})");
        output.Line($"    {DemoEnvironment.JellyfinName,-9} {environment.Jellyfin.BaseUrl}");
        output.Line($"    {DemoEnvironment.EmbyName,-9} {environment.Emby.BaseUrl}");
        output.Line("");
        output.Line($"  Try: mark a movie unwatched in the web UI (or POST {demo.Url}v1/api/history/ID/unplayed) and it turns");
        output.Line("  unwatched on all three servers within a few seconds.");
        output.Line($"  Data: {environment.Paths.Root} (emptied at every demo start)");
        output.Line("");
        output.Line("Press Ctrl+C to stop.");
    }
}
