namespace WatchState.Cli;

/// <summary>How a listing command prints its result (<c>-o table|json</c>).</summary>
internal enum OutputFormat
{
    Table,
    Json,
}
