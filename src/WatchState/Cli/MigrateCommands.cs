using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using WatchState.Configuration;
using WatchState.Identities;
using WatchState.Ignoring;
using WatchState.Migration;
using WatchState.Storage;

namespace WatchState.Cli;

/// <summary><c>migrate:watchstate PATH</c>: bring a WatchState (PHP) installation over.</summary>
internal static class MigrateCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [WatchState(cli)];

    private static Command WatchState(CliContext cli)
    {
        var path = new Argument<string>("PATH")
        {
            Description = "WatchState's data directory (the one mounted as /config: config/, db/, users/), or its config/ folder",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and map everything and print the report; write nothing" };
        var force = new Option<bool>("--force")
        {
            Description = "Migrate into a data directory that already has backends or play state, replacing those of the migrated identities",
        };
        var output = CliContext.OutputOption();
        var command = new Command(
            "migrate:watchstate",
            "Bring a WatchState installation over: backends, identities (sub-users), settings (.env), mapper.yaml, ignore rules, "
            + "and every item's play state and per-backend ids; reports what it could not map")
        {
            path, dryRun, force, output,
        };
        cli.SetAction<MigrateHandler>(command, (handler, parse, ct) => handler.RunAsync(
            parse.GetValue(path)!, new MigrationOptions(parse.GetValue(dryRun), parse.GetValue(force)), parse.GetValue(output), ct));
        return command;
    }
}

/// <summary>Runs the migration, with progress on stderr, and prints its report.</summary>
internal sealed class MigrateHandler(
    DataPaths paths, Database database, IdentityFiles identities, IgnoreFile ignoreFile, TimeProvider clock, CliOutput output)
{
    public async Task<int> RunAsync(string source, MigrationOptions options, OutputFormat format, CancellationToken cancellationToken)
    {
        var migration = new WatchStateMigration(paths, database, identities, ignoreFile, clock);
        var report = await migration.RunAsync(source, options, output.Note, cancellationToken);
        if (format == OutputFormat.Json)
        {
            output.Json(report, MigrateJsonContext.Default.MigrationReport);
            return CliContext.Ok;
        }

        Print(report);
        return CliContext.Ok;
    }

    private void Print(MigrationReport report)
    {
        var table = new CliTable("identity", "database", "backends", "rows", "items", "played", "in progress", "ids per backend", "merged", "skipped");
        foreach (var identity in report.Identities)
        {
            table.Add(
                identity.Name,
                identity.Database ?? "-",
                string.Join(", ", identity.Backends),
                Number(identity.Rows),
                Number(identity.Items),
                Number(identity.Played),
                Number(identity.InProgress),
                identity.Views.Count == 0 ? "-" : string.Join(", ", identity.Views.Select(v => $"{v.Key} {Number(v.Value)}")),
                Number(identity.Merged),
                Number(identity.Skipped));
        }

        output.Table(table);
        output.Line($"Settings: {(report.Settings.Count == 0 ? "none" : string.Join(", ", report.Settings))}; "
            + $"ignore rules: {report.IgnoreRules}; mapper.yaml: {(report.Mapper ? "copied" : "none")}.");
        if (report.Problems.Count > 0)
        {
            output.Line("");
            output.Line("Not brought over:");
            foreach (var problem in report.Problems)
            {
                var who = problem.Identity is null ? "" : $"{problem.Identity}: ";
                var count = problem.What == "row" ? $" ({Number(problem.Count)} rows{(problem.Examples.Count > 0 ? ", e.g. " + string.Join("; ", problem.Examples) : "")})" : "";
                output.Warning($"  [{problem.What}] {who}{problem.Detail}{count}");
            }
        }

        output.Line("");
        if (report.DryRun)
        {
            output.Line("Dry run: nothing was written.");
        }
        else
        {
            output.Success($"Migrated from {report.Source}. Run state:sync --dry-run to check the servers agree, then state:sync.");
        }
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MigrationReport))]
internal sealed partial class MigrateJsonContext : JsonSerializerContext;
