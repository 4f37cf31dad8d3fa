namespace Detente.Record.Tiles;

/// <summary>
/// Files written so that a crash never leaves a torn one: each is written to a temporary name beside it, and <see cref="Commit"/>
/// makes every file added since the last commit durable (its data flushed to disk) before renaming it into place. The flushes of
/// one commit run together on several threads, so the file system commits its journal once for many files instead of once for each.
/// Safe to call <see cref="Add"/> from several threads; <see cref="Commit"/> from one at a time.
/// </summary>
internal sealed class DurableFiles : IDisposable
{
    // Flushes in flight at once: most of a flush is waiting for the disk, so more threads than cores is what lets them share it.
    private const int FlushThreads = 16;

    private readonly List<(string Temp, string Path)> _pending = [];
    private readonly Lock _lock = new();
    private readonly string _suffix = ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="bytes"/> to a temporary file beside <paramref name="path"/>; it replaces the file at the next commit.</summary>
    public void Add(string path, ReadOnlySpan<byte> bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + _suffix;
        using (var handle = File.OpenHandle(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, bytes, 0);
        }

        lock (_lock)
        {
            _pending.Add((temp, path));
        }
    }

    /// <summary>Flushes every file added since the last commit to disk, then renames each into place.</summary>
    public void Commit()
    {
        (string Temp, string Path)[] batch;
        lock (_lock)
        {
            batch = [.. _pending];
            _pending.Clear();
        }

        if (batch.Length == 0)
        {
            return;
        }

        // Invariant: a file is renamed into place only after its data is on disk.
        var next = -1;
        Exception? failed = null;
        void Flush()
        {
            try
            {
                for (var i = Interlocked.Increment(ref next); i < batch.Length; i = Interlocked.Increment(ref next))
                {
                    using var handle = File.OpenHandle(batch[i].Temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                    RandomAccess.FlushToDisk(handle);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Interlocked.CompareExchange(ref failed, e, null);
            }
        }

        var threads = Enumerable.Range(0, Math.Min(FlushThreads, batch.Length) - 1).Select(_ => new Thread(Flush) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        Flush();
        threads.ForEach(t => t.Join());
        if (failed is not null)
        {
            throw new IOException(failed.Message, failed);
        }

        foreach (var (temp, path) in batch)
        {
            File.Move(temp, path, overwrite: true);
        }
    }

    /// <summary>Removes the temporary files of anything added but not committed (after a failure).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var (temp, _) in _pending)
            {
                try
                {
                    File.Delete(temp);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Best effort: a leftover temporary file is never read (readers open only the final names).
                }
            }

            _pending.Clear();
        }
    }
}
