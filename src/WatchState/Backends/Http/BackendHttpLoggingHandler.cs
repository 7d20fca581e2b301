
namespace WatchState.Backends.Http;

/// <summary>
/// Logs each attempt with the URL redacted. It replaces IHttpClientFactory's default loggers, which would
/// print URLs as they are.
/// </summary>
internal sealed class BackendHttpLoggingHandler(ILogger<BackendHttpLoggingHandler> logger, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var started = time.GetTimestamp();
        var backend = request.Options.TryGetValue(BackendRequest.Backend, out var name) ? name : "?";
        var url = UrlRedactor.Redact(request.RequestUri);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var elapsed = Elapsed(started);
            BackendHttpLog.Answered(logger, backend, request.Method.Method, url, (int)response.StatusCode, elapsed);
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            var elapsed = Elapsed(started);
            BackendHttpLog.Failed(logger, backend, request.Method.Method, url, elapsed, ex.Message);
            throw;
        }
    }

    private long Elapsed(long started) => (long)time.GetElapsedTime(started).TotalMilliseconds;
}
