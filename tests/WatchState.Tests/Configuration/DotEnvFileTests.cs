using WatchState.Configuration;

namespace WatchState.Tests.Configuration;

public class DotEnvFileTests
{
    private static Dictionary<string, string> Parse(string text) =>
        DotEnvFile.Parse(text, "config/.env").ToDictionary(e => e.Key, e => e.Value);

    [Fact]
    public void Reads_key_value_lines_skipping_comments_and_blank_lines()
    {
        var values = Parse("# a comment\n\nWS_TZ=Europe/Berlin\r\n  WS_LIBRARY_SEGMENT = 500  \n");

        Assert.Equal(new Dictionary<string, string> { ["WS_TZ"] = "Europe/Berlin", ["WS_LIBRARY_SEGMENT"] = "500" }, values);
    }

    [Fact]
    public void Strips_quotes_and_tolerates_export()
    {
        var values = Parse("export A=\"two words\"\nB='it is # not a comment'\nC=\"line\\nbreak \\\"q\\\"\" # comment\nD=plain # trailing comment\nE=\n");

        Assert.Equal("two words", values["A"]);
        Assert.Equal("it is # not a comment", values["B"]);
        Assert.Equal("line\nbreak \"q\"", values["C"]);
        Assert.Equal("plain", values["D"]);
        Assert.Equal("", values["E"]);
    }

    [Fact]
    public void Single_quotes_keep_the_text_literally()
    {
        Assert.Equal("a\\nb # x", Parse("K='a\\nb # x'")["K"]);
    }

    [Fact]
    public void A_later_line_wins_over_an_earlier_one()
    {
        var environment = ConfigEnvironment.Create(DotEnvFile.Parse("K=1\nK=2\n", "config/.env"), "config/.env", new Dictionary<string, string>());

        Assert.Equal("2", environment.Get("K"));
    }

    [Fact]
    public void A_line_without_equals_names_the_file_and_line()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("A=1\nnot a setting\n"));

        Assert.Equal("config/.env line 2: expected KEY=VALUE, found 'not a setting'", error.Message);
    }

    [Fact]
    public void An_unclosed_quote_is_an_error()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("A=\"open\n"));

        Assert.Equal("config/.env line 1: A: the value's closing \" is missing", error.Message);
    }

    [Fact]
    public async Task A_missing_file_is_an_empty_environment()
    {
        using var dir = new TempDataDirectory();

        Assert.Empty(await DotEnvFile.ReadAsync(dir.Paths.EnvFile, "config/.env", TestContext.Current.CancellationToken));
    }
}
