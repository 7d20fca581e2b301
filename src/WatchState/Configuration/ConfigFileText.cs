namespace WatchState.Configuration;

/// <summary>Reading a configuration file that may be missing: absent means "nothing configured", not an error.</summary>
internal static class ConfigFileText
{
    /// <returns>The file's text, or null when the file or its folder does not exist.</returns>
    /// <exception cref="ConfigException">The file exists but cannot be read; the message names it.</exception>
    public static async Task<string?> ReadOptionalAsync(string path, string displayName, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(displayName, null, $"cannot be read: {e.Message}", e);
        }
    }
}
