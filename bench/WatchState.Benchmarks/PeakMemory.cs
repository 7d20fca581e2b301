using System.Globalization;

namespace WatchState.Benchmarks;

/// <summary>The process's peak resident memory (Linux VmHWM), which can be reset between phases.</summary>
internal static class PeakMemory
{
    public static void Reset()
    {
        // Writing 5 to clear_refs resets the peak resident set size to the current one.
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public static double ReadMegabytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmHWM:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }

    /// <summary>
    /// Where the resident memory is right now: anonymous (the managed heap and native allocations such as SQLite's
    /// page cache) against file-backed (mapped code and files), and what the GC holds, to tell live data from headroom.
    /// </summary>
    public static string Describe()
    {
        var fields = File.ReadLines("/proc/self/status")
            .Where(l => l.StartsWith("RssAnon:", StringComparison.Ordinal) || l.StartsWith("RssFile:", StringComparison.Ordinal) || l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        var gc = GC.GetGCMemoryInfo();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{string.Join(", ", fields)}; GC heap at its last collection {gc.HeapSizeBytes / 1048576.0:F0} MB (committed {gc.TotalCommittedBytes / 1048576.0:F0} MB), allocated now {GC.GetTotalMemory(false) / 1048576.0:F0} MB");
    }
}
