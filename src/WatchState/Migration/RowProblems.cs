using System.Globalization;
using WatchState.Domain;

namespace WatchState.Migration;

/// <summary>
/// Rows not (fully) brought over, counted per identity and reason with the first few as examples: a database of
/// 100,000 rows without ids must not make a report of 100,000 lines.
/// </summary>
internal sealed class RowProblems
{
    private readonly Dictionary<(string Identity, string Reason), (long Count, List<string> Examples)> _byReason = [];
    private readonly List<(string Identity, string Reason)> _order = [];

    public void Add(string identity, string reason, StateRow row)
    {
        var key = (identity, reason);
        if (!_byReason.TryGetValue(key, out var entry))
        {
            entry = (0, []);
            _order.Add(key);
        }

        if (entry.Examples.Count < MigrationReport.ExamplesPerReason)
        {
            entry.Examples.Add(Describe(row));
        }

        _byReason[key] = (entry.Count + 1, entry.Examples);
    }

    public IEnumerable<MigrationProblem> ToProblems() => _order.Select(key =>
    {
        var (count, examples) = _byReason[key];
        return new MigrationProblem("row", key.Identity, key.Reason, count, examples);
    });

    private static string Describe(StateRow row)
    {
        var title = string.IsNullOrEmpty(row.Title) ? "??" : row.Title;
        var what = row.Type == MediaType.Episode
            ? string.Create(CultureInfo.InvariantCulture, $"{title} S{row.Season ?? 0:D2}E{row.Episode ?? 0:D2}")
            : row.Year is { } year ? string.Create(CultureInfo.InvariantCulture, $"{title} ({year})") : title;
        return string.Create(CultureInfo.InvariantCulture, $"#{row.Id} {what}");
    }
}
