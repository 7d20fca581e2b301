using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using WatchState.Simulator;

namespace WatchState.Tests.Simulator;

/// <summary>The simulator's web socket, spoken to with a plain client.</summary>
public sealed class SocketTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(MediaBrowserFlavor.Jellyfin, "socket")]
    [InlineData(MediaBrowserFlavor.Emby, "embywebsocket")]
    public async Task The_api_key_in_the_query_opens_the_socket_and_force_keep_alive_comes_first(MediaBrowserFlavor flavor, string path)
    {
        await using var sim = await Sim.StartAsync(flavor: flavor);
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(SocketUri(sim, path, sim.ApiKey), Ct);

        using var first = await ReceiveAsync(socket);
        Assert.Equal("ForceKeepAlive", first.RootElement.GetProperty("MessageType").GetString());
        Assert.Equal(60, first.RootElement.GetProperty("Data").GetInt32());
        Assert.Equal(flavor == MediaBrowserFlavor.Jellyfin, first.RootElement.TryGetProperty("MessageId", out _));
    }

    [Fact]
    public async Task A_bad_token_is_401_before_the_upgrade()
    {
        await using var sim = await Sim.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(SocketUri(sim, "socket", "wrong"), Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task A_user_socket_gets_only_that_users_changes_and_the_api_key_socket_gets_all()
    {
        await using var sim = await Sim.StartAsync();
        var alice = sim.UserIdOf("alice");
        using var aliceSocket = new ClientWebSocket();
        aliceSocket.Options.SetRequestHeader("Authorization", $"MediaBrowser Token=\"{await LoginAsync(sim, "alice")}\"");
        await aliceSocket.ConnectAsync(SocketUri(sim, "socket", null), Ct);
        using var keySocket = new ClientWebSocket();
        await keySocket.ConnectAsync(SocketUri(sim, "socket", sim.ApiKey), Ct);
        (await ReceiveAsync(aliceSocket)).Dispose();
        (await ReceiveAsync(keySocket)).Dispose();

        sim.MarkPlayed(sim.AdminUserId, sim.ItemIdOf("The Matrix"), null);
        sim.SetPosition(alice, sim.ItemIdOf("Inception"), TimeSpan.FromMinutes(5));

        using var toAlice = await ReceiveAsync(aliceSocket);
        var data = toAlice.RootElement.GetProperty("Data");
        Assert.Equal("UserDataChanged", toAlice.RootElement.GetProperty("MessageType").GetString());
        Assert.Equal(alice, data.GetProperty("UserId").GetString());
        var entry = Assert.Single(data.GetProperty("UserDataList").EnumerateArray());
        Assert.Equal(sim.ItemIdOf("Inception"), entry.GetProperty("ItemId").GetString());
        Assert.Equal(TimeSpan.FromMinutes(5).Ticks, entry.GetProperty("PlaybackPositionTicks").GetInt64());

        using var toKey = await ReceiveAsync(keySocket);
        Assert.Equal(sim.AdminUserId, toKey.RootElement.GetProperty("Data").GetProperty("UserId").GetString());
    }

    [Fact]
    public async Task Sessions_start_sends_this_users_sessions_and_keep_alive_is_answered()
    {
        await using var sim = await Sim.StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(SocketUri(sim, "socket", sim.ApiKey), Ct);
        (await ReceiveAsync(socket)).Dispose();
        sim.StartPlaying(sim.AdminUserId, sim.ItemIdOf("The Matrix"), TimeSpan.FromMinutes(3));

        await SendAsync(socket, """{"MessageType":"SessionsStart","Data":"0,1500"}""");
        using var sessions = await ReceiveAsync(socket);
        await SendAsync(socket, """{"MessageType":"KeepAlive"}""");

        Assert.Equal("Sessions", sessions.RootElement.GetProperty("MessageType").GetString());
        var session = Assert.Single(sessions.RootElement.GetProperty("Data").EnumerateArray());
        Assert.Equal(TimeSpan.FromMinutes(3).Ticks, session.GetProperty("PlayState").GetProperty("PositionTicks").GetInt64());
        Assert.False(session.GetProperty("PlayState").GetProperty("IsPaused").GetBoolean());
        while (true)
        {
            using var next = await ReceiveAsync(socket);
            if (next.RootElement.GetProperty("MessageType").GetString() == "KeepAlive")
            {
                break;
            }
        }

        Assert.Equal(1, sim.SocketKeepAlives);
    }

    private static Uri SocketUri(MediaBrowserSimulator sim, string path, string? token)
    {
        var builder = new UriBuilder(sim.BaseUrl) { Scheme = "ws", Path = path, Query = "deviceId=test" };
        if (token is not null)
        {
            builder.Query = $"api_key={Uri.EscapeDataString(token)}&deviceId=test";
        }

        return builder.Uri;
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, Ct);

    private static async Task<JsonDocument> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var buffer = new byte[256 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);
        return JsonDocument.Parse(buffer.AsMemory(0, length));
    }

    private static async Task<string> LoginAsync(MediaBrowserSimulator sim, string name)
    {
        using var http = Sim.Anonymous(sim);
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "MediaBrowser Client=\"tests\", Device=\"ci\", DeviceId=\"1\", Version=\"1\"");
        var body = await http.SendJsonAsync(HttpMethod.Post, "Users/AuthenticateByName", $$"""{"Username":"{{name}}","Pw":"{{name}}pass"}""");
        return body.GetProperty("AccessToken").GetString()!;
    }
}
