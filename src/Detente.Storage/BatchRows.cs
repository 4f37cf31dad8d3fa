using System.Globalization;
using System.Security.Cryptography;
using Detente.Core;
using Detente.Record;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Record.Admission;

namespace Detente.Storage;

/// <summary>The rows of one observation batch, stored beside the log: the digest the statement binds, the row count and the bytes.</summary>
/// <param name="Sha256">Lower-case hex SHA-256 of <paramref name="Data"/>.</param>
/// <param name="Rows">How many rows (lines).</param>
/// <param name="Data">The rows as canonical JSON Lines.</param>
public sealed record BatchRows(string Sha256, long Rows, ReadOnlyMemory<byte> Data);

/// <summary>
/// A store that keeps observation batch rows beside the log in a content-addressed table
/// <c>batch_rows(sha256 primary key, rows, encoding, data)</c> (data compressed with raw DEFLATE, encoding <c>deflate</c>), written in the same transaction as the batch statements.
/// </summary>
public interface IBatchRowStore
{
    /// <summary>
    /// Validates <paramref name="entries"/> (observation-batch statements) and, only if every one is accepted, stores
    /// <paramref name="batches"/> and the statements in one durable transaction. Returns one check per entry; when any
    /// is rejected nothing is written.
    /// </summary>
    /// <param name="batches">The rows.</param>
    /// <param name="entries">The observation-batch statements.</param>
    /// <param name="now">The validator's clock.</param>
    /// <param name="enrol">Keys to enrol in the same transaction (a monitor's first key); none is enrolled when anything is rejected.</param>
    IReadOnlyList<StatementCheck> AppendObservationBatches(
        IReadOnlyList<BatchRows> batches, IReadOnlyList<byte[]> entries, DateTimeOffset now, IReadOnlyList<(PartyId Party, VerifierKey Key)>? enrol = null);

    /// <summary>The stored rows with digest <paramref name="sha256"/>; null when none.</summary>
    byte[]? ReadBatchRows(string sha256);

    /// <summary>
    /// Re-hashes every stored batch and checks that every integrated observation-batch statement has rows with its digest and
    /// row count. Reports the first problem (with the log index when a statement is concerned).
    /// </summary>
    VerificationReport VerifyBatches();
}

public abstract partial class DbRecordStore : IBatchRowStore
{
    private bool _batchSchema;

    /// <inheritdoc/>
    public IReadOnlyList<StatementCheck> AppendObservationBatches(
        IReadOnlyList<BatchRows> batches, IReadOnlyList<byte[]> entries, DateTimeOffset now, IReadOnlyList<(PartyId Party, VerifierKey Key)>? enrol = null)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(entries);
        EnsureBatchSchema();
        foreach (var (_, key) in enrol ?? [])
        {
            CheckDemoKey(key);
        }

        var blob = Connection.GetType().Name.StartsWith("Npgsql", StringComparison.Ordinal)
            ? "INSERT INTO batch_rows (sha256, rows, encoding, data) VALUES (@h, @n, @e, @d) ON CONFLICT (sha256) DO NOTHING"
            : "INSERT OR IGNORE INTO batch_rows (sha256, rows, encoding, data) VALUES (@h, @n, @e, @d)";
        var keys = Run("reading the validation state", () => ReadState(null).Keys);
        foreach (var (party, key) in enrol ?? [])
        {
            keys = keys.Find(key.Reference) is null ? keys.WithKey(party, key) : keys;
        }

        // Canonical JSON Lines compress several times over; compressing on every core before the transaction leaves the durable
        // write a fraction of the bytes. The digest stays that of the rows themselves.
        var stored = new byte[batches.Count][];
        Parallel.For(0, batches.Count, i => stored[i] = BatchEncoding.Compress(batches[i].Data.Span));

        // A file goes in whole or not at all: the rows and the statements share one transaction, committed only if all are accepted.
        // The rows the statements name, as the body rules see them (count and observers), before they are written in the same transaction.
        var pending = new Dictionary<string, StoredBatch>(StringComparer.Ordinal);
        foreach (var b in batches)
        {
            pending.TryAdd(b.Sha256, Observers(b.Data.Span));
        }

