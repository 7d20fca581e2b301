using WatchState.Configuration;

namespace WatchState.Backends;

/// <summary>Builds the client for one configured backend.</summary>
public interface IMediaServerFactory
{
    /// <exception cref="BackendException">The backend's type is not supported yet.</exception>
    IMediaServer Create(BackendConfig config);
}
