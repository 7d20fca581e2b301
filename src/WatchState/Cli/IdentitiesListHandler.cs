using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using WatchState.Identities;
using WatchState.Storage;

namespace WatchState.Cli;

/// <summary>Every identity, <c>main</c> first, with its backends' user ids and its items (one grouped count); never a token.</summary>
internal sealed class IdentitiesListHandler(IdentityFiles files, IdentityPurge store, CliOutput output)
{
    public async Task<int> RunAsync(OutputFormat format, CancellationToken cancellationToken)
    {
        var identities = await files.LoadAllAsync(cancellationToken);
        var counts = await store.ItemCountsAsync(cancellationToken);
        var views = identities.Select(i => new IdentityListView(
            i.Identity,
            files.DisplayPath(i.Identity),
            counts.GetValueOrDefault(i.Identity),
            [.. i.Backends.Select(b => new IdentityBackendView(b.Name, b.Type.ToString().ToLowerInvariant(), b.User))])).ToList();
        var orphans = counts.Where(c => identities.All(i => i.Identity != c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();

        if (format == OutputFormat.Json)
        {
            output.Json(views, IdentityListJsonContext.Default.ListIdentityListView);
            return CliContext.Ok;
        }

        var table = new CliTable("identity", "file", "items", "backend", "type", "user");
        foreach (var view in views)
        {
            var (name, file, items) = (view.Name, view.File, view.Items.ToString(CultureInfo.InvariantCulture));
            if (view.Backends.Count == 0)
            {
                table.Add(name, file, items, "-", "-", "-");
            }

            foreach (var backend in view.Backends)
            {
                table.Add(name, file, items, backend.Name, backend.Type, backend.User ?? "-");
                (name, file, items) = (string.Empty, string.Empty, string.Empty);
            }
        }

        output.Table(table);
        foreach (var (identity, items) in orphans)
        {
            output.Warning($"the database holds {items} item(s) of '{identity}', which has no servers file (identities:remove {identity} drops them)");
        }

        return CliContext.Ok;
    }
}

/// <summary>One identity in <c>identities:list -o json</c>.</summary>
internal sealed record IdentityListView(string Name, string File, long Items, IReadOnlyList<IdentityBackendView> Backends);

internal sealed record IdentityBackendView(string Name, string Type, string? User);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(List<IdentityListView>))]
internal sealed partial class IdentityListJsonContext : JsonSerializerContext;
