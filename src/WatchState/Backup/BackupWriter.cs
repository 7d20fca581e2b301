using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using WatchState.Configuration;
using WatchState.Storage;

namespace WatchState.Backup;

/// <summary>What one backend's backup wrote (or, in a dry run, would have written).</summary>
/// <param name="File">The backup file; null in a dry run.</param>
/// <param name="Bytes">The file's size; 0 in a dry run.</param>
public sealed record BackupResult(string Backend, int Items, string? File, long Bytes)
{
    /// <summary>Whose play state this is.</summary>
    public string Identity { get; init; } = Identities.IdentityFiles.Main;
}

/// <summary>
/// Writes each backend's play state, as last read into the database, to <c>backup/{backend}.{yyyyMMdd}.json[.gz]</c>
/// (<c>main</c>) or <c>backup/users/{identity}/{backend}.{yyyyMMdd}.json[.gz]</c> (every other identity): streamed
/// from one query straight into the (gzip) file, so a library-sized backup holds one item at a time.
/// </summary>
public sealed class BackupWriter(Database database, DataPaths paths, AppSettings settings, TimeProvider clock)
{
    /// <summary>
    /// The folder of an identity's backups. Other identities get a sub-folder, as their servers file does under
    /// <c>config/users</c>, so every file keeps WatchState's own name and identities never overwrite each other.
    /// </summary>
    public static string Folder(DataPaths paths, string identity)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentException.ThrowIfNullOrEmpty(identity);
        return identity == Identities.IdentityFiles.Main
            ? paths.BackupDir
            : Path.Combine(paths.BackupDir, Identities.IdentityFiles.UsersFolder, identity);
    }

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The file name WatchState gives a dated backup (<c>{backend}.{yyyyMMdd}.json</c>, plus <c>.gz</c>).</summary>
    public string FileName(string backend, bool compress) =>
        string.Create(CultureInfo.InvariantCulture, $"{backend}.{TimeZoneInfo.ConvertTime(clock.GetUtcNow(), settings.TimeZone):yyyyMMdd}.json")
        + (compress ? ".gz" : "");

    /// <summary>Backs up <c>main</c>'s view of <paramref name="backend"/>.</summary>
    public Task<BackupResult> WriteAsync(string backend, bool compress, bool dryRun, CancellationToken cancellationToken) =>
        WriteAsync(Identities.IdentityFiles.Main, backend, compress, dryRun, cancellationToken);

    /// <summary>Backs up what <paramref name="backend"/> had for <paramref name="identity"/>'s user.</summary>
    public async Task<BackupResult> WriteAsync(string identity, string backend, bool compress, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identity);
        ArgumentException.ThrowIfNullOrEmpty(backend);
        await using var connection = await database.OpenAsync(cancellationToken);
        if (dryRun)
        {
            var count = 0;
            await foreach (var _ in BackupQuery.ReadAsync(connection, identity, backend, cancellationToken))
            {
                count++;
            }

            return new BackupResult(backend, count, null, 0) { Identity = identity };
        }

        var folder = Folder(paths, identity);
        var path = Path.Combine(folder, FileName(backend, compress));
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            int items;
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = AtomicFile.PrivateMode;
            }

            await using (var file = new FileStream(temp, options))
            {
                if (compress)
                {
                    await using var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
                    items = await WriteItemsAsync(connection, identity, backend, gzip, cancellationToken);
                }
                else
                {
                    items = await WriteItemsAsync(connection, identity, backend, file, cancellationToken);
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            return new BackupResult(backend, items, path, new FileInfo(path).Length) { Identity = identity };
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static async Task<int> WriteItemsAsync(
        Microsoft.Data.Sqlite.SqliteConnection connection, string identity, string backend, Stream body, CancellationToken cancellationToken)
    {
        var items = 0;
        await using var json = new Utf8JsonWriter(body, JsonOptions);
        json.WriteStartArray();
        await foreach (var row in BackupQuery.ReadAsync(connection, identity, backend, cancellationToken))
        {
            BackupEntry.Write(json, backend, row);
            items++;
            if (json.BytesPending > 64 * 1024)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        return items;
    }
}
