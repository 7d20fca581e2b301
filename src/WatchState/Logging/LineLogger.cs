namespace WatchState.Logging;

/// <summary>A logger that hands each enabled message, already formatted and with credentials masked, to a line writer.</summary>
internal sealed class LineLogger(string category, Action<LogLevel, string, string, Exception?> write) : ILogger
{
    /// <summary>The short level names both the console and the log files use.</summary>
    public static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            write(logLevel, category, LogRedactor.Redact(formatter(state, exception)), exception);
        }
    }
}
