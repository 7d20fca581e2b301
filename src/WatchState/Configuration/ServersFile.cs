namespace WatchState.Configuration;

/// <summary>
/// Reads and atomically rewrites <c>config/servers.yaml</c>, the <c>main</c> identity's backends. A missing file
/// means no backends. Other identities have their own file of the same format (see <c>Identities.IdentityFiles</c>).
/// </summary>
public sealed class ServersFile(DataPaths paths)
{
    /// <summary>The file as named in messages: <c>config/servers.yaml</c>.</summary>
    public string DisplayName => paths.Display(paths.ServersFile);

    /// <exception cref="ConfigException">The file cannot be read or is not valid; the message says where.</exception>
    public Task<IReadOnlyList<BackendConfig>> LoadAsync(CancellationToken cancellationToken) =>
        LoadAsync(paths.ServersFile, DisplayName, cancellationToken);

    /// <summary>Writes every backend, keeping the options and keys this program does not know.</summary>
    public Task SaveAsync(IReadOnlyList<BackendConfig> backends, CancellationToken cancellationToken) =>
        SaveAsync(paths.ServersFile, DisplayName, backends, cancellationToken);

    /// <summary>Reads any file in the <c>servers.yaml</c> format; a missing file means no backends.</summary>
    /// <exception cref="ConfigException">The file cannot be read or is not valid; the message says where.</exception>
    internal static async Task<IReadOnlyList<BackendConfig>> LoadAsync(string path, string displayName, CancellationToken cancellationToken)
    {
        var text = await ConfigFileText.ReadOptionalAsync(path, displayName, cancellationToken);
        if (text is null)
        {
            return [];
        }

        return ServersYamlReader.Parse(text, displayName);
    }

    internal static async Task SaveAsync(string path, string displayName, IReadOnlyList<BackendConfig> backends, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await AtomicFile.WriteAllTextAsync(path, ServersYamlWriter.Write(backends), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(displayName, null, $"cannot be written: {e.Message}", e);
        }
    }
}
