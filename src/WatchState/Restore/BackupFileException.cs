namespace WatchState.Restore;

/// <summary>A backup file that cannot be read as one: missing, not JSON, cut short, or not an array of entries.</summary>
public sealed class BackupFileException : Exception
{
    public BackupFileException()
    {
    }

    public BackupFileException(string message)
        : base(message)
    {
    }

    public BackupFileException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public BackupFileException(string file, string problem, Exception? innerException)
        : base($"{file}: {problem}", innerException)
    {
    }
}
