using WatchState.Backends;
using WatchState.Configuration;

namespace WatchState.Cli;

/// <summary>Checks every backend at once (a slow server does not hold up the others) and reports each.</summary>
internal sealed class ConfigTestHandler(ServersFile servers, IMediaServerFactory factory, AppSettings settings, CliOutput output)
{
    public async Task<int> RunAsync(OutputFormat format, CancellationToken cancellationToken)
    {
        var backends = await servers.LoadAsync(cancellationToken);
        var checks = await Task.WhenAll(backends.Select(b => CheckAsync(b, cancellationToken)));
        if (format == OutputFormat.Json)
        {
            output.Json<IReadOnlyList<BackendCheck>>(checks, CliJsonContext.Default.IReadOnlyListBackendCheck);
        }
        else if (checks.Length == 0)
        {
            output.Line($"No backends in {servers.DisplayName}; nothing to test.");
        }
        else
        {
            var table = new CliTable("name", "type", "result", "server", "version", "user", "libraries", "problem / warning");
            foreach (var c in checks)
            {
                var libraries = c.Libraries is null ? "" : $"{c.Libraries} ({c.SupportedLibraries} movies/shows)";
                table.Add(c.Name, c.Type, c.Ok ? "ok" : "FAILED", c.Server, c.Version, c.User, libraries, c.Problem ?? c.Warning);
            }

            output.Table(table);
        }

        if (format != OutputFormat.Json)
        {
            WarnUnused(backends);
        }

        var failed = checks.Count(c => !c.Ok);
        if (failed > 0)
        {
            output.Error($"{failed} of {checks.Length} backends failed the test");
            return CliContext.Failed;
        }

        return CliContext.Ok;
    }

    // Unused keys are most often typos, which would otherwise silently leave a setting at its default.
    private void WarnUnused(IReadOnlyList<BackendConfig> backends)
    {
        foreach (var variable in settings.UnusedVariables)
        {
            output.Warning($"{variable} is set but is not a setting of this program: ignored (see docs/configuration.md)");
        }

        foreach (var backend in backends)
        {
            foreach (var key in BackendOptionKeys.Unused(backend))
            {
                output.Warning($"backend {backend.Name}: options.{key} is not an option of this program: ignored (see docs/configuration.md)");
            }
        }
    }

    private async Task<BackendCheck> CheckAsync(BackendConfig backend, CancellationToken cancellationToken)
    {
        var check = new BackendCheck(backend.Name, backend.Type.ToString().ToLowerInvariant(), false, null, null, backend.User, null, null, null);
        try
        {
            var client = factory.Create(backend);
            var info = await client.GetInfoAsync(cancellationToken);
            check = check with { Server = info.Name, Version = $"{info.Product} {info.Version}" };
            if (backend.Uuid is not null && !string.Equals(backend.Uuid, info.Id, StringComparison.OrdinalIgnoreCase))
            {
                return check with { Problem = $"this is another server: uuid in config is {backend.Uuid}, the server says {info.Id}" };
            }

            // On Plex the token itself is the user, so there is no user id to check.
            if (backend.Type != BackendType.Plex)
            {
                if (backend.User is null)
                {
                    return check with { Problem = "no user set; add the backend again with backend:add to choose one" };
                }

                var users = await client.GetUsersAsync(cancellationToken);
                var user = users.FirstOrDefault(u => string.Equals(u.Id, backend.User, StringComparison.OrdinalIgnoreCase));
                if (user is null)
                {
                    return check with { Problem = $"user {backend.User} is not visible on the server" };
                }

                check = check with { User = user.Name };
            }

            var libraries = await client.GetLibrariesAsync(cancellationToken);
            return check with
            {
                Ok = true,
                Libraries = libraries.Count,
                SupportedLibraries = libraries.Count(l => l.Kind != LibraryKind.Unsupported),
                Warning = info.Warning,
            };
        }
        catch (BackendException e)
        {
            return check with { Problem = e.Message };
        }
        catch (HttpRequestException e)
        {
            return check with { Problem = $"backend {backend.Name}: {e.Message}" };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return check with { Problem = $"backend {backend.Name}: no answer in time" };
        }
    }
}
