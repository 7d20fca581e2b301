namespace WatchState.Configuration;

/// <summary>
/// The configuration is wrong in a way the user must fix; the message names the file, line and key and is
/// meant to be shown as it is, without a stack trace.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException()
    {
    }

    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A problem at one place in a file, e.g. <c>config/servers.yaml line 2: backend 'x': …</c>.</summary>
    public ConfigException(string file, long? line, string problem, Exception? innerException = null)
        : base(line is null ? $"{file}: {problem}" : $"{file} line {line}: {problem}", innerException)
    {
        File = file;
        Line = line;
    }

    /// <summary>The file as shown to the user (relative to the data directory when it is inside it).</summary>
    public string? File { get; }

    /// <summary>1-based line in <see cref="File"/>, when known.</summary>
    public long? Line { get; }
}
