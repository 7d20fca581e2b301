namespace WatchState.Cli;

/// <summary>
/// Logs one line per message to a writer (stderr), synchronously, so nothing is lost when a short command
/// exits and tests can capture it. Output meant for the user goes through <see cref="CliOutput"/> instead.
/// </summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer, bool stackTraces) : ILoggerProvider
{
    private readonly Lock gate = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() => writer.Flush();

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var label = level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
        lock (gate)
        {
            writer.WriteLine($"{label}: {category}: {message}");
            if (exception is not null)
            {
                // Stack traces are for -v; otherwise the exception's message is the useful part.
                writer.WriteLine(stackTraces ? exception.ToString() : $"      {exception.GetType().Name}: {exception.Message}");
            }
        }
    }

    private sealed class Logger(TextWriterLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
