using System.Text.RegularExpressions;
using WatchState.Backends;
using WatchState.Configuration;

namespace WatchState.Tests.Configuration;

/// <summary>docs/configuration.md lists exactly the settings the code reads: no more, no fewer.</summary>
public sealed partial class ConfigurationReferenceTests
{
    private static readonly DataPaths Paths = DataPaths.FromRoot(Path.Combine(Path.GetTempPath(), "ws-reference"));

    private static string[] TableRows()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var doc = Path.Combine(dir.FullName, "docs", "configuration.md");
            if (File.Exists(doc))
            {
                return [.. File.ReadAllLines(doc).Where(l => l.StartsWith('|'))];
            }
        }

        throw new FileNotFoundException("docs/configuration.md not found above the test binaries");
    }

    [Fact]
    public void Every_ws_variable_the_code_reads_is_documented_and_nothing_else()
    {
        var environment = ConfigEnvironment.Create([], "config/.env", new Dictionary<string, string>());
        AppSettings.Load(environment, Paths);
        var read = environment.Asked.Where(k => k.StartsWith("WS_", StringComparison.Ordinal)).Append(DataPaths.Variable).ToHashSet();

        var documented = TableRows().SelectMany(r => Variable().Matches(r).Select(m => m.Groups[1].Value)).ToHashSet();

        Assert.Empty(read.Except(documented).Order());
        Assert.Empty(documented.Except(read).Order());
    }

    [Fact]
    public void Every_backend_option_the_code_reads_is_documented_and_nothing_else()
    {
        var documented = TableRows()
            .Select(r => OptionRow().Match(r))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(BackendOptionKeys.All.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
        foreach (var key in new[] { "type", "url", "token", "uuid", "user", "import.enabled", "export.enabled" })
        {
            Assert.Contains(TableRows(), r => r.StartsWith($"| `{key}` |", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_ws_variable_nothing_reads_is_reported_as_unused()
    {
        var settings = AppSettings.Load(
            ConfigEnvironment.Create(
                DotEnvFile.Parse("WS_CRON_IMPORT_ATT=5 * * * *\nWS_LISTEN=http://0.0.0.0:9000\n", "config/.env"),
                "config/.env",
                new Dictionary<string, string> { ["WS_DATA_PATH"] = "/config", ["HOME"] = "/root" }),
            Paths);

        Assert.Equal(["WS_CRON_IMPORT_ATT"], settings.UnusedVariables);
    }

    [Fact]
    public void A_backend_option_nothing_reads_is_reported_as_unused()
    {
        var backend = new BackendConfig
        {
            Name = "jf",
            Type = BackendType.Jellyfin,
            Url = new Uri("http://127.0.0.1:9"),
            Token = "t",
            Options = new Dictionary<string, string> { ["LIVEE"] = "false", ["options.client.timeout"] = "10", ["live"] = "true", ["IGNORE"] = "a1" },
        };

        Assert.Equal(["LIVEE"], BackendOptionKeys.Unused(backend));
    }

    [GeneratedRegex(@"`(WS_[A-Z0-9_]+)`")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^\| `options\.([^`]+)` \|")]
    private static partial Regex OptionRow();
}
