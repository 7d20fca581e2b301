using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WatchState.Simulator;

/// <summary>Reads the text format documented on <see cref="SimLibrary.Parse"/>.</summary>
internal static partial class SimLibraryParser
{
    private static readonly Dictionary<string, string> KnownProviders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["imdb"] = "Imdb",
        ["tmdb"] = "Tmdb",
        ["tvdb"] = "Tvdb",
        ["tvmaze"] = "Tvmaze",
        ["tvrage"] = "TvRage",
        ["anidb"] = "AniDB",
        ["tmdbcollection"] = "TmdbCollection",
    };

    public static SimLibrary Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var movies = new List<SimMovie>();
        var shows = new List<SimShow>();
        SimShow? show = null;
        List<SimEpisode>? episodes = null;

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var tokens = Tokenize(lines[i], i + 1);
            if (tokens.Count == 0)
            {
                continue;
            }

            try
            {
                var head = tokens[0];
                if (!head.Quoted && head.Text.Equals("movie", StringComparison.OrdinalIgnoreCase))
                {
                    movies.Add(ParseMovie(tokens));
                }
                else if (!head.Quoted && head.Text.Equals("show", StringComparison.OrdinalIgnoreCase))
                {
                    Close(show, episodes, shows);
                    (show, episodes) = (ParseShow(tokens), []);
                }
                else if (!head.Quoted && EpisodeCode().Match(head.Text) is { Success: true } code)
                {
                    if (episodes is null)
                    {
                        throw new FormatException("an episode needs a show line above it");
                    }

                    episodes.Add(ParseEpisode(code, tokens));
                }
                else
                {
                    throw new FormatException($"expected movie, show or sNNeMM, found '{head.Text}'");
                }
            }
            catch (FormatException e) when (!e.Message.StartsWith("line ", StringComparison.Ordinal))
            {
                throw new FormatException($"line {i + 1}: {e.Message}", e);
            }
        }

        Close(show, episodes, shows);
        return new SimLibrary(movies, shows);
    }

    private static void Close(SimShow? show, List<SimEpisode>? episodes, List<SimShow> shows)
    {
        if (show is not null)
        {
            shows.Add(show with { Episodes = episodes ?? [] });
        }
    }

    private static SimMovie ParseMovie(List<Token> tokens)
    {
        var (title, year, rest) = TitleAndYear(tokens);
        var a = Attributes.Read(rest, allowState: true);
        var movie = new SimMovie { Title = title, Year = year, OriginalTitle = a.Get("original") };
        return WithVideoAttributes(movie, a, TimeSpan.FromHours(2));
    }

    private static SimShow ParseShow(List<Token> tokens)
    {
        var (title, year, rest) = TitleAndYear(tokens);
        var a = Attributes.Read(rest, allowState: false);
        return new SimShow
        {
            Title = title,
            Year = year,
            ProviderIds = a.ProviderIds,
            Added = a.Date("added"),
            Premiered = a.Date("premiered"),
            Overview = a.Get("overview"),
            Genres = a.List("genres"),
        };
    }

    private static SimEpisode ParseEpisode(Match code, List<Token> tokens)
    {
        var a = Attributes.Read(tokens.Skip(1), allowState: true);
        var episode = int.Parse(code.Groups[2].Value, CultureInfo.InvariantCulture);
        int? end = code.Groups[3].Success ? int.Parse(code.Groups[3].Value, CultureInfo.InvariantCulture) : null;
        if (end <= episode)
        {
            throw new FormatException($"multi-episode end {end} must be after {episode}");
        }

        var season = int.Parse(code.Groups[1].Value, CultureInfo.InvariantCulture);
        var item = new SimEpisode { Season = season, Episode = episode, EpisodeEnd = end, Title = a.Get("title") };
        return WithVideoAttributes(item, a, TimeSpan.FromMinutes(45));
    }

    /// <summary>
    /// Movies and episodes read their <see cref="SimVideo"/> part from the same attributes, in the same order (so the
    /// first bad value reported stays the same); only the runtime default differs, a film's against an episode's.
    /// </summary>
    private static T WithVideoAttributes<T>(T video, Attributes a, TimeSpan defaultRunTime)
        where T : SimVideo =>
        (T)(video with
        {
            ProviderIds = a.ProviderIds,
            Added = a.Date("added"),
            Premiered = a.Date("premiered"),
            RunTime = a.Duration("runtime") ?? defaultRunTime,
            Path = a.Get("path"),
            Overview = a.Get("overview"),
            Genres = a.List("genres"),
            States = a.States,
        });

    private static (string Title, int? Year, IEnumerable<Token> Others) TitleAndYear(List<Token> tokens)
    {
        if (tokens.Count < 2 || !tokens[1].Quoted || tokens[1].Text.Length == 0)
        {
            throw new FormatException($"{tokens[0].Text} needs a quoted title");
        }

        if (tokens.Count > 2 && !tokens[2].Quoted && Year().IsMatch(tokens[2].Text))
        {
            return (tokens[1].Text, int.Parse(tokens[2].Text, CultureInfo.InvariantCulture), tokens.Skip(3));
        }

        return (tokens[1].Text, null, tokens.Skip(2));
    }

    internal static TimeSpan ParseDuration(string value)
    {
        if (value.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParseExact(value, [@"h\:mm\:ss", @"hh\:mm\:ss", @"m\:ss"], CultureInfo.InvariantCulture, out var clock))
        {
            return clock;
        }

        var m = Duration().Match(value);
        if (!m.Success || value.Length == 0)
        {
            throw new FormatException($"'{value}' is not a duration (1h30m, 45m, 90s, 1500ms, hh:mm:ss)");
        }

        long Part(int group) => m.Groups[group].Success ? long.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        return TimeSpan.FromHours(Part(1)) + TimeSpan.FromMinutes(Part(2)) + TimeSpan.FromSeconds(Part(3))
            + TimeSpan.FromMilliseconds(Part(4));
    }

    internal static DateTimeOffset ParseDate(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToUniversalTime()
            : throw new FormatException($"'{value}' is not an ISO-8601 date");

    private static List<Token> Tokenize(string line, int number)
    {
        var tokens = new List<Token>();
        var current = new StringBuilder();
        var inQuotes = false;
        var quoted = false;
        var started = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inQuotes)
            {
                if (c == '\\' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    current.Append(c);
                }

                continue;
            }

            if (c == '#')
            {
                break;
            }

            if (char.IsWhiteSpace(c))
            {
                Flush();
                continue;
            }

            if (c == '"')
            {
                inQuotes = true;
                quoted |= !started;
            }
            else
            {
                current.Append(c);
            }

            started = true;
        }

        if (inQuotes)
        {
            throw new FormatException($"line {number}: unclosed quote");
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (started)
            {
                tokens.Add(new Token(current.ToString(), quoted));
            }

            current.Clear();
            (quoted, started) = (false, false);
        }
    }

    internal static bool TryCanonicalProvider(string key, out string canonical)
    {
        if (KnownProviders.TryGetValue(key, out canonical!))
        {
            return true;
        }

        canonical = key;
        return key.Length > 0 && char.IsUpper(key[0]) && key.All(char.IsLetterOrDigit);
    }

    [GeneratedRegex(@"^s(\d+)e(\d+)(?:-e?(\d+))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EpisodeCode();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex Year();

    [GeneratedRegex(@"^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();

    internal readonly record struct Token(string Text, bool Quoted);
}
