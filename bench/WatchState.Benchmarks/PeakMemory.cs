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
}
