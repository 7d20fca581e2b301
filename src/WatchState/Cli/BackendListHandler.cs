using WatchState.Configuration;

namespace WatchState.Cli;

internal sealed class BackendListHandler(ServersFile servers, CliOutput output)
{
    public async Task<int> RunAsync(OutputFormat format, CancellationToken cancellationToken)
    {
        var backends = await servers.LoadAsync(cancellationToken);
        var views = backends.Select(b => new BackendView(
            b.Name, b.Type.ToString().ToLowerInvariant(), b.Url.OriginalString, b.User, b.Uuid, b.ImportEnabled, b.ExportEnabled)).ToList();
        if (format == OutputFormat.Json)
        {
            output.Json<IReadOnlyList<BackendView>>(views, CliJsonContext.Default.IReadOnlyListBackendView);
            return CliContext.Ok;
        }

        if (views.Count == 0)
        {
            output.Line($"No backends in {servers.DisplayName}. Add one with: watchstate backend:add --help");
            return CliContext.Ok;
        }

        var table = new CliTable("name", "type", "url", "user", "uuid", "import", "export");
        foreach (var view in views)
        {
            table.Add(view.Name, view.Type, view.Url, view.User, view.Uuid, OnOff(view.ImportEnabled), OnOff(view.ExportEnabled));
        }

        output.Table(table);
        return CliContext.Ok;
    }

    private static string OnOff(bool enabled) => enabled ? "enabled" : "disabled";
}
