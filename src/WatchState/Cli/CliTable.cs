namespace WatchState.Cli;

/// <summary>Rows of text to show as a table; <see cref="CliOutput"/> decides how (Spectre or plain columns).</summary>
internal sealed class CliTable(params string[] columns)
{
    private readonly List<string[]> rows = [];

    public IReadOnlyList<string> Columns { get; } = columns;

    public IReadOnlyList<string[]> Rows => rows;

    public CliTable Add(params string?[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"expected {Columns.Count} cells, got {cells.Length}", nameof(cells));
        }

        rows.Add([.. cells.Select(c => c ?? "")]);
        return this;
    }

    /// <summary>Columns padded to their widest cell, two spaces apart: readable, and easy for awk/cut.</summary>
    public void WritePlain(TextWriter writer)
    {
        var widths = Columns.Select((c, i) => rows.Select(r => r[i].Length).Prepend(c.Length).Max()).ToArray();
        WriteRow(writer, [.. Columns], widths);
        foreach (var row in rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    private static void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        var padded = cells.Select((cell, i) => i == cells.Length - 1 ? cell : cell.PadRight(widths[i]));
        writer.WriteLine(string.Join("  ", padded).TrimEnd());
    }
}
