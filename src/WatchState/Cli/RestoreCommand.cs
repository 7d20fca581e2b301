using System.CommandLine;
using System.Globalization;
using WatchState.Backup;
using WatchState.Configuration;
using WatchState.Restore;
using WatchState.Sync;

namespace WatchState.Cli;

/// <summary><c>backend:restore FILE -s NAME</c>: bring one server's play state back to a backup file.</summary>
internal static class RestoreCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<string>("file")
        {
            Description = "Backup file (ours or WatchState's; gzip, zip or plain JSON); a bare name is also looked up in the identity's backup folder",
        };
        var select = new Option<string>("--select-backend", "-s")
        {
            Description = "The backend to restore",
            HelpName = "NAME",
            Required = true,
        };
        var execute = new Option<bool>("--execute") { Description = "Write the changes to the server (default: only show them)" };
        var progress = new Option<bool>("--progress") { Description = "Show progress on stderr while reading the file, listing the server and writing" };
        var limit = new Option<int>("--limit")
        {
            Description = "Rows of the changes and unmatched tables (0: all; -o json always gives all)",
            DefaultValueFactory = _ => 50,
        };
        var output = CliContext.OutputOption();
        var command = new Command(
            "backend:restore",
            "Restore a server's play state (watched, resume points) from a backup file: shows what would change, writes it through the outbox with --execute")
        {
            file, select, execute, progress, limit, output,
        };
        var identity = IdentityOptions.AddSingleTo(command);
        identity.User.Description = "Restore to this identity's user on the backend, from its backup folder (default: main; see identities:list)";
        cli.SetAction<RestoreHandler>(command, (handler, parse, ct) => handler.RunAsync(
            new RestoreOptions(
                parse.GetRequiredValue(file),
                parse.GetRequiredValue(select),
                identity.Scope(parse).Identity,
                parse.GetValue(execute),
                parse.GetValue(progress),
                parse.GetValue(limit),
                parse.GetValue(output)),
            ct));
        return command;
    }
}

internal sealed record RestoreOptions(string File, string Backend, string Identity, bool Execute, bool Progress, int Limit, OutputFormat Output);

/// <summary>Finds the backend and the file, plans, prints, and with <c>--execute</c> applies and prints the results.</summary>
internal sealed class RestoreHandler(
    IdentityRunner identities, Restorer restorer, SafetySnapshot safety, DataPaths paths, CliHost host, CliOutput output)
{
    public async Task<int> RunAsync(RestoreOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = await identities.LoadAsync(options.Identity, cancellationToken);
        var backend = configured.FirstOrDefault(b => string.Equals(b.Name, options.Backend, StringComparison.Ordinal));
        if (backend is null)
        {
            output.Error($"Unknown backend '{options.Backend}' for identity {options.Identity} ({identities.DisplayPath(options.Identity)}); "
                + (configured.Count == 0 ? "it has no backends" : $"configured: {string.Join(", ", configured.Select(b => b.Name))}"));
            return CliContext.Usage;
        }

        var file = Resolve(options.File, options.Identity);
        if (file is null)
        {
            output.Error($"Backup file '{options.File}' not found (also looked in {paths.Display(BackupWriter.Folder(paths, options.Identity))})");
            return CliContext.Failed;
        }

        if (!backend.ExportEnabled)
        {
            var why = $"{backend.Name}: export is disabled for this backend (export.enabled in {identities.DisplayPath(options.Identity)})";
            if (options.Execute)
            {
                output.Error($"{why}; a restore writes to the server like an export. Enable export first.");
                return CliContext.Failed;
            }

            output.Warning($"{why}; --execute will refuse until it is enabled.");
        }

        var progress = new Progress(host.Error, file, options.Progress);
        var request = new RestoreRequest(file, options.Identity, backend) { Execute = options.Execute };
        RestorePlan plan;
        RestoreOutcome? outcome = null;
        try
        {
            if (options.Execute)
            {
                // Listing the server for real records it in the local database, and the restore then changes it.
                await safety.TakeOnceAsync("before-restore", cancellationToken);
            }

            plan = await restorer.PlanAsync(request, progress, cancellationToken);
            if (options.Execute && plan.Changes.Count > 0)
            {
                outcome = await restorer.ApplyAsync(request, plan, progress, cancellationToken);
            }
        }
        catch (BackupFileException e)
        {
            output.Error($"{e.Message}. Nothing was written.");
            return CliContext.Failed;
        }

        if (options.Output == OutputFormat.Json)
        {
            output.Json(RestoreJson.From(plan, options.Execute, outcome), RestoreJsonContext.Default.RestoreJson);
        }
        else
        {
            RestoreText.Plan(output, plan, options.Execute, options.Limit, paths);
            RestoreText.Outcome(output, plan, options.Execute, outcome);
        }

        return outcome is null || outcome.Complete ? CliContext.Ok : CliContext.Failed;
    }

    /// <summary>The file as given, else (as WatchState does) under the identity's backup folder.</summary>
    private string? Resolve(string file, string identity)
    {
        var given = Path.GetFullPath(file, host.CurrentDirectory);
        if (File.Exists(given))
        {
            return given;
        }

        var inBackups = Path.Combine(BackupWriter.Folder(paths, identity), file);
        return File.Exists(inBackups) ? inBackups : null;
    }

    /// <summary>Plain lines on stderr with <c>--progress</c>; nothing otherwise.</summary>
    private sealed class Progress(TextWriter error, string file, bool enabled) : IRestoreProgress
    {
        public IImportProgress Listing { get; } = enabled ? ImportProgressViews.Plain(error) : SilentImportProgress.Instance;

        public void EntriesRead(int entries, bool done)
        {
            if (enabled)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(file)}: {entries:N0} entries read{(done ? ", file is valid" : "")}"));
            }
        }

        public void Writing(int writes)
        {
            if (enabled)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"writing {writes:N0} change(s) through the outbox"));
            }
        }
    }
}
