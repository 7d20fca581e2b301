using System.Text.Json;
using System.Text.Json.Serialization;

namespace WatchState.Auth;

/// <summary>The body of <c>POST /v1/api/auth/login</c> and <c>/setup</c>.</summary>
public sealed record LoginRequest(string? Username, string? Password)
{
    /// <summary>Keeps the password out of any log line or exception message that prints the request.</summary>
    public override string ToString() => $"LoginRequest {{ Username = {Username} }}";
}

/// <summary><c>GET /v1/api/auth/status</c>, anonymous: whether the first-run setup is still to be done.</summary>
public sealed record AuthStatus(bool SetupNeeded, bool Authenticated);

/// <summary>Who the request is: the admin's name (or <c>apikey</c>) and how it authenticated (<c>cookie</c> or <c>apikey</c>).</summary>
public sealed record AuthMe(string User, string Method, bool SetupNeeded);

/// <summary>The antiforgery token a cookie-authenticated POST/PUT/PATCH/DELETE sends in <see cref="HeaderName"/>.</summary>
public sealed record CsrfToken(string HeaderName, string Token);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(AuthStatus))]
[JsonSerializable(typeof(AuthMe))]
[JsonSerializable(typeof(CsrfToken))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
