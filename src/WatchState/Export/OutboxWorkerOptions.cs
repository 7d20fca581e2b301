using System.Globalization;
using WatchState.Backends;
using WatchState.Configuration;

namespace WatchState.Export;

/// <summary>How the outbox worker paces itself; tests shorten the delays.</summary>
public sealed class OutboxWorkerOptions
{
    public const string ConcurrencyKey = "CONCURRENCY";

    /// <summary>Writes in flight per server unless its <c>options.CONCURRENCY</c> says otherwise.</summary>
    public int DefaultConcurrency { get; set; } = 4;

    /// <summary><c>WS_PROGRESS_MINIMUM</c>, for a remote's own newer change that goes back through the Reconciler.</summary>
    public long MinProgressMs { get; set; } = 60_000;

    /// <summary>Writes per batch: one bulk read of the remote state and one of the sessions before each.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Extra tries of a temporarily failing write within one run, after the HTTP client's own retries.</summary>
    public int RetriesPerRun { get; set; } = 2;

    /// <summary>The first in-run retry waits this long; each next one twice as long.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A write still failing after its in-run retries waits this long (doubling per attempt) before the next run tries it.</summary>
    public TimeSpan Backoff { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Attempts (runs) before a temporarily failing write is given up and marked failed.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>A write to an item being played waits this long.</summary>
    public TimeSpan PlayingDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The backend's <c>options.CONCURRENCY</c> (1 to 64), or the default.</summary>
    public int ConcurrencyOf(BackendConfig backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        foreach (var (name, value) in backend.Options)
        {
            var bare = name.StartsWith("options.", StringComparison.OrdinalIgnoreCase) ? name["options.".Length..] : name;
            if (string.Equals(bare, ConcurrencyKey, StringComparison.OrdinalIgnoreCase))
            {
                return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 64
                    ? n
                    : throw new BackendException(backend.Name, $"option {ConcurrencyKey} must be a whole number between 1 and 64, not '{value}'");
            }
        }

        return DefaultConcurrency;
    }
}
