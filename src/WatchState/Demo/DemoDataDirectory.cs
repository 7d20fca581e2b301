using WatchState.Configuration;

namespace WatchState.Demo;

/// <summary>
/// The demo's own data directory, emptied on every start so each run begins from the same state. Only a
/// directory the demo made itself (it holds <see cref="MarkerFile"/>) or an empty one is ever emptied, so a
/// mistyped <c>--data</c> cannot wipe a real WatchState data directory.
/// </summary>
internal static class DemoDataDirectory
{
    public const string MarkerFile = ".watchstate-demo";

    public const string DefaultPath = "./data-demo";

    /// <summary>Empties (or creates) the directory, marks it as the demo's and returns its layout.</summary>
    /// <exception cref="DemoException">The directory holds files but is not a demo directory.</exception>
    public static DataPaths Recreate(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var root = Path.GetFullPath(path);
        if (File.Exists(root))
        {
            throw new DemoException($"--data {path}: {root} is a file, not a directory");
        }

        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            if (!File.Exists(Path.Combine(root, MarkerFile)))
            {
                throw new DemoException(
                    $"--data {path}: {root} is not empty and was not made by 'watchstate demo' (no {MarkerFile} in it); "
                    + "refusing to wipe it. Pick another directory with --data, or remove it yourself.");
            }

            // The marker goes last so an interrupted wipe still leaves a directory the next run may clear.
            foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos().Where(e => e.Name != MarkerFile))
            {
                if (entry is DirectoryInfo directory)
                {
                    directory.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
        }

        Directory.CreateDirectory(root);
        File.WriteAllText(
            Path.Combine(root, MarkerFile),
            "Made by 'watchstate demo': emptied on every demo start. Not a real WatchState data directory.\n");
        var paths = DataPaths.FromRoot(root);
        paths.EnsureCreated();
        return paths;
    }
}
