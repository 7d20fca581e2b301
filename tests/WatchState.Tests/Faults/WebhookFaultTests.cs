using System.Globalization;
using System.Net;
using WatchState.Storage;
using WatchState.Tests.Webhooks;
using WatchState.Webhooks;

namespace WatchState.Tests.Faults;

/// <summary>
/// A Jellyfin webhook arrives at the running server while Emby, where the change must be pushed, misbehaves: the
/// webhook is accepted, the server stays up, the push ends with the write done or waiting with a clear reason
/// after a bounded number of tries, and once Emby behaves an export delivers it.
/// </summary>
public sealed class WebhookFaultTests
{
    /// <summary>The write's three tries in the push (no HTTP retries for writes) and the reads around it with their HTTP retries.</summary>
    private const int MostTries = 3 + 2 * FaultCases.Attempts;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var where in new[] { "write", "read" })
        {
            foreach (var fault in FaultCases.All)
            {
                data.Add(where, fault);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_webhook_pushed_to_a_faulty_server_is_accepted_accounted_for_and_delivered_later(string where, string fault)
    {
        await using var serve = await FaultServe.StartAsync();
        var rule = serve.Emby.Faults.Add(FaultCases.Rule(fault, where == "write" ? "/Users/*/PlayedItems" : "/Users/*/Items"));

        var status = await serve.PostAsync(MarkPlayedOnJellyfin(serve, "Inception"));

        Assert.Equal(HttpStatusCode.OK, status);
        // The open-writes listing leaves done rows out: wait until written, or until a try left its reason.
        Assert.True(await FaultServe.EventuallyAsync(async () =>
            FaultServe.Played(serve.Emby, "Inception") || (await EmbyRowAsync(serve)) is { LastError: not null }));
        var row = FaultServe.Played(serve.Emby, "Inception") ? null : await EmbyRowAsync(serve);
        Assert.True(await serve.HealthyAsync());
        Assert.InRange(rule.Hits, 0, MostTries);
        if (row is null)
        {
            Assert.True(FaultServe.Played(serve.Emby, "Inception"), $"{fault}: reported done but not written");
        }
        else
        {
            FaultCases.AssertClean(row.LastError);
            Assert.False(FaultServe.Played(serve.Emby, "Inception"));
        }

        serve.Emby.Faults.Clear();
        var export = await serve.Cli.RunAsync("state:export");

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.True(FaultServe.Played(serve.Emby, "Inception"), export.ToString());
        Assert.True(await serve.HealthyAsync());
    }

    private static async Task<OutboxEntry?> EmbyRowAsync(FaultServe serve) =>
        (await serve.OutboxAsync()).FirstOrDefault(e => e.Backend == "emby");

    internal static WebhookRequest MarkPlayedOnJellyfin(FaultServe serve, string title)
    {
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        return WebhookHarness.Edited(
            "jellyfin-webhook-real/raw/19-UserDataSaved-TogglePlayed-admin-movie-mark-played.json",
            WebhookSamples.JellyfinAgent,
            j =>
            {
                j["ServerId"] = serve.Jellyfin.ServerId;
                j["UserId"] = serve.Jellyfin.AdminUserId;
                j["ItemId"] = serve.Jellyfin.ItemIdOf(title);
                j["Name"] = title;
                j["Year"] = 2010;
                j["Provider_imdb"] = "tt1375666";
                j["LastPlayedDate"] = now;
                j["UtcTimestamp"] = now;
                j["Timestamp"] = now;
            });
    }
}