        return WriteBatch(Prepare(entries, keys), now, allOrNothing: true, pendingBatches: pending, enrol: enrol, alsoWrite: tx =>
        {
            for (var i = 0; i < batches.Count; i++)
            {
                Execute(tx, blob, ("h", batches[i].Sha256), ("n", batches[i].Rows), ("e", BatchEncoding.Deflate), ("d", stored[i]));
            }
        }).Checks;
    }

    /// <inheritdoc/>
    public byte[]? ReadBatchRows(string sha256)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        EnsureBatchSchema();
        return Run("reading observation batch rows", () =>
        {
            using var cmd = Command(null, "SELECT rows, encoding, data FROM batch_rows WHERE sha256 = @h", ("h", sha256));
            using var reader = cmd.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            // Bounded: rows that expand beyond what their count allows are refused, not decompressed into memory.
            var rows = Convert.ToInt64(reader[0], CultureInfo.InvariantCulture);
            var limit = Math.Max(0, rows) * (long)MaxBatchRowBytes;
            return BatchEncoding.Decode(reader.GetString(1), Blob(reader[2]), limit)
                ?? throw new RecordStoreException(BatchMessages.Changed(sha256), isTransient: false, isCorrupt: true);
        });
    }

    /// <inheritdoc/>
    public VerificationReport VerifyBatches()
    {
        EnsureBatchSchema();
        return Run("verifying observation batches", () =>
        {
            // The batch statements bind digest and row count; rows are compared with them (bounded), and orphans are found.
            var statements = new Dictionary<string, (long Rows, long Index)>(StringComparer.Ordinal);
            using (var cmd = Command(null, "SELECT idx, entry FROM entries WHERE kind = 'observation-batch' ORDER BY idx"))
            using (var reader = cmd.ExecuteReader())
            {
                while (reader.Read())
                {
                    var index = reader.GetInt64(0);
                    var parsed = SignedStatement.Parse((byte[])reader[1]);
                    if (!parsed.IsAccepted)
                    {
                        return VerificationReport.Failed($"{StorageMessages.StatementInvalid}: {parsed.Message}", index, "entries");
                    }

                    using var body = parsed.Statement.Statement.ParseBody();
                    if (body.RootElement.TryGetProperty(ObservationBatch.DigestMember, out var sha) && sha.ValueKind == System.Text.Json.JsonValueKind.String
                        && body.RootElement.TryGetProperty(ObservationBatch.RowsMember, out var rows) && rows.TryGetInt64(out var count))
                    {
                        statements.TryAdd(sha.GetString()!, (count, index));
                    }
                }
            }

            var present = new HashSet<string>(StringComparer.Ordinal);
            using (var cmd = Command(null, "SELECT sha256, rows, encoding, data FROM batch_rows ORDER BY sha256"))
            using (var reader = cmd.ExecuteReader())
            {
                while (reader.Read())
                {
                    var sha = reader.GetString(0);
                    present.Add(sha);
                    if (!statements.TryGetValue(sha, out var statement))
                    {
                        return VerificationReport.Failed(BatchMessages.Orphan(sha), resource: "batch_rows");
                    }

                    var digest = BatchEncoding.Digest(reader.GetString(2), Blob(reader[3]), statement.Rows, statement.Rows * (long)MaxBatchRowBytes);
                    if (digest.Problem is { } problem)
                    {
                        return VerificationReport.Failed(BatchMessages.Unreadable(sha, problem), statement.Index, "batch_rows");
                    }

                    if (digest.Sha256 != sha)
                    {
                        return VerificationReport.Failed(BatchMessages.Changed(sha), statement.Index, "batch_rows");
                    }

                    var stored = Convert.ToInt64(reader[1], CultureInfo.InvariantCulture);
                    if (digest.Lines != statement.Rows || stored != statement.Rows)
                    {
                        return VerificationReport.Failed(BatchMessages.RowCount(sha, statement.Rows, digest.Lines == statement.Rows ? stored : digest.Lines),
                            statement.Index, "batch_rows");
                    }
                }
            }

            foreach (var (sha, (_, index)) in statements.OrderBy(s => s.Value.Index))
            {
                if (!present.Contains(sha))
                {
                    return VerificationReport.Failed(BatchMessages.Missing(sha), index, "batch_rows");
                }
            }

            return VerificationReport.Valid(null, statements.Count);
        });
    }

    // A value edited by hand in SQLite may come back as text; it is still checked against its digest.
    private static byte[] Blob(object value) => value as byte[] ?? System.Text.Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");

    private void EnsureBatchSchema()
    {
        if (_batchSchema)
        {
            return;
        }

        var type = Connection.GetType().Name.StartsWith("Npgsql", StringComparison.Ordinal) ? "BYTEA" : "BLOB";
        var integer = type == "BYTEA" ? "BIGINT" : "INTEGER";
        Run("creating the batch rows table", () =>
        {
            using var tx = BeginWrite();
            Execute(tx, $"CREATE TABLE IF NOT EXISTS batch_rows (sha256 TEXT PRIMARY KEY, rows {integer} NOT NULL, encoding TEXT NOT NULL, data {type} NOT NULL)");
            tx.Commit();
            return 0;
        });
        _batchSchema = true;
    }
}

