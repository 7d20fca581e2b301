using System.Text.Json;
using System.Text.Json.Serialization;

namespace WatchState.Cli;

/// <summary>One backend as <c>backend:list -o json</c> shows it; never the token.</summary>
internal sealed record BackendView(string Name, string Type, string Url, string? User, string? Uuid, bool ImportEnabled, bool ExportEnabled);

/// <summary>The result of checking one backend in <c>config:test</c>.</summary>
internal sealed record BackendCheck(
    string Name,
    string Type,
    bool Ok,
    string? Server,
    string? Version,
    string? User,
    int? Libraries,
    int? SupportedLibraries,
    string? Problem,
    string? Warning = null);

internal sealed record HealthStatus(string Status);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IReadOnlyList<BackendView>))]
[JsonSerializable(typeof(IReadOnlyList<BackendCheck>))]
[JsonSerializable(typeof(HealthStatus))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
