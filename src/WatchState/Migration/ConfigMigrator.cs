using System.Text;
using WatchState.Configuration;
using WatchState.Identities;
using WatchState.Ignoring;

namespace WatchState.Migration;

/// <summary>A configuration file to write: where, as shown to the user, and its whole new content.</summary>
internal sealed record PlannedFile(string Path, string Display, string Content);

/// <summary>One identity to create: its name, its backends, and where its WatchState database is.</summary>
internal sealed record PlannedIdentity(string Name, IReadOnlyList<BackendConfig> Backends, string? Database);

/// <summary>
/// Reads WatchState's configuration files and plans ours: every file is read and checked before anything is
/// written, so a broken file stops the migration with nothing changed.
/// </summary>
internal sealed class ConfigMigrator(DataPaths paths, IdentityFiles identities, IgnoreFile ignoreFile)
{
    /// <exception cref="ConfigException">A WatchState file cannot be read or parsed; the message names file and line.</exception>
    public async Task<(IReadOnlyList<PlannedIdentity> Identities, IReadOnlyList<PlannedFile> Files)> PlanAsync(
        WatchStateLayout layout, MigrationReport report, CancellationToken cancellationToken)
    {
        var files = new List<PlannedFile>();
        var planned = new List<PlannedIdentity>();
        foreach (var skipped in layout.SkippedUsers)
        {
            report.Problem("identity", skipped);
        }

        foreach (var user in layout.Users)
        {
            var display = layout.Display(user.ServersFile);
            var text = await ConfigFileText.ReadOptionalAsync(user.ServersFile, display, cancellationToken) ?? "";
            var backends = new List<BackendConfig>();
            foreach (var backend in ServersYamlReader.Parse(text, display, (name, type, line) => report.Problem(
                "backend", $"{display} line {line}: backend '{name}' has type '{type}', which is not supported ({ServersYamlReader.SupportedTypes}): left out", user.Name)))
            {
                if (BackendNames.IsValid(backend.Name))
                {
                    backends.Add(backend);
                }
                else
                {
                    report.Problem("backend", $"{display}: backend name '{backend.Name}' is not allowed ({BackendNames.Rule}): left out", user.Name);
                }
            }

            planned.Add(new PlannedIdentity(user.Name, backends, user.DatabaseFile));
            var path = identities.ServersPath(user.Name);
            files.Add(new PlannedFile(path, paths.Display(path), ServersYamlWriter.Write(backends)));
        }

        if (await EnvAsync(layout, report, cancellationToken) is { } env)
        {
            files.Add(env);
        }

        if (await MapperAsync(layout, report, cancellationToken) is { } mapper)
        {
            files.Add(mapper);
        }

        if (await IgnoreAsync(layout, report, cancellationToken) is { } ignore)
        {
            files.Add(ignore);
        }

        return (planned, files);
    }

    /// <summary>
    /// The settings we know, checked as our start-up checks them (a bad value is reported and left out); keys we
    /// do not know are reported. A key already in our <c>config/.env</c> keeps our value.
    /// </summary>
    private async Task<PlannedFile?> EnvAsync(WatchStateLayout layout, MigrationReport report, CancellationToken cancellationToken)
    {
        var display = layout.Display(layout.EnvFile);
        var text = await ConfigFileText.ReadOptionalAsync(layout.EnvFile, display, cancellationToken);
        if (text is null)
        {
            return null;
        }

        var known = KnownSettings();
        var accepted = new List<DotEnvEntry>();
        foreach (var entry in DotEnvFile.Parse(text, display))
        {
            if (entry.Key == DataPaths.Variable)
            {
                report.Problem("env", $"{entry.Key} ({display} line {entry.Line}): WatchState's own data path, not brought over");
            }
            else if (known.Contains(entry.Key))
            {
                accepted.Add(entry);
            }
            else
            {
                report.Problem("env", $"{entry.Key} ({display} line {entry.Line}): not a setting here, left out");
            }
        }

        accepted = Validate(accepted, display, report);
        var ours = await ConfigFileText.ReadOptionalAsync(paths.EnvFile, paths.Display(paths.EnvFile), cancellationToken);
        var existing = ours is null ? [] : DotEnvFile.Parse(ours, paths.Display(paths.EnvFile)).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var builder = new StringBuilder(ours);
        if (builder.Length > 0 && builder[^1] != '\n')
        {
            builder.Append('\n');
        }

        builder.Append("# From WatchState's ").Append(display).Append(" (migrate:watchstate)\n");
        foreach (var entry in accepted)
        {
            if (existing.Contains(entry.Key))
            {
                report.Problem("env", $"{entry.Key}: already set in our {paths.Display(paths.EnvFile)}, kept ours");
                continue;
            }

            builder.Append(entry.Key).Append('=').Append(Quote(entry.Value)).Append('\n');
            report.Settings.Add(entry.Key);
        }

        return report.Settings.Count == 0 ? null : new PlannedFile(paths.EnvFile, paths.Display(paths.EnvFile), builder.ToString());
    }

