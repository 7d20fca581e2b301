using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Identities;
using WatchState.Ignoring;
using WatchState.Sync;

namespace WatchState.Cli;

internal sealed class IgnoreHandler(IgnoreFile file, IdentityFiles identities, IMediaServerFactory factory, TimeProvider clock, CliOutput output)
{
    public async Task<int> ChangeAsync(bool add, string? text, string? library, string? backend, bool dryRun, CancellationToken cancellationToken)
    {
        if (library is not null || backend is not null)
        {
            if (text is not null || library is null || backend is null)
            {
                output.Error("Give either a RULE, or --library with -s BACKEND.");
                return CliContext.Usage;
            }

            return await ChangeLibraryAsync(add, library, backend, dryRun, cancellationToken);
        }

        if (!IgnoreRule.TryParse(text, out var rule, out var error))
        {
            output.Error(text is null ? "Give a RULE (TYPE://SOURCE:ID@BACKEND[?id=ITEM]) or --library with -s." : $"'{text}': {error}");
            return CliContext.Usage;
        }

        var main = await identities.LoadAsync(IdentityFiles.Main, cancellationToken);
        if (main.All(b => b.Name != rule.Backend))
        {
            output.Error($"No backend '{rule.Backend}' in config/servers.yaml; known: {string.Join(", ", main.Select(b => b.Name))}");
            return CliContext.Usage;
        }

        var entries = (await file.LoadAsync(cancellationToken)).ToList();
        var existing = entries.FindIndex(e => e.Rule == rule);
        if (add && existing >= 0)
        {
            output.Line($"Already ignored: {rule} (added {entries[existing].AddedAt:u}).");
            return CliContext.Ok;
        }

        if (add && rule.RemoteId is not null && entries.Any(e => e.Rule == rule.Global))
        {
            output.Line($"Already ignored on every item of {rule.Backend}: {rule.Global}.");
            return CliContext.Ok;
        }

        if (!add && existing < 0)
        {
            output.Error($"Not ignored: {rule}; ignore:list shows the rules.");
            return CliContext.Failed;
        }

        if (dryRun)
        {
            output.Line($"Dry run: would {(add ? "add" : "remove")} {rule} in {file.DisplayName}; nothing written.");
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
        output.Success(add
            ? $"Ignoring {rule}: {rule.Backend} no longer matches items by {rule.Source}:{rule.Id}{(rule.RemoteId is null ? "" : $" on its item {rule.RemoteId}")}. The next import applies it."
            : $"No longer ignoring {rule}.");
        return CliContext.Ok;
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
                [.. entries.Select(e => new IgnoreRuleView(e.Rule.ToString(), e.Rule.Type, e.Rule.Source, e.Rule.Id, e.Rule.Backend, e.Rule.RemoteId, e.AddedAt))],
                libraries);
            output.Json(view, IgnoreJsonContext.Default.IgnoreListView);
            return CliContext.Ok;
        }

        if (entries.Count == 0 && libraries.Count == 0)
        {
            output.Line("Nothing is ignored. ignore:add movie://imdb:tt0133093@my_plex ignores an id a backend reports wrongly.");
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
}

internal sealed record IgnoreListView(IReadOnlyList<IgnoreRuleView> Rules, IReadOnlyList<IgnoredLibraryView> Libraries);

internal sealed record IgnoreRuleView(string Rule, string Type, string Source, string Id, string Backend, string? RemoteId, DateTimeOffset AddedAt);

internal sealed record IgnoredLibraryView(string Backend, string Library);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IgnoreListView))]
internal sealed partial class IgnoreJsonContext : JsonSerializerContext;
