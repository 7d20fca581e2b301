using WatchState.Configuration;

namespace WatchState.Cli;

internal sealed class BackendRemoveHandler(ServersFile servers, CliOutput output)
{
    public async Task<int> RunAsync(string name, CancellationToken cancellationToken)
    {
        var backends = await servers.LoadAsync(cancellationToken);
        if (!backends.Any(b => b.Name == name))
        {
            var known = backends.Count == 0 ? "there are none" : "known: " + string.Join(", ", backends.Select(b => b.Name));
            throw new ConfigException($"backend '{name}' is not in {servers.DisplayName} ({known})");
        }

        await servers.SaveAsync([.. backends.Where(b => b.Name != name)], cancellationToken);
        output.Success($"Removed backend '{name}' from {servers.DisplayName}");
        return CliContext.Ok;
    }
}
