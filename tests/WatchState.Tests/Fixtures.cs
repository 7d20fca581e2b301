namespace WatchState.Tests;

/// <summary>Finds the shared fixture files that sit beside the repository (<c>../shared/fixtures</c>).</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string SharedDirectory => Path.GetDirectoryName(Root.Value)!;

    public static string PathOf(string relative) => Path.Combine(Root.Value, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    public static string SpecPath(string file) => Path.Combine(SharedDirectory, "specs", file);

    private static string FindRoot()
    {
        // Walk up from the test binaries: the repository may be a clone or a worktree at any depth.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            "shared/fixtures was not found beside the repository or any folder above it");
    }
}
