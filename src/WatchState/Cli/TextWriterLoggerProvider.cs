using WatchState.Logging;

namespace WatchState.Cli;

/// <summary>
/// Logs one line per message to a writer (stderr), synchronously, so nothing is lost when a short command
/// exits and tests can capture it. Output meant for the user goes through <see cref="CliOutput"/> instead.
/// </summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer, bool stackTraces) : ILoggerProvider
{
    private readonly Lock gate = new();

    public ILogger CreateLogger(string categoryName) => new LineLogger(categoryName, Write);

    public void Dispose() => writer.Flush();

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var label = LineLogger.Label(level);
        lock (gate)
        {
            writer.WriteLine($"{label}: {category}: {message}");
            if (exception is not null)
            {
                // Stack traces are for -v; otherwise the exception's message is the useful part.
                writer.WriteLine(LogRedactor.Redact(stackTraces ? exception.ToString() : $"      {exception.GetType().Name}: {exception.Message}"));
            }
        }
    }
}
