using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Identities;
using WatchState.Ignoring;
using WatchState.Storage;
using WatchState.Sync;

namespace WatchState.Cli;

internal sealed class IgnoreHandler(
    IgnoreFile file, IdentityFiles identities, IMediaServerFactory factory, Database database, TimeProvider clock, CliOutput output)
{
    public async Task<int> ChangeAsync(
        bool add, string? text, string? library, string? item, string? backend, bool dryRun, CancellationToken cancellationToken)
    {
        if (library is not null || item is not null || backend is not null)
        {
            if (text is not null || (library is null) == (item is null) || backend is null)
            {
                output.Error("Give either a RULE, or --library or --item with -s BACKEND.");
                return CliContext.Usage;
            }

            return library is not null
                ? await ChangeLibraryAsync(add, library, backend, dryRun, cancellationToken)
                : await ChangeRuleAsync(add, IgnoreRule.ForItem(backend, item!.Trim()), dryRun, cancellationToken);
        }

        if (!IgnoreRule.TryParse(text, out var rule, out var error))
        {
            output.Error(text is null ? "Give a RULE (TYPE://SOURCE:ID@BACKEND[?id=ITEM]), or --library or --item with -s." : $"'{text}': {error}");
            return CliContext.Usage;
        }

        return await ChangeRuleAsync(add, rule, dryRun, cancellationToken);
    }

    private async Task<int> ChangeRuleAsync(bool add, IgnoreRule rule, bool dryRun, CancellationToken cancellationToken)
    {
        if (rule.IsItem && rule.RemoteId!.Length == 0)
        {
            output.Error("--item needs the item's id on that backend (history:show lists it).");
            return CliContext.Usage;
        }

        // An item rule may name a backend that only another identity has; an external-id rule follows WatchState.
        var all = await identities.LoadAllAsync(cancellationToken);
        var backend = rule.IsItem
            ? all.SelectMany(i => i.Backends).FirstOrDefault(b => b.Name == rule.Backend)
            : all[0].Backends.FirstOrDefault(b => b.Name == rule.Backend);
        if (backend is null)
        {
            var known = all.SelectMany(i => i.Backends).Select(b => b.Name).Distinct(StringComparer.Ordinal);
            output.Error($"No backend '{rule.Backend}' in {(rule.IsItem ? "any identity's servers.yaml" : "config/servers.yaml")}; known: {string.Join(", ", known)}");
            return CliContext.Usage;
        }

        var entries = (await file.LoadAsync(cancellationToken)).ToList();
        var existing = entries.FindIndex(e => e.Rule == rule);
        if (add && existing >= 0)
        {
            output.Line($"Already ignored: {rule} (added {entries[existing].AddedAt:u}).");
            return CliContext.Ok;
        }

        if (add && !rule.IsItem && rule.RemoteId is not null && entries.Any(e => e.Rule == rule.Global))
        {
            output.Line($"Already ignored on every item of {rule.Backend}: {rule.Global}.");
            return CliContext.Ok;
        }

        if (!add && existing < 0)
        {
            output.Error($"Not ignored: {rule}; ignore:list shows the rules.");
            return CliContext.Failed;
        }

        var title = add && rule.IsItem ? await DescribeItemAsync(backend, rule.RemoteId!, cancellationToken) : null;
        if (dryRun)
        {
            output.Line($"Dry run: would {(add ? "add" : "remove")} {rule}{title} in {file.DisplayName}; nothing written.");
            return CliContext.Ok;
        }

        if (add)
        {
            entries.Add(new IgnoreEntry(rule, clock.GetUtcNow()));
        }
        else
        {
            entries.RemoveAt(existing);
        }

        await file.SaveAsync(entries, cancellationToken);
        if (!add && rule.IsItem && File.Exists(database.DatabaseFile))
        {
            // The item's changes are older than the cursors; without this an incremental run would never look again.
            await using var connection = await database.OpenAsync(cancellationToken);
            await ExportCursors.ForgetBackendAsync(connection, rule.Backend, cancellationToken);
        }

        output.Success(add
            ? rule.IsItem
                ? $"Ignoring {rule}{title}: import, export, webhooks and live events leave that item of {rule.Backend} alone."
                : $"Ignoring {rule}: {rule.Backend} no longer matches items by {rule.Source}:{rule.Id}{(rule.RemoteId is null ? "" : $" on its item {rule.RemoteId}")}. The next import applies it."
            : $"No longer ignoring {rule}.{(rule.IsItem ? $" The next import and export of {rule.Backend} read and compare everything again." : "")}");
        return CliContext.Ok;
    }

    /// <summary>
    /// One request to say which item the rule names. A show's id is not listed as an item (the rule then covers its
    /// episodes), and a server that is down must not stop the rule being written: both only warn.
    /// </summary>
    private async Task<string?> DescribeItemAsync(BackendConfig backend, string itemId, CancellationToken cancellationToken)
    {
        try
        {
            if (factory.Create(backend) is not IPlayStateWriter reader)
            {
                return null;
            }

            var found = await reader.GetItemsAsync([itemId], cancellationToken);
            if (found.FirstOrDefault(o => o.RemoteId == itemId) is { } item)
            {
                var name = item.SeriesTitle is { } show
                    ? string.Create(CultureInfo.InvariantCulture, $"{show} S{item.Season ?? 0:00}E{item.Episode ?? 0:00}")
                    : item.Year is { } year ? $"{item.Title} ({year})" : item.Title;
                return $" ({name})";
            }

            output.Warning($"{backend.Name} lists no movie or episode with id '{itemId}'. If it is a show's id, the rule covers its episodes; otherwise check the id (history:show lists them).");
        }
        catch (Exception e) when (e is BackendException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            output.Warning($"{backend.Name}: cannot check item '{itemId}' ({e.Message}); the rule is kept as given.");
        }

        return null;
    }

    private async Task<int> ChangeLibraryAsync(bool add, string library, string backendName, bool dryRun, CancellationToken cancellationToken)
    {
        var all = await identities.LoadAllAsync(cancellationToken);
        var backend = all[0].Backends.FirstOrDefault(b => b.Name == backendName);
        if (backend is null)
        {
            output.Error($"No backend '{backendName}' in config/servers.yaml; known: {string.Join(", ", all[0].Backends.Select(b => b.Name))}");
            return CliContext.Usage;
        }

        var id = await ResolveLibraryAsync(backend, library, cancellationToken);
        if (id is null)
        {
            return CliContext.Failed;
        }

        var already = IgnoredLibraries.Of(backend).Contains(id);
        if (already == add)
        {
            output.Line(add ? $"Library {id} of {backendName} is already ignored." : $"Library {id} of {backendName} is not ignored.");
            return add ? CliContext.Ok : CliContext.Failed;
        }

        if (dryRun)
        {
            output.Line($"Dry run: would {(add ? "ignore" : "stop ignoring")} library {id} of {backendName} for {all.Count} identit{(all.Count == 1 ? "y" : "ies")}; nothing written.");
            return CliContext.Ok;
        }

        // Every identity syncs the same libraries: the rule is written to each identity's copy of the backend.
        foreach (var identity in all.Where(i => i.Backends.Any(b => b.Name == backendName)))
        {
            var changed = identity.Backends.Select(b => b.Name == backendName ? IgnoredLibraries.With(b, id, add) : b).ToList();
            await identities.SaveAsync(identity.Identity, changed, cancellationToken);
        }

        output.Success(add ? $"Import now skips library {id} of {backendName}." : $"Import reads library {id} of {backendName} again.");
        return CliContext.Ok;
    }

    private async Task<string?> ResolveLibraryAsync(BackendConfig backend, string library, CancellationToken cancellationToken)
    {
        IReadOnlyList<Library> libraries;
        try
        {
            libraries = await factory.Create(backend).GetLibrariesAsync(cancellationToken);
        }
        catch (Exception e) when (e is BackendException or HttpRequestException)
        {
            // Stopping to ignore a library must work while its server is down; its id is in the file.
            if (IgnoredLibraries.Of(backend).Contains(library))
            {
                return library;
            }

            output.Error($"{backend.Name}: cannot list libraries to check '{library}': {e.Message}");
            return null;
        }

        var found = libraries.FirstOrDefault(l => l.Id == library)
            ?? libraries.SingleOrDefault(l => string.Equals(l.Name, library, StringComparison.OrdinalIgnoreCase));
        if (found is null)
        {
            output.Error($"{backend.Name} has no library '{library}'; it has: {string.Join(", ", libraries.Select(l => $"{l.Name} ({l.Id})"))}");
            return null;
        }

        return found.Id;
    }

    public async Task<int> ListAsync(OutputFormat format, CancellationToken cancellationToken)
    {
        var entries = await file.LoadAsync(cancellationToken);
        var backends = await identities.LoadAsync(IdentityFiles.Main, cancellationToken);
        var libraries = backends.SelectMany(b => IgnoredLibraries.Of(b).Order(StringComparer.Ordinal).Select(id => new IgnoredLibraryView(b.Name, id))).ToList();
        if (format == OutputFormat.Json)
        {
            var view = new IgnoreListView(
                [.. entries.Select(e => new IgnoreRuleView(
                    e.Rule.ToString(), e.Rule.Type, NullIfEmpty(e.Rule.Source), NullIfEmpty(e.Rule.Id), e.Rule.Backend, e.Rule.RemoteId, e.AddedAt))],
                libraries);
            output.Json(view, IgnoreJsonContext.Default.IgnoreListView);
            return CliContext.Ok;
        }

        if (entries.Count == 0 && libraries.Count == 0)
        {
            output.Line("Nothing is ignored. ignore:add movie://imdb:tt0133093@my_plex ignores an id a backend reports wrongly; ignore:add --item ID -s my_plex leaves an item out of sync.");
            return CliContext.Ok;
        }

        if (entries.Count > 0)
        {
            var table = new CliTable("rule", "added (UTC)");
            foreach (var entry in entries)
            {
                table.Add(entry.Rule.ToString(), entry.AddedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }

            output.Table(table);
        }

        if (libraries.Count > 0)
        {
            var table = new CliTable("backend", "ignored library");
            foreach (var library in libraries)
            {
                table.Add(library.Backend, library.Library);
            }

            output.Table(table);
        }

        return CliContext.Ok;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

internal sealed record IgnoreListView(IReadOnlyList<IgnoreRuleView> Rules, IReadOnlyList<IgnoredLibraryView> Libraries);

internal sealed record IgnoreRuleView(string Rule, string Type, string? Source, string? Id, string Backend, string? RemoteId, DateTimeOffset AddedAt);

internal sealed record IgnoredLibraryView(string Backend, string Library);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IgnoreListView))]
internal sealed partial class IgnoreJsonContext : JsonSerializerContext;
