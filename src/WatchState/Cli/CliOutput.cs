using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace WatchState.Cli;

/// <summary>
/// Everything a command prints goes through here: Spectre.Console tables and colours when the stream is a
/// terminal, plain text when it is redirected, so scripts get stable, uncoloured output.
/// </summary>
internal sealed class CliOutput
{
    private readonly CliHost host;
    private readonly IAnsiConsole? terminal;
    private readonly IAnsiConsole? errorTerminal;

    // While a command runs for several identities, each JSON document is kept under its identity and the whole is
    // printed as one object at the end, so `-o json --all` stays one parseable document.
    private JsonObject? jsonGroup;
    private string? jsonKey;

    public CliOutput(CliHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        this.host = host;
        terminal = host.OutIsTerminal ? CreateConsole(host.Out) : null;
        errorTerminal = host.ErrorIsTerminal ? CreateConsole(host.Error) : null;
    }

    private static readonly JsonSerializerOptions GroupOptions = new() { WriteIndented = true };

    public bool IsInteractive => host.IsInteractive;

    /// <summary>The terminal behind stdout, for live widgets such as progress bars; null when redirected.</summary>
    public IAnsiConsole? Terminal => terminal;

    public void Line(string text) => host.Out.WriteLine(text);

    /// <summary>A side remark on stderr, so it never mixes into output meant for other programs (<c>-o json</c>).</summary>
    public void Note(string text) => host.Error.WriteLine(text);

    public void Success(string text) => Write(terminal, host.Out, text, Color.Green);

    /// <summary>Warnings and errors go to stderr so they never mix into output a script parses.</summary>
    public void Warning(string text) => Write(errorTerminal, host.Error, text, Color.Yellow);

    public void Error(string text) => Write(errorTerminal, host.Error, text, Color.Red);

    public void Table(CliTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (terminal is null)
        {
            table.WritePlain(host.Out);
            return;
        }

        var rendered = new Table().Border(TableBorder.Rounded);
        foreach (var column in table.Columns)
        {
            rendered.AddColumn(new TableColumn(new Text(column, new Style(decoration: Decoration.Bold))));
        }

        foreach (var row in table.Rows)
        {
            rendered.AddRow(row.Select(cell => (IRenderable)new Text(cell)));
        }

        terminal.Write(rendered);
    }

    public void Json<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        if (jsonGroup is not null && jsonKey is not null)
        {
            jsonGroup[jsonKey] = JsonSerializer.SerializeToNode(value, typeInfo);
            return;
        }

        host.Out.WriteLine(JsonSerializer.Serialize(value, typeInfo));
    }

    /// <summary>From now on <see cref="Json{T}"/> keeps its document under <paramref name="key"/> until <see cref="WriteJsonGroup"/>.</summary>
    public void JsonUnder(string key)
    {
        jsonGroup ??= [];
        jsonKey = key;
    }

    /// <summary>Prints the documents kept by <see cref="JsonUnder"/> as one object keyed by their keys.</summary>
    public void WriteJsonGroup()
    {
        if (jsonGroup is null)
        {
            return;
        }

        host.Out.WriteLine(jsonGroup.ToJsonString(GroupOptions));
        jsonGroup = null;
        jsonKey = null;
    }

    /// <summary>Asks a question on the terminal; null when input has ended.</summary>
    public string? Ask(string question)
    {
        host.Out.Write(question);
        host.Out.Flush();
        return host.In.ReadLine();
    }

    /// <summary>Asks for a secret: not echoed on a real terminal; null when input has ended.</summary>
    public string? AskSecret(string question)
    {
        if (terminal is null || !host.IsInteractive)
        {
            return Ask(question);
        }

        return terminal.Prompt(new TextPrompt<string>(Markup.Escape(question)).Secret().AllowEmpty());
    }

    // Only built for a real terminal, so it may redraw in place: progress bars need both settings, which
    // Spectre cannot detect through a TextWriter.
    private static IAnsiConsole CreateConsole(TextWriter writer) =>
        AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
        });

    private static void Write(IAnsiConsole? console, TextWriter plain, string text, Color colour)
    {
        if (console is null)
        {
            plain.WriteLine(text);
            return;
        }

        console.Write(new Text(text + "\n", new Style(colour)));
    }
}
