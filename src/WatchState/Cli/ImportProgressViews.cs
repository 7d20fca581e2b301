using System.Globalization;
using Spectre.Console;
using WatchState.Sync;

namespace WatchState.Cli;

/// <summary>A progress bar per library on a terminal; otherwise plain log lines on stderr.</summary>
internal static class ImportProgressViews
{
    public static async Task<T> RunAsync<T>(CliOutput output, CliHost host, Func<IImportProgress, Task<T>> run)
    {
        if (output.Terminal is not { } terminal)
        {
            return await run(new PlainProgress(host.Error));
        }

        return await terminal.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(context => run(new BarProgress(context)));
    }

    /// <summary>Log lines on <paramref name="writer"/>, whatever it is (commands whose progress always goes to stderr).</summary>
    public static IImportProgress Plain(TextWriter writer) => new PlainProgress(writer);

    private sealed class BarProgress(ProgressContext context) : IImportProgress
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

        public void BackendStarted(string backend)
        {
        }

        public void LibraryStarted(string backend, string library, int total) =>
            _tasks[$"{backend}/{library}"] = context.AddTask(Markup.Escape($"{backend}: {library}"), maxValue: Math.Max(total, 1));

        public void PageImported(string backend, string library, int done, int total)
        {
            if (_tasks.TryGetValue($"{backend}/{library}", out var task))
            {
                task.MaxValue = Math.Max(total, 1);
                task.Value = done;
            }
        }

        public void BackendFinished(BackendImportResult result)
        {
            foreach (var (key, task) in _tasks.Where(t => t.Key.StartsWith(result.Backend + "/", StringComparison.Ordinal)))
            {
                task.StopTask();
            }
        }
    }

    /// <summary>One line per library start, per tenth of a library, and per backend end.</summary>
    private sealed class PlainProgress(TextWriter writer) : IImportProgress
    {
        private readonly Dictionary<string, int> _lastTenth = new(StringComparer.Ordinal);

        public void BackendStarted(string backend) => writer.WriteLine($"{backend}: importing");

        public void ModeChosen(string backend, string mode) => writer.WriteLine($"{backend}: reading {mode}");

        public void LibraryStarted(string backend, string library, int total) =>
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{backend}: {library}: {total:N0} items"));

        public void PageImported(string backend, string library, int done, int total)
        {
            var key = $"{backend}/{library}";
            var tenth = total == 0 ? 10 : done * 10 / total;
            if (tenth > _lastTenth.GetValueOrDefault(key, 0))
            {
                _lastTenth[key] = tenth;
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{backend}: {library}: {done:N0}/{total:N0}"));
            }
        }

        public void BackendFinished(BackendImportResult result) =>
            writer.WriteLine(result.Succeeded ? $"{result.Backend}: done" : $"{result.Backend}: failed");
    }
}
