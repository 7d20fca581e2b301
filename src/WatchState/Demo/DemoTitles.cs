namespace WatchState.Demo;

/// <summary>A movie of the demo's sample library.</summary>
internal sealed record DemoMovie(string Title, int Year, string Imdb, int Minutes);

/// <summary>A show of the demo's sample library: one season, episodes named in order.</summary>
internal sealed record DemoShow(string Title, int Year, string Tvdb, int EpisodeMinutes, IReadOnlyList<string> Episodes);

/// <summary>
/// Well-known titles with their real IMDb and TVDB ids, so the sample library looks like a real one and the three
/// servers match items the way real servers do: by external id.
/// </summary>
internal static class DemoTitles
{
    public static IReadOnlyList<DemoMovie> Movies { get; } =
    [
        new("The Matrix", 1999, "tt0133093", 136),
        new("Inception", 2010, "tt1375666", 148),
        new("The Shawshank Redemption", 1994, "tt0111161", 142),
        new("The Godfather", 1972, "tt0068646", 175),
        new("The Dark Knight", 2008, "tt0468569", 152),
        new("Pulp Fiction", 1994, "tt0110912", 154),
        new("Fight Club", 1999, "tt0137523", 139),
        new("Forrest Gump", 1994, "tt0109830", 142),
        new("Interstellar", 2014, "tt0816692", 169),
        new("Gladiator", 2000, "tt0172495", 155),
        new("The Lord of the Rings: The Fellowship of the Ring", 2001, "tt0120737", 178),
        new("Star Wars", 1977, "tt0076759", 121),
        new("Back to the Future", 1985, "tt0088763", 116),
        new("Alien", 1979, "tt0078748", 117),
        new("Jurassic Park", 1993, "tt0107290", 127),
        new("Titanic", 1997, "tt0120338", 194),
        new("The Silence of the Lambs", 1991, "tt0102926", 118),
        new("Se7en", 1995, "tt0114369", 127),
        new("Goodfellas", 1990, "tt0099685", 146),
        new("The Prestige", 2006, "tt0482571", 130),
        new("Memento", 2000, "tt0209144", 113),
        new("Spirited Away", 2001, "tt0245429", 125),
        new("Parasite", 2019, "tt6751668", 132),
        new("Whiplash", 2014, "tt2582802", 106),
        new("The Departed", 2006, "tt0407887", 151),
        new("Casablanca", 1942, "tt0034583", 102),
        new("Blade Runner", 1982, "tt0083658", 117),
        new("Heat", 1995, "tt0113277", 170),
        new("Toy Story", 1995, "tt0114709", 81),
        new("WALL·E", 2008, "tt0910970", 98),
        new("Up", 2009, "tt1049413", 96),
        new("Arrival", 2016, "tt2543164", 116),
        new("Mad Max: Fury Road", 2015, "tt1392190", 120),
        new("Dune", 2021, "tt1160419", 155),
        new("The Social Network", 2010, "tt1285016", 120),
        new("Amélie", 2001, "tt0211915", 122),
        new("Oldboy", 2003, "tt0364569", 120),
        new("No Country for Old Men", 2007, "tt0477348", 122),
        new("The Grand Budapest Hotel", 2014, "tt2278388", 99),
        new("Her", 2013, "tt1798709", 126),
        new("Drive", 2011, "tt0780504", 100),
        new("Gravity", 2013, "tt1454468", 91),
        new("Terminator 2: Judgment Day", 1991, "tt0103064", 137),
        new("Die Hard", 1988, "tt0095016", 132),
        new("Raiders of the Lost Ark", 1981, "tt0082971", 115),
        new("The Shining", 1980, "tt0081505", 146),
        new("2001: A Space Odyssey", 1968, "tt0062622", 149),
        new("Apocalypse Now", 1979, "tt0078788", 147),
        new("Everything Everywhere All at Once", 2022, "tt6710474", 139),
        new("Ratatouille", 2007, "tt0382932", 111),
        new("Finding Nemo", 2003, "tt0266543", 100),
        new("The Incredibles", 2004, "tt0317705", 115),
        new("Moon", 2009, "tt1182345", 97),
        new("Ex Machina", 2014, "tt0470752", 108),
        new("Sicario", 2015, "tt3397884", 121),
        new("Prisoners", 2013, "tt1392214", 153),
        new("Gone Girl", 2014, "tt2267998", 149),
        new("Zodiac", 2007, "tt0443706", 157),
        new("The Truman Show", 1998, "tt0120382", 103),
        new("Eternal Sunshine of the Spotless Mind", 2004, "tt0338013", 108),
        new("Children of Men", 2006, "tt0206634", 109),
        new("Edge of Tomorrow", 2014, "tt1631867", 113),
        new("Knives Out", 2019, "tt8946378", 130),
    ];

    public static IReadOnlyList<DemoShow> Shows { get; } =
    [
        new("Breaking Bad", 2008, "81189", 47,
        [
            "Pilot", "Cat's in the Bag...", "...And the Bag's in the River", "Cancer Man", "Gray Matter",
            "Crazy Handful of Nothin'", "A No-Rough-Stuff-Type Deal",
        ]),
        new("Stranger Things", 2016, "305288", 50,
        [
            "Chapter One: The Vanishing of Will Byers", "Chapter Two: The Weirdo on Maple Street", "Chapter Three: Holly, Jolly",
            "Chapter Four: The Body", "Chapter Five: The Flea and the Acrobat", "Chapter Six: The Monster",
            "Chapter Seven: The Bathtub", "Chapter Eight: The Upside Down",
        ]),
        new("The Expanse", 2015, "280619", 44,
        [
            "Dulcinea", "The Big Empty", "Remember the Cant", "CQB", "Back to the Butcher", "Rock Bottom", "Windmills",
            "Salvage", "Critical Mass", "Leviathan Wakes",
        ]),
        new("The Office", 2005, "73244", 22,
        [
            "Pilot", "Diversity Day", "Health Care", "The Alliance", "Basketball", "Hot Girl",
        ]),
    ];
}
