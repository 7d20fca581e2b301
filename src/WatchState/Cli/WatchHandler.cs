using WatchState.Domain;
using WatchState.Sync;

namespace WatchState.Cli;

/// <summary><c>history:watch</c> / <c>history:unwatch</c>: mark an item from our side, then push it to every export backend.</summary>
internal sealed class WatchHandler(PlayStateEditor editor, ExportHandler export, IdentityRunner identities, CliOutput output)
{
    public async Task<int> RunAsync(string identity, long itemId, bool watched, OutputFormat format, CancellationToken cancellationToken)
    {
        // Loaded first: an unknown identity is an error before anything changes, and its backends are whom we push to.
        var configured = await identities.LoadAsync(identity, cancellationToken);
        var decision = await editor.SetWatchedAsync(identity, itemId, watched, cancellationToken);
        if (decision is null)
        {
            output.Error($"No item with id {itemId} for identity '{identity}'. List items with: watchstate history:list{HistoryShowHandler.UserFlag(identity)}");
            return CliContext.Failed;
        }

        var watchedChange = decision.Changes.FirstOrDefault(c => c.Field == ChangeField.Watched);
        if (format != OutputFormat.Json)
        {
            output.Line(watchedChange is { Applied: true }
                ? $"#{itemId}: now {ChangeText.Flag(watched)} (explicit)."
                : $"#{itemId}: already {ChangeText.Flag(watched)}; making sure every backend agrees.");
        }

        if (configured.Count == 0)
        {
            output.Warning($"No backends in {identities.DisplayPath(identity)}: the change is kept locally only.");
            return CliContext.Ok;
        }

        return await export.RunAsync(identity, configured, new ExportOptions([], DryRun: false, ForceFull: false, format), itemId, cancellationToken);
    }
}
