namespace WatchState.Domain;

/// <summary>The kinds of item whose play state is synced. Shows and seasons only group episodes.</summary>
public enum MediaType
{
    Movie,
    Episode,
}
