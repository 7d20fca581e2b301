namespace WatchState.Api.System;

/// <summary>The running program's version.</summary>
public sealed record VersionDto(string Version, string Runtime);

/// <summary>The new API key, shown this once: every webhook URL and script must be updated with it.</summary>
public sealed record ApiKeyDto(string ApiKey);

/// <summary>One backend's live events: whether they are on, and how the connection is doing.</summary>
/// <param name="Enabled">options.LIVE of the backend.</param>
/// <param name="Connection">Null when no listener has run for it yet.</param>
public sealed record LiveBackendDto(string Backend, bool Enabled, Backends.LiveConnectionDto? Connection);
