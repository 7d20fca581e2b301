using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace WatchState.Restore;

/// <summary>
/// Streams the entries of a backup file one at a time, whatever its packing: gzip (ours), zip (WatchState's
/// <c>.json.zip</c>) or plain JSON, told apart by the first bytes rather than the name. A file that is not a JSON
/// array of entry objects is a <see cref="BackupFileException"/> naming the file and the entry where reading stopped.
/// </summary>
public static class BackupFileReader
{
    private static readonly byte[] GzipMagic = [0x1f, 0x8b];
    private static readonly byte[] ZipMagic = [0x50, 0x4b, 0x03, 0x04];

    public static async IAsyncEnumerable<BackupRecord> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await using var file = Open(path);
        var (body, packing) = await BodyAsync(file, path, cancellationToken);
        await using var _ = body;
        await using var entries = JsonSerializer
            .DeserializeAsyncEnumerable(body, BackupRecordJsonContext.Default.BackupRecord, topLevelValues: false, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        var number = 0;
        while (true)
        {
            BackupRecord? record;
            try
            {
                if (!await entries.MoveNextAsync())
                {
                    break;
                }

                record = entries.Current;
            }
            catch (JsonException e)
            {
                var where = number == 0 && e.Path is null or "$" ? "" : $"at entry {number + 1}: ";
                throw new BackupFileException(path, $"not a valid {packing} backup file: {where}{e.Message}", e);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
            {
                throw new BackupFileException(path, $"the {packing} data is damaged or cut short after entry {number}: {e.Message}", e);
            }

            number++;
            if (record is null)
            {
                throw new BackupFileException(path, $"entry {number} is null, not an object", null);
            }

            if (record.Type is null || record.Watched is null)
            {
                throw new BackupFileException(
                    path, $"entry {number} ({record.Display}) has no '{(record.Type is null ? "type" : "watched")}': not a WatchState backup entry", null);
            }

            yield return record;
        }
    }

    private static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BackupFileException(path, $"cannot open the backup file: {e.Message}", e);
        }
    }

    private static async Task<(Stream Body, string Packing)> BodyAsync(FileStream file, string path, CancellationToken cancellationToken)
    {
        var head = new byte[4];
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        file.Position = 0;
        if (read == 0)
        {
            throw new BackupFileException(path, "the file is empty", null);
        }

        if (head.AsSpan(0, read).StartsWith(GzipMagic))
        {
            return (new GZipStream(file, CompressionMode.Decompress, leaveOpen: true), "gzip");
        }

        if (head.AsSpan(0, read).StartsWith(ZipMagic))
        {
            try
            {
                var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
                var entry = zip.Entries.FirstOrDefault(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                    ?? throw new BackupFileException(path, "the zip file holds no .json file", null);
                return (new ZipEntryStream(zip, entry.Open()), "zip");
            }
            catch (InvalidDataException e)
            {
                throw new BackupFileException(path, $"damaged zip file: {e.Message}", e);
            }
        }

        return (file, "JSON");
    }

    /// <summary>The entry's stream that also closes its archive.</summary>
    private sealed class ZipEntryStream(ZipArchive archive, Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                archive.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
