using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace WatchState.Auth;

/// <summary>
/// Guessing passwords is slowed in two layers, both per client address (the proxy's <c>X-Forwarded-For</c> only
/// with <c>WS_TRUST_PROXY</c>): ASP.NET Core's rate limiter lets at most <see cref="AttemptsPerMinute"/> login or
/// setup requests a minute through, and this class refuses logins from an address after
/// <see cref="FailuresAllowed"/> wrong passwords within <see cref="FailureWindow"/> — failures only, so the admin
/// logging in now and then is never locked out by their own successes.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    public const string PolicyName = "login";
    public const int AttemptsPerMinute = 20;
    public const int FailuresAllowed = 5;

    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(5);

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = FailuresAllowed,
            Window = FailureWindow,
            QueueLimit = 0,
        }));

    /// <summary>How long the address must wait, or null when it may try.</summary>
    public TimeSpan? Blocked(IPAddress? address)
    {
        // Asking for zero permits only looks: it fails, with a retry time, once the failures are used up.
        using var lease = _failures.AttemptAcquire(Key(address), 0);
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    public void RecordFailure(IPAddress? address)
    {
        using var lease = _failures.AttemptAcquire(Key(address));
    }

    /// <summary>The middleware policy on the login and setup endpoints.</summary>
    internal static void Configure(RateLimiterOptions options)
    {
        options.AddPolicy(PolicyName, context => RateLimitPartition.GetFixedWindowLimiter(
            Key(context.Connection.RemoteIpAddress),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = AttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        options.OnRejected = async (rejected, _) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
            await TooManyAsync(rejected.HttpContext, retryAfter);
        };
    }

    internal static Task TooManyAsync(HttpContext context, TimeSpan retryAfter)
    {
        SetRetryAfter(context.Response, retryAfter);
        return AuthProblems.WriteAsync(
            context.RequestServices.GetRequiredService<IProblemDetailsService>(),
            context,
            StatusCodes.Status429TooManyRequests,
            "Too many login attempts",
            $"too many attempts from this address: try again in {RetrySeconds(retryAfter)} seconds");
    }

    internal static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter) =>
        response.Headers.RetryAfter = RetrySeconds(retryAfter).ToString(CultureInfo.InvariantCulture);

    internal static int RetrySeconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : FailureWindow;

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";

    public void Dispose() => _failures.Dispose();
}
