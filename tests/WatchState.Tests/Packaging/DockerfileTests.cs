using System.Text.RegularExpressions;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Packaging;

/// <summary>
/// No Docker daemon runs here, so the Dockerfile is checked by reading it: what the issue asks of the image, and
/// that everything it copies and runs exists in this repository.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly Lazy<string> RepoRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WatchState.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("WatchState.slnx not found above the test binaries");
    });

    private static IReadOnlyList<string> Instructions()
    {
        // Joins continuation lines and drops comments, as Docker reads the file.
        var text = File.ReadAllText(Path.Combine(RepoRoot.Value, "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        return [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];
    }

    private static IReadOnlyList<string> FinalStage() =>
        [.. Instructions().Reverse().TakeWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal)).Reverse()];

    [Fact]
    public void The_image_is_multi_stage_and_runs_as_a_non_root_user_with_config_as_a_volume_on_port_8080()
    {
        var froms = Instructions().Count(l => l.StartsWith("FROM ", StringComparison.Ordinal));
        var final = FinalStage();

        Assert.True(froms >= 2, "a build stage and a runtime stage");
        Assert.Contains(final, l => l.StartsWith("USER ", StringComparison.Ordinal) && !l.Contains("root", StringComparison.Ordinal));
        Assert.Contains(final, l => l.StartsWith("VOLUME", StringComparison.Ordinal) && l.Contains("/config", StringComparison.Ordinal));
        Assert.Contains(final, l => l.StartsWith("ENV", StringComparison.Ordinal) && l.Contains("WS_DATA_PATH=/config", StringComparison.Ordinal));
        Assert.Contains(final, l => l.StartsWith("ENV", StringComparison.Ordinal) && l.Contains("WS_LISTEN=http://0.0.0.0:8080", StringComparison.Ordinal));
        Assert.Contains("EXPOSE 8080", final);
        Assert.DoesNotContain(final, l => l.Contains("sdk", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_healthcheck_runs_a_command_the_product_has()
    {
        var healthcheck = Assert.Single(FinalStage(), l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal));
        var command = CommandArgs().Match(healthcheck);
        Assert.True(command.Success, healthcheck);
        var args = command.Groups[1].Value.Split(',').Select(a => a.Trim().Trim('"')).ToList();

        Assert.Equal("/app/watchstate", args[0]);
        using var cli = new CliRunner();
        var help = await cli.RunAsync([.. args.Skip(1), "--help"]);
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("health", help.Out, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Everything_the_build_stage_copies_exists_in_the_repository()
    {
        var copies = Instructions()
            .Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            var parts = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in parts[1..^1])
            {
                var path = Path.Combine(RepoRoot.Value, source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{copy}: {source} does not exist");
            }
        }
    }

    [GeneratedRegex(@"CMD \[(.*)\]")]
    private static partial Regex CommandArgs();
}
