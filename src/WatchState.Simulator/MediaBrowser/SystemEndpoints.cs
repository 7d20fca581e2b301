using System.Text.Json;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>Server identity, users and sign-in.</summary>
internal static class SystemEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SimServer s)
    {
        app.MapGet("/System/Info/Public", ctx => Http.Json(ctx, w => SystemWriter.WritePublic(w, s)))
            .WithMetadata(new AnonymousEndpoint());
        app.MapMethods("/System/Ping", ["GET", "POST"], ctx => Http.Json(ctx, w => w.WriteStringValue(s.IsEmby ? "Emby Server" : "Jellyfin Server")))
            .WithMetadata(new AnonymousEndpoint());
        app.MapGet("/System/Info", ctx => Http.Json(ctx, w => SystemWriter.WriteInfo(w, s)));
        app.MapGet("/Users", ctx => ListUsers(ctx, s));
        app.MapGet("/Users/Me", ctx => ctx.GetPrincipal()?.User is { } me
            ? Http.Json(ctx, w => UserWriter.Write(w, s, me))
            : Http.Status(ctx, StatusCodes.Status400BadRequest));
        app.MapGet("/Users/{userId}", async ctx =>
        {
            var (ok, user) = await Http.ResolveUser(ctx, s, ctx.Route("userId"), required: true);
            if (ok)
            {
                await Http.Json(ctx, w => UserWriter.Write(w, s, user!));
            }
        });
        app.MapPost("/Users/AuthenticateByName", ctx => AuthenticateByName(ctx, s))
            .WithMetadata(new AnonymousEndpoint());
    }

    private static Task ListUsers(HttpContext ctx, SimServer s)
    {
        if (ctx.GetPrincipal() is { IsAdmin: false })
        {
            return Http.Forbidden(ctx);
        }

        return Http.Json(ctx, w =>
        {
            w.WriteStartArray();
            foreach (var user in s.Users)
            {
                UserWriter.Write(w, s, user);
            }

            w.WriteEndArray();
        });
    }

    /// <summary>Every user's password is its name followed by "pass" (alice / alicepass).</summary>
    private static async Task AuthenticateByName(HttpContext ctx, SimServer s)
    {
        string? name = null;
        string? password = null;
        try
        {
            using var body = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
            foreach (var p in body.RootElement.EnumerateObject())
            {
                if (p.NameEquals("Username") || p.Name.Equals("username", StringComparison.OrdinalIgnoreCase))
                {
                    name = p.Value.GetString();
                }
                else if (p.Name.Equals("Pw", StringComparison.OrdinalIgnoreCase))
                {
                    password = p.Value.GetString();
                }
            }
        }
        catch (JsonException)
        {
            await Http.Status(ctx, StatusCodes.Status400BadRequest);
            return;
        }
        catch (InvalidOperationException)
        {
            await Http.Status(ctx, StatusCodes.Status400BadRequest);
            return;
        }

        var user = name is null ? null : s.FindUserByName(name);
        if (user is null || !string.Equals(user.Password, password, StringComparison.Ordinal))
        {
            await Http.Status(ctx, StatusCodes.Status401Unauthorized);
            return;
        }

        var token = s.IssueToken(user);
        await Http.Json(ctx, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("User"u8);
            UserWriter.Write(w, s, user);
            w.WriteStartObject("SessionInfo"u8);
            w.WriteString("RemoteEndPoint"u8, ctx.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1");
            w.WriteString("Id"u8, IdAllocator.Hash(token, "session"));
            w.WriteString("UserId"u8, user.Id);
            w.WriteString("UserName"u8, user.Name);
            w.WriteString("Client"u8, "simulator");
            JsonBits.WriteDate(w, "LastActivityDate"u8, s.Now);
            w.WriteString("DeviceName"u8, "simulator");
            w.WriteBoolean("IsActive"u8, true);
            w.WriteString("ServerId"u8, s.ServerId);
            w.WriteEndObject();
            w.WriteString("AccessToken"u8, token);
            w.WriteString("ServerId"u8, s.ServerId);
            w.WriteEndObject();
        });
    }
}
