using System.Globalization;
using System.Text;

namespace WatchState.Logging;

/// <summary>
/// Writes the server's log to <c>data/logs/watchstate.YYYY-MM-DD.log</c>, one file per UTC day, one line per
/// message. Lines are flushed as written so a crash loses nothing; the <c>prune</c> task removes old files.
/// Messages never carry tokens: request URLs are redacted before they are logged.
/// </summary>
public sealed class FileLoggerProvider : ILoggerProvider
{
    public const string FilePrefix = "watchstate.";
    public const string FileSuffix = ".log";

    private readonly string _directory;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private StreamWriter? _writer;
    private DateOnly _day;

    public FileLoggerProvider(string directory, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = directory;
        _clock = clock;
    }

    public static string FileName(DateOnly day) => FilePrefix + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + FileSuffix;

    public ILogger CreateLogger(string categoryName) => new LineLogger(categoryName, Write);

    public void Dispose()
    {
        lock (_gate)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var now = _clock.GetUtcNow();
        var line = new StringBuilder(128)
            .Append(now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))
            .Append(' ').Append(LineLogger.Label(level))
            .Append(' ').Append(category)
            .Append(": ").Append(message.ReplaceLineEndings(" "));
        if (exception is not null)
        {
            line.Append(" | ").Append(exception.GetType().Name).Append(": ").Append(LogRedactor.Redact(exception.Message).ReplaceLineEndings(" "));
        }

        lock (_gate)
        {
            try
            {
                WriterFor(DateOnly.FromDateTime(now.UtcDateTime)).WriteLine(line);
            }
            catch (IOException)
            {
                // A full disk or a removed directory must not take the server down with it; the console still logs.
                _writer?.Dispose();
                _writer = null;
            }
        }
    }

    private StreamWriter WriterFor(DateOnly day)
    {
        if (_writer is null || day != _day)
        {
            _writer?.Dispose();
            Directory.CreateDirectory(_directory);
            var stream = new FileStream(Path.Combine(_directory, FileName(day)), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
            _day = day;
        }

        return _writer;
    }
}
