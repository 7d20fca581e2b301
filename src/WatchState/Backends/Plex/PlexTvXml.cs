using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace WatchState.Backends.Plex;

/// <summary>A user the owner shares the server with, from plex.tv's XML <c>/api/users/</c>.</summary>
internal sealed record PlexTvSharedUser(long Id, string? Uuid, string Name, bool Home, bool Protected, IReadOnlyList<string> Servers)
{
    public string? Email { get; init; }
}

/// <summary>One share of this server, from <c>/api/servers/{id}/shared_servers</c>: the user's token for it.</summary>
internal sealed record PlexTvShare(long UserId, string AccessToken);

/// <summary>Reads the XML plex.tv still answers on its older user routes (they ignore <c>Accept: application/json</c>).</summary>
internal static partial class PlexTvXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
    };

    public static async Task<XElement> LoadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = XmlReader.Create(stream, Settings);
        var document = await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken);
        return document.Root is { Name.LocalName: "MediaContainer" } root
            ? root
            : throw new XmlException($"expected <MediaContainer>, found <{document.Root?.Name.LocalName}>");
    }

    public static IReadOnlyList<PlexTvSharedUser> Users(XElement container) =>
        container.Elements("User")
            .Select(user => (User: user, Id: Long(user, "id")))
            .Where(u => u.Id is > 0)
            .Select(u => new PlexTvSharedUser(
                u.Id!.Value,
                UuidFromThumb((string?)u.User.Attribute("thumb")),
                FirstNonEmpty((string?)u.User.Attribute("title"), (string?)u.User.Attribute("username")) ?? u.Id.Value.ToString(CultureInfo.InvariantCulture),
                Flag(u.User, "home"),
                Flag(u.User, "protected"),
                u.User.Elements("Server").Select(s => (string?)s.Attribute("machineIdentifier")).OfType<string>().ToList())
            {
                Email = FirstNonEmpty((string?)u.User.Attribute("email")),
            })
            .ToList();

    public static IReadOnlyList<PlexTvShare> Shares(XElement container) =>
        container.Elements("SharedServer")
            .Select(share => (Id: Long(share, "userID"), Token: (string?)share.Attribute("accessToken")))
            .Where(s => s.Id is > 0 && !string.IsNullOrEmpty(s.Token))
            .Select(s => new PlexTvShare(s.Id!.Value, s.Token!))
            .ToList();

    // The XML gives no uuid attribute; the avatar URL carries it (https://plex.tv/users/<uuid>/avatar?c=…).
    internal static string? UuidFromThumb(string? thumb) =>
        thumb is not null && AvatarUuid().Match(thumb) is { Success: true } match ? match.Groups[1].Value : null;

    private static long? Long(XElement element, string name) =>
        long.TryParse((string?)element.Attribute(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool Flag(XElement element, string name) =>
        (string?)element.Attribute(name) is "1" or "true";

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    [GeneratedRegex("/users/([^/]+)/avatar")]
    private static partial Regex AvatarUuid();
}
