using System.CommandLine;

namespace WatchState.Cli;

/// <summary>The command line: every command group, and how a run is invoked.</summary>
public static class WatchStateCli
{
    /// <summary>Runs one command line to completion and returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var invocation = new InvocationConfiguration
        {
            Output = host.Out,
            Error = host.Error,
            ProcessTerminationTimeout = host.HandlesTermination ? TimeSpan.FromSeconds(10) : null,
        };
        return CreateRootCommand(host).Parse(args).InvokeAsync(invocation, cancellationToken);
    }

    internal static RootCommand CreateRootCommand(CliHost host)
    {
        var cli = new CliContext(host);
        var root = new RootCommand("WatchState: keep play state in sync between Plex, Jellyfin and Emby servers.\n"
            + "Without a command, runs the server (same as 'serve').");
        root.Options.Add(cli.Verbose);
        ServeCommand.SetAction(root, cli);

        // The table of contents: each group adds its colon-named commands (backend:add, …).
        IEnumerable<Command>[] groups =
        [
            [ServeCommand.Create(cli)],
            [DemoCommand.Create(cli)],
            BackendCommands.Create(cli),
            ConfigCommands.Create(cli),
            StateCommands.Create(cli),
            HistoryCommands.Create(cli),
            WebhookCommands.Create(cli),
            EventsCommands.Create(cli),
            SystemCommands.Create(cli),
            ExportCommands.Create(cli),
            TaskCommands.Create(cli),
            IdentitiesCommands.Create(cli),
            SnapshotCommands.Create(cli),
            IgnoreCommands.Create(cli),
            MigrateCommands.Create(cli),
        ];
        foreach (var command in groups.SelectMany(g => g))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