/// <summary>Messages about stored observation batches.</summary>
internal static class BatchMessages
{
    public static string Changed(string sha) => $"stored observation batch {sha}: its rows no longer hash to its digest (changed after it was recorded)";

    public static string RowCount(string sha, long expected, long found) =>
        $"stored observation batch {sha}: {found.ToString(CultureInfo.InvariantCulture)} rows, but {expected.ToString(CultureInfo.InvariantCulture)} were recorded";

    public static string Missing(string sha) => $"observation batch statement names rows {sha} that are not stored (or have another row count)";

    public static string Orphan(string sha) =>
        $"stored observation batch {sha} belongs to no observation-batch statement (rows added, or their statement deleted); not decompressed";

    public static string Unreadable(string sha, string problem) => $"stored observation batch {sha}: {problem}";

    public const string TooLarge = "its rows expand beyond what the statement's row count allows (decompression stopped)";

    public const string TooManyRows = "it holds more rows than the statement signs for (decompression stopped)";

    public const string NotDeflate = "its bytes do not decode as its encoding says";
}

/// <summary>How stored batch rows are encoded: <c>deflate</c> (raw DEFLATE, RFC 1951) or <c>identity</c>.</summary>
internal static class BatchEncoding
{
    public const string Deflate = "deflate";

    public const string Identity = "identity";

    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream(data.Length / 4 + 64);
        using (var deflate = new System.IO.Compression.DeflateStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>
    /// The rows, at most <paramref name="maxBytes"/> of them; null when the stored bytes do not decode (changed by hand) or expand
    /// beyond the limit, so the caller reports them as changed.
    /// </summary>
    public static byte[]? Decode(string encoding, byte[] stored, long maxBytes)
    {
        if (encoding == Identity)
        {
            return stored.Length <= maxBytes ? stored : null;
        }

        if (encoding != Deflate)
        {
            return null;
        }

        try
        {
            using var input = new System.IO.Compression.DeflateStream(new MemoryStream(stored), System.IO.Compression.CompressionMode.Decompress);
            using var output = new MemoryStream((int)Math.Min(maxBytes, Math.Min(int.MaxValue / 2, (long)stored.Length * 5)));
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    return null;
                }

                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>What streaming a stored batch gave: its SHA-256 and line count, or why it stopped.</summary>
    public readonly record struct BatchDigest(string? Sha256, long Lines, string? Problem);

    /// <summary>
    /// Hashes and counts the rows as they are decompressed, holding one buffer: stops at more than <paramref name="maxLines"/> lines
    /// or <paramref name="maxBytes"/> bytes, so a small stored value that expands enormously costs neither memory nor much time.
    /// </summary>
    public static BatchDigest Digest(string encoding, byte[] stored, long maxLines, long maxBytes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long lines = 0, total = 0;
        bool Take(ReadOnlySpan<byte> chunk)
        {
            total += chunk.Length;
            lines += chunk.Count((byte)'\n');
            hash.AppendData(chunk);
            return total <= maxBytes && lines <= maxLines;
        }

        if (encoding == Identity)
        {
            return Take(stored) ? new BatchDigest(Convert.ToHexStringLower(hash.GetHashAndReset()), lines, null)
                : new BatchDigest(null, lines, total > maxBytes ? BatchMessages.TooLarge : BatchMessages.TooManyRows);
        }

        if (encoding != Deflate)
        {
            return new BatchDigest(null, 0, BatchMessages.NotDeflate);
        }

        try
        {
            using var input = new System.IO.Compression.DeflateStream(new MemoryStream(stored), System.IO.Compression.CompressionMode.Decompress);
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                if (!Take(buffer.AsSpan(0, read)))
                {
                    return new BatchDigest(null, lines, total > maxBytes ? BatchMessages.TooLarge : BatchMessages.TooManyRows);
                }
            }

            return new BatchDigest(Convert.ToHexStringLower(hash.GetHashAndReset()), lines, null);
        }
        catch (InvalidDataException)
        {
            return new BatchDigest(null, lines, BatchMessages.NotDeflate);
        }
    }
}
