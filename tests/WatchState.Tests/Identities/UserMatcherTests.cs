using WatchState.Identities;

namespace WatchState.Tests.Identities;

public sealed class UserMatcherTests
{
    private static BackendUser U(string backend, string name, string? email = null, bool admin = false) =>
        new(backend, $"{backend}-{name}", name, email, admin);

    private static IdentityGroup GroupOf(MatchResult result, string backend, string name) =>
        result.Groups.Single(g => g.Members.Any(m => m.User.Backend == backend && m.User.Name == name));

    [Fact]
    public void ThreeServersAreMatchedByNameWithOneMappingLineForTheOddNameAndAUserOnTwoServers()
    {
        BackendUser[] users =
        [
            U("jf", "Mike Jones", admin: true), U("jf", "bob"), U("jf", "dave"),
            U("emby", "mike.jones", admin: true), U("emby", "Bob"), U("emby", "Dave"),
            U("plex", "MikeJones", admin: true), U("plex", "Robert"), U("plex", "eve"),
        ];
        var mapping = MapperFile.Parse("""
            version: "1.5"
            map:
              - plex: { name: Robert }
                jf: { name: bob }
            """);

        var result = UserMatcher.Match(users, mapping);

        Assert.Equal(["main", "dave", "robert"], result.Groups.Select(g => g.Name));
        var main = result.Groups[0];
        Assert.Equal(["jf", "emby", "plex"], main.Members.Select(m => m.User.Backend));
        Assert.All(main.Members, m => Assert.Equal(UserMatcher.ByName, m.Reason));

        var bob = GroupOf(result, "plex", "Robert");
        Assert.Equal(UserMatcher.ByMapping, bob.Members.Single(m => m.User.Backend == "plex").Reason);
        Assert.Equal(UserMatcher.ByMapping, bob.Members.Single(m => m.User.Backend == "jf").Reason);
        Assert.Equal(UserMatcher.ByName, bob.Members.Single(m => m.User.Backend == "emby").Reason);

        var dave = GroupOf(result, "jf", "dave");
        Assert.Equal(["jf", "emby"], dave.Members.Select(m => m.User.Backend));

        var eve = Assert.Single(result.Unmatched);
        Assert.Equal("eve", eve.User.Name);
        Assert.Equal("only on plex", eve.Reason);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void WithoutTheMappingTheOddlyNamedUserIsLeftUnmatchedNotGuessed()
    {
        BackendUser[] users = [U("jf", "bob"), U("emby", "Bob"), U("plex", "Robert")];

        var result = UserMatcher.Match(users, UserMapping.Empty);

        Assert.Equal(2, Assert.Single(result.Groups).Members.Count);
        Assert.Equal("Robert", Assert.Single(result.Unmatched).User.Name);
    }

    [Fact]
    public void TwoUsersOfOneBackendWithTheSameNormalisedNameAreNotMerged()
    {
        BackendUser[] users = [U("jf", "Anna"), U("jf", "anna_"), U("emby", "anna")];

        var result = UserMatcher.Match(users, UserMapping.Empty);

        Assert.Empty(result.Groups);
        Assert.Equal(3, result.Unmatched.Count);
        Assert.All(result.Unmatched, u => Assert.StartsWith("ambiguous", u.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void SameBackendCollisionAgainstAMappedGroupIsAmbiguous()
    {
        BackendUser[] users = [U("jf", "kim"), U("emby", "Kim"), U("emby", "k.i.m")];
        var mapping = MapperFile.Parse("map:\n  - jf: { name: kim }\n");

        var result = UserMatcher.Match(users, mapping);

        Assert.Empty(result.Groups);
        Assert.Equal(2, result.Unmatched.Count(u => u.Reason.StartsWith("ambiguous", StringComparison.Ordinal)));
    }

    [Fact]
    public void UsersMatchingTwoIdentitiesAreAmbiguousAndDoNotFormANewOneTogether()
    {
        BackendUser[] users = [U("jf", "kim"), U("emby", "KIM"), U("plex", "kim"), U("kodi", "Kim")];
        var mapping = MapperFile.Parse("map:\n  - jf: kim\n  - emby: KIM\n");

        var result = UserMatcher.Match(users, mapping);

        Assert.Empty(result.Groups);
        Assert.Equal(["plex", "kodi"], result.Unmatched.Where(u => u.Reason.StartsWith("ambiguous", StringComparison.Ordinal)).Select(u => u.User.Backend));
    }

    [Fact]
    public void UsersWithDifferentNamesButTheSameEmailAreMatchedByEmail()
    {
        BackendUser[] users = [U("jf", "jsmith", "J.Smith@Example.org"), U("emby", "John Smith", " j.smith@example.org"), U("plex", "other", "x@example.org")];

        var result = UserMatcher.Match(users, UserMapping.Empty);

        var group = Assert.Single(result.Groups);
        Assert.All(group.Members, m => Assert.Equal(UserMatcher.ByEmail, m.Reason));
        Assert.Equal("other", Assert.Single(result.Unmatched).User.Name);
    }

    [Fact]
    public void NamesMatchIgnoringCaseDiacriticsAndSeparators()
    {
        BackendUser[] users = [U("jf", " José-María "), U("emby", "jose_maria"), U("plex", "JOSE.MARIA")];

        var result = UserMatcher.Match(users, UserMapping.Empty);

        var group = Assert.Single(result.Groups);
        Assert.Equal(3, group.Members.Count);
        Assert.Equal("jose_maria", group.Name);
    }

    [Fact]
    public void AdminsThatDoNotMatchGiveNoMainIdentityAndANoteSaysWhy()
    {
        BackendUser[] users = [U("jf", "root", admin: true), U("emby", "owner", admin: true)];

        var result = UserMatcher.Match(users, UserMapping.Empty);

        Assert.Empty(result.Groups);
        Assert.Contains(result.Notes, n => n.Contains("no 'main' identity", StringComparison.Ordinal));
    }

    [Fact]
    public void MappingAnUnknownUserIsNotedWithItsLine()
    {
        BackendUser[] users = [U("jf", "a"), U("emby", "b")];
        var mapping = MapperFile.Parse("map:\n  - jf: { name: a }\n    emby: { name: nobody }\n");

        var result = UserMatcher.Match(users, mapping);

        Assert.Contains("mapper.yaml line 3: emby has no user 'nobody'", result.Notes);
        Assert.Equal(2, result.Unmatched.Count);
    }
}
