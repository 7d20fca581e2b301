using WatchState.Configuration;
using WatchState.Domain;
using WatchState.Sync;

namespace WatchState.Cli;

/// <summary><c>history:watch</c> / <c>history:unwatch</c>: mark an item from our side, then push it to every export backend.</summary>
internal sealed class WatchHandler(PlayStateEditor editor, ExportHandler export, ServersFile servers, CliOutput output)
{
    public async Task<int> RunAsync(long itemId, bool watched, OutputFormat format, CancellationToken cancellationToken)
    {
        var decision = await editor.SetWatchedAsync("main", itemId, watched, cancellationToken);
        if (decision is null)
        {
            output.Error($"No item with id {itemId}. List items with: watchstate history:list");
            return CliContext.Failed;
        }

        var watchedChange = decision.Changes.FirstOrDefault(c => c.Field == ChangeField.Watched);
        if (format != OutputFormat.Json)
        {
            output.Line(watchedChange is { Applied: true }
                ? $"#{itemId}: now {ChangeText.Flag(watched)} (explicit)."
                : $"#{itemId}: already {ChangeText.Flag(watched)}; making sure every backend agrees.");
        }

        var configured = await servers.LoadAsync(cancellationToken);
        if (configured.Count == 0)
        {
            output.Warning($"No backends in {servers.DisplayName}: the change is kept locally only.");
            return CliContext.Ok;
        }

        return await export.RunAsync(configured, new ExportOptions([], DryRun: false, ForceFull: false, format), itemId, cancellationToken);
    }
}
