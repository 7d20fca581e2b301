
namespace WatchState.Backends.Http;

internal static partial class BackendHttpLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Backend}: {Method} {Url} answered {Status} in {ElapsedMs} ms")]
    public static partial void Answered(ILogger logger, string backend, string method, string url, int status, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Backend}: {Method} {Url} failed after {ElapsedMs} ms: {Reason}")]
    public static partial void Failed(ILogger logger, string backend, string method, string url, long elapsedMs, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Backend}: {Method} {Url} failed ({Reason}); retry {Retry} of {MaxRetries} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string backend, string method, string url, string reason, int retry, int maxRetries, long delayMs);
}
