using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using WatchState.Backends.Http;
using WatchState.Backends.MediaBrowser;
using WatchState.Backends.Plex;

namespace WatchState.Backends;

public static class BackendsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMediaServerFactory"/> and the HTTP pipeline the clients share: auth header, bounded
    /// retries with backoff on 429/5xx/timeouts/connection errors, a per-attempt timeout from each backend's
    /// <c>client.timeout</c>, and request logs with secrets redacted. Tune retries with
    /// <c>services.Configure&lt;BackendHttpOptions&gt;(…)</c>.
    /// </summary>
    public static IServiceCollection AddBackends(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<BackendHttpOptions>();
        services.AddOptions<PlexTvOptions>();
        services.TryAddSingleton(MediaBrowserClientIdentity.ForThisMachine());
        services.TryAddTransient<MediaBrowserAuthHandler>();
        services.TryAddTransient<BackendHttpLoggingHandler>();
        services.TryAddSingleton(PlexClientIdentity.ForThisMachine());
        services.TryAddTransient<PlexAuthHandler>();
        services.TryAddSingleton<IMediaServerFactory, MediaServerFactory>();
        AddClient<MediaBrowserAuthHandler>(services, MediaBrowserApi.HttpClientName);
        AddClient<PlexAuthHandler>(services, PlexApi.HttpClientName);
        AddClient<PlexAuthHandler>(services, PlexTvApi.HttpClientName);
        return services;
    }

    // One named client per server kind, differing only in how it authenticates.
    private static void AddClient<TAuthHandler>(IServiceCollection services, string name)
        where TAuthHandler : DelegatingHandler
    {
        // Handlers run outermost first: the auth header is set once on the original request (retries clone it),
        // and the logging handler sits inside the retry loop so that every attempt is logged.
        var client = services.AddHttpClient(name)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddHttpMessageHandler<TAuthHandler>();
        client.AddResilienceHandler("backend", ConfigureResilience);
        client.AddHttpMessageHandler<BackendHttpLoggingHandler>();
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan max, TimeProvider time)
    {
        var hint = response?.Headers.RetryAfter;
        var delay = hint?.Delta ?? (hint?.Date is { } date ? date - time.GetUtcNow() : null);
        return delay is { } d && d > TimeSpan.Zero ? (d < max ? d : max) : null;
    }

    private static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<BackendHttpOptions>>().Value;
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("WatchState.Backends.Http");
        var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
        var maxRetries = Math.Clamp(options.MaxRetries, 0, BackendHttpOptions.RetryLimit);
        if (maxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,

                ShouldHandle = args => ValueTask.FromResult(
                    !(args.Context.GetRequestMessage() is { } request && request.Options.TryGetValue(BackendRequest.Retry, out var retry) && !retry)
                    && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,

                // Polly would honour Retry-After without the MaxDelay cap; an hour-long hint must not stall a sync.
                ShouldRetryAfterHeader = false,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, options.MaxRetryDelay, time)),
                OnRetry = args =>
                {
                    var request = args.Context.GetRequestMessage();
                    var backend = request is not null && request.Options.TryGetValue(BackendRequest.Backend, out var name) ? name : "?";
                    var reason = args.Outcome.Exception?.Message ?? $"status {(int?)args.Outcome.Result?.StatusCode}";
                    BackendHttpLog.Retrying(
                        logger,
                        backend,
                        request?.Method.Method ?? "?",
                        UrlRedactor.Redact(request?.RequestUri),
                        reason,
                        args.AttemptNumber + 1,
                        maxRetries,
                        (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        builder.AddTimeout(new HttpTimeoutStrategyOptions
        {
            TimeoutGenerator = args =>
            {
                var request = args.Context.GetRequestMessage();
                var timeout = request is not null && request.Options.TryGetValue(BackendRequest.AttemptTimeout, out var value)
                    ? value
                    : BackendRequest.DefaultAttemptTimeout;
                return ValueTask.FromResult(timeout);
            },
        });
    }
}