    /// <summary>Every variable our settings read: loading them from nothing asks for each one.</summary>
    private HashSet<string> KnownSettings()
    {
        var environment = ConfigEnvironment.Create([], ".env", new Dictionary<string, string>());
        AppSettings.Load(environment, paths);
        return [.. environment.Asked];
    }

    /// <summary>Drops, one at a time, each value our settings refuse, reporting the reason.</summary>
    private List<DotEnvEntry> Validate(List<DotEnvEntry> entries, string display, MigrationReport report)
    {
        while (entries.Count > 0)
        {
            try
            {
                AppSettings.Load(ConfigEnvironment.Create(entries, display, new Dictionary<string, string>()), paths);
                return entries;
            }
            catch (ConfigException e)
            {
                var bad = entries.FirstOrDefault(x => e.Message.Contains(x.Key + ":", StringComparison.Ordinal));
                if (bad is null)
                {
                    throw;
                }

                report.Problem("env", $"{e.Message}: left out");
                entries.Remove(bad);
            }
        }

        return entries;
    }

    private static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:@,+*".Contains(c, StringComparison.Ordinal))
            ? value
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    /// <summary>WatchState's mapper.yaml is our format: checked, then copied as it is.</summary>
    private async Task<PlannedFile?> MapperAsync(WatchStateLayout layout, MigrationReport report, CancellationToken cancellationToken)
    {
        var display = layout.Display(layout.MapperFile);
        var text = await ConfigFileText.ReadOptionalAsync(layout.MapperFile, display, cancellationToken);
        if (text is null)
        {
            return null;
        }

        try
        {
            MapperFile.Parse(text, display);
        }
        catch (ConfigException e)
        {
            report.Problem("mapper", $"{e.Message}: not copied");
            return null;
        }

        report.Mapper = true;
        var path = Path.Combine(paths.ConfigDir, MapperFile.FileName);
        return new PlannedFile(path, paths.Display(path), text);
    }

    /// <summary>Each rule of ignore.yaml is checked on its own: a bad one is reported, the others come over.</summary>
    private async Task<PlannedFile?> IgnoreAsync(WatchStateLayout layout, MigrationReport report, CancellationToken cancellationToken)
    {
        var display = layout.Display(layout.IgnoreFile);
        var text = await ConfigFileText.ReadOptionalAsync(layout.IgnoreFile, display, cancellationToken);
        if (text is null || YamlText.LoadRoot(text, display) is not { } root)
        {
            return null;
        }

        if (root is not YamlDotNet.RepresentationModel.YamlMappingNode map)
        {
            report.Problem("ignore", $"{display} line {root.Start.Line}: expected a map of rule: time added; nothing copied");
            return null;
        }

        var entries = new List<IgnoreEntry>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = (keyNode as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value;
            if (!IgnoreRule.TryParse(key, out var rule, out var error))
            {
                report.Problem("ignore", $"{display} line {keyNode.Start.Line}: '{key}': {error}; left out");
                continue;
            }

            var added = valueNode is YamlDotNet.RepresentationModel.YamlScalarNode { Value: { } v }
                && long.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : DateTimeOffset.UnixEpoch;
            entries.Add(new IgnoreEntry(rule, added));
        }

        report.IgnoreRules = entries.Count;
        return entries.Count == 0 ? null : new PlannedFile(ignoreFile.Path, ignoreFile.DisplayName, IgnoreFile.Format(entries));
    }
}
