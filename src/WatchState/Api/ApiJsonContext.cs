using System.Text.Json;
using System.Text.Json.Serialization;
using WatchState.Api.Backends;
using WatchState.Api.History;
using WatchState.Api.Identities;
using WatchState.Api.Outbox;
using WatchState.Api.System;
using WatchState.Api.Tasks;

namespace WatchState.Api;

/// <summary>Source-generated JSON for every API body (camelCase, as ASP.NET answers by default).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<BackendDto>))]
[JsonSerializable(typeof(BackendAddBody))]
[JsonSerializable(typeof(BackendPatchBody))]
[JsonSerializable(typeof(BackendTestDto))]
[JsonSerializable(typeof(IReadOnlyList<BackendUserDto>))]
[JsonSerializable(typeof(IReadOnlyList<BackendLibraryDto>))]
[JsonSerializable(typeof(LibraryIgnoreBody))]
[JsonSerializable(typeof(Paged<ItemDto>))]
[JsonSerializable(typeof(ItemDetailsDto))]
[JsonSerializable(typeof(PlayStateChangeDto))]
[JsonSerializable(typeof(IReadOnlyList<IdentityDto>))]
[JsonSerializable(typeof(MatchProposalDto))]
[JsonSerializable(typeof(ProvisionBody))]
[JsonSerializable(typeof(ProvisionReportDto))]
[JsonSerializable(typeof(IReadOnlyList<TaskDto>))]
[JsonSerializable(typeof(TaskDto))]
[JsonSerializable(typeof(Paged<TaskRunDto>))]
[JsonSerializable(typeof(TaskStartedDto))]
[JsonSerializable(typeof(TaskPatchBody))]
[JsonSerializable(typeof(Paged<OutboxDto>))]
[JsonSerializable(typeof(OutboxDto))]
[JsonSerializable(typeof(Paged<EventDto>))]
[JsonSerializable(typeof(EventDto))]
[JsonSerializable(typeof(EventDetailsDto))]
[JsonSerializable(typeof(VersionDto))]
[JsonSerializable(typeof(ApiKeyDto))]
[JsonSerializable(typeof(IReadOnlyList<LiveBackendDto>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
