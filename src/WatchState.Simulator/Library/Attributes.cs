using System.Globalization;

namespace WatchState.Simulator;

/// <summary>The <c>key=value</c> part of one library line, split into item values, ids and per-user state.</summary>
internal sealed class Attributes
{
    private const string DefaultUser = "admin";

    private static readonly HashSet<string> ItemKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "added", "premiered", "runtime", "path", "overview", "original", "genres", "title",
    };

    private static readonly HashSet<string> StateKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "played", "progress", "lastplayed", "playcount", "favorite",
    };

    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<KeyValuePair<string, string>> _providerIds = [];
    private readonly Dictionary<string, StateBuilder> _states = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<KeyValuePair<string, string>> ProviderIds => _providerIds;

    public IReadOnlyDictionary<string, SimPlayState> States =>
        _states.ToDictionary(p => p.Key, p => p.Value.Build(), StringComparer.OrdinalIgnoreCase);

    public static Attributes Read(IEnumerable<SimLibraryParser.Token> tokens, bool allowState)
    {
        var a = new Attributes();
        foreach (var token in tokens)
        {
            var text = token.Text;
            var user = DefaultUser;
            if (text.StartsWith('@'))
            {
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                if (colon < 2)
                {
                    throw new FormatException($"'{text}': a user prefix looks like @alice:played");
                }

                user = text[1..colon];
                text = text[(colon + 1)..];
            }

            var eq = text.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? text : text[..eq];
            var value = eq < 0 ? null : text[(eq + 1)..];
            if (StateKeys.Contains(key))
            {
                if (!allowState)
                {
                    throw new FormatException($"'{key}' belongs on a movie or episode line");
                }

                a.State(user).Apply(key, value);
            }
            else if (user != DefaultUser)
            {
                throw new FormatException($"'{key}' is not a play-state attribute, so it takes no @user prefix");
            }
            else if (ItemKeys.Contains(key))
            {
                a._values[key] = value ?? throw new FormatException($"'{key}' needs a value");
            }
            else if (SimLibraryParser.TryCanonicalProvider(key, out var provider))
            {
                a._providerIds.Add(new(provider, value ?? throw new FormatException($"id '{key}' needs a value")));
            }
            else
            {
                throw new FormatException($"unknown attribute '{key}'");
            }
        }

        return a;
    }

    public string? Get(string key) => _values.GetValueOrDefault(key);

    public DateTimeOffset? Date(string key) => Get(key) is { } v ? SimLibraryParser.ParseDate(v) : null;

    public TimeSpan? Duration(string key) => Get(key) is { } v ? SimLibraryParser.ParseDuration(v) : null;

    public IReadOnlyList<string> List(string key) =>
        Get(key) is { } v ? v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];

    private StateBuilder State(string user)
    {
        if (!_states.TryGetValue(user, out var state))
        {
            _states[user] = state = new StateBuilder();
        }

        return state;
    }

    private sealed class StateBuilder
    {
        private bool _played;
        private DateTimeOffset? _lastPlayed;
        private TimeSpan _position;
        private int? _playCount;
        private bool _favorite;

        public void Apply(string key, string? value)
        {
            switch (key.ToLowerInvariant())
            {
                case "played":
                    _played = true;
                    _lastPlayed = value is null ? _lastPlayed : SimLibraryParser.ParseDate(value);
                    break;
                case "progress":
                    _position = SimLibraryParser.ParseDuration(value ?? throw new FormatException("progress needs a duration"));
                    break;
                case "lastplayed":
                    _lastPlayed = SimLibraryParser.ParseDate(value ?? throw new FormatException("lastplayed needs a date"));
                    break;
                case "playcount":
                    _playCount = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                        ? n
                        : throw new FormatException($"playcount '{value}' is not a number");
                    break;
                default:
                    _favorite = value is null || bool.Parse(value);
                    break;
            }
        }

        public SimPlayState Build() => new()
        {
            Played = _played,
            LastPlayed = _lastPlayed,
            Position = _position,
            PlayCount = _playCount ?? (_played ? 1 : 0),
            Favorite = _favorite,
        };
    }
}
