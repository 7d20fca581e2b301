namespace WatchState.Configuration;

/// <summary>Reads and atomically rewrites <c>config/servers.yaml</c>. A missing file means no backends.</summary>
public sealed class ServersFile(DataPaths paths)
{
    /// <summary>The file as named in messages: <c>config/servers.yaml</c>.</summary>
    public string DisplayName => paths.Display(paths.ServersFile);

    /// <exception cref="ConfigException">The file cannot be read or is not valid; the message says where.</exception>
    public async Task<IReadOnlyList<BackendConfig>> LoadAsync(CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(paths.ServersFile, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(DisplayName, null, $"cannot be read: {e.Message}", e);
        }

        return ServersYamlReader.Parse(text, DisplayName);
    }

    /// <summary>Writes every backend, keeping the options and keys this program does not know.</summary>
    public async Task SaveAsync(IReadOnlyList<BackendConfig> backends, CancellationToken cancellationToken)
    {
        try
        {
            await AtomicFile.WriteAllTextAsync(paths.ServersFile, ServersYamlWriter.Write(backends), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(DisplayName, null, $"cannot be written: {e.Message}", e);
        }
    }
}
