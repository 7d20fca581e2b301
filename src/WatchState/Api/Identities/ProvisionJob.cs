using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Identities;

namespace WatchState.Api.Identities;

/// <summary>
/// Provisioning started from the identities page: it asks plex.tv for a token per user, which can take a while, so
/// the page starts it here and polls <see cref="Current"/>. One run at a time; it stops with the application.
/// </summary>
internal sealed class ProvisionJob(IdentityProvisioner provisioner, IHostApplicationLifetime lifetime, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private ProvisionState? _current;

    /// <summary>The running or last finished run; null before the first.</summary>
    public ProvisionState? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Starts a run unless one is running; returns the state of the run that is now current.</summary>
    public ProvisionState Start(ProvisionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (_gate)
        {
            if (_current is { Running: true })
            {
                return _current;
            }

            var state = new ProvisionState(options.DryRun, clock.GetUtcNow());
            _current = state;
            _ = RunAsync(state, options);
            return state;
        }
    }

    private async Task RunAsync(ProvisionState state, ProvisionOptions options)
    {
        // Off the request: the page answers at once and polls.
        await Task.Yield();
        ProvisionReport? report = null;
        string? error = null;
        try
        {
            report = await provisioner.ProvisionAsync(options, lifetime.ApplicationStopping);
        }
        catch (ConfigException ex)
        {
            error = ex.Message;
        }
        catch (BackendException ex)
        {
            error = ex.Message;
        }
        catch (HttpRequestException ex)
        {
            error = ex.Message;
        }
        catch (NotImplementedException ex)
        {
            error = ex.Message;
        }
        catch (OperationCanceledException)
        {
            error = "stopped: WatchState is shutting down";
        }

        lock (_gate)
        {
            state.Finish(report, error);
        }
    }
}

/// <summary>One provisioning run as the page shows it: running, or its report, or why it failed.</summary>
internal sealed class ProvisionState(bool dryRun, DateTimeOffset startedAt)
{
    public bool DryRun { get; } = dryRun;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public bool Running { get; private set; } = true;

    public ProvisionReport? Report { get; private set; }

    public string? Error { get; private set; }

    internal void Finish(ProvisionReport? report, string? error)
    {
        Report = report;
        Error = error;
        Running = false;
    }
}
