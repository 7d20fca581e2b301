using WatchState.Configuration;

namespace WatchState.Tests.Configuration;

/// <summary>A throw-away data directory (the WS_DATA_PATH layout), deleted after the test.</summary>
internal sealed class TempDataDirectory : IDisposable
{
    public TempDataDirectory()
    {
        Root = Path.Combine(Path.GetTempPath(), "ws-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Paths = DataPaths.FromRoot(Root);
    }

    public string Root { get; }

    public DataPaths Paths { get; }

    public void WriteServers(string yaml)
    {
        Directory.CreateDirectory(Paths.ConfigDir);
        File.WriteAllText(Paths.ServersFile, yaml);
    }

    public void WriteEnv(string text)
    {
        Directory.CreateDirectory(Paths.ConfigDir);
        File.WriteAllText(Paths.EnvFile, text);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
