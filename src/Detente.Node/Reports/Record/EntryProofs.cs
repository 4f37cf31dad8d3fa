using System.Globalization;
using System.Text;
using Detente.Core;
using Detente.Record;
using Detente.Record.Admission;
using Detente.Record.Keys;
using Detente.Record.Notes;
using Detente.Record.Proofs;
using Detente.Record.Statements;
using Detente.Storage;

namespace Detente.Node.Reports.Record;

/// <summary>The offline proof of one entry: the c2sp.org/tlog-proof@v1 text, the entry, and the proof of one row of its batch when asked.</summary>
/// <param name="Index">The entry's log index.</param>
/// <param name="Size">The size of the latest checkpoint, which the proof is against.</param>
/// <param name="Proof">The proof file's text.</param>
/// <param name="Entry">The entry's bytes.</param>
/// <param name="Row">The row proof, when a row of an observation batch was asked for.</param>
public sealed record EntryProof(long Index, long Size, string Proof, byte[] Entry, BatchRowProof? Row)
{
    /// <summary>
    /// Writes the proof to <paramref name="path"/>, the entry to <c>PATH.entry</c> and the row proof, if any, to <c>PATH.row</c>, and
    /// says what was written.
    /// </summary>
    /// <exception cref="IOException">A file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">Writing is not allowed.</exception>
    public string WriteFiles(string path)
    {
        File.WriteAllText(path, Proof);
        File.WriteAllBytes(path + ".entry", Entry);
        if (Row is { } r)
        {
            File.WriteAllBytes(path + ".row", r.ToBytes());
        }

        var i = CultureInfo.InvariantCulture;
        return $"wrote {path} (entry {Index.ToString(i)} in a tree of {Size.ToString(i)}) and {path}.entry"
               + (Row is not { } rp ? "" : $", and {path}.row (row {rp.Row.ToString(i)} of the batch's {rp.Count.ToString(i)})");
    }
}

/// <summary>What an offline check of a proof found: valid or not, and the lines that say so (the first names the problem when invalid).</summary>
/// <param name="IsValid">True when the entry, the proof, the checkpoint's signature, the witnesses and any row proof all check.</param>
/// <param name="Lines">The plain-text report.</param>
public sealed record ProofCheckReport(bool IsValid, IReadOnlyList<string> Lines);

/// <summary>
/// Offline proofs of entries (<c>record prove</c>) and their check with no database (<c>record verify-proof</c>): an entry against
/// the latest checkpoint, and a row against its observation batch's signed digest. A refusal is a <see cref="NodeException"/>.
/// </summary>
public static class EntryProofs
{
    /// <summary>A row proof holds a whole batch: 100,000 rows by default, a few hundred bytes each; far more than one entry.</summary>
    public const long RowProofLimit = 512L << 20;

    /// <summary>The latest signed checkpoint; a record without one is refused.</summary>
    public static SignedNote LatestCheckpoint(IRecordStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.LatestCheckpoint() ?? throw new NodeException("the record has no checkpoint yet; run 'detente record checkpoint'");
    }

    /// <summary>Proves entry <paramref name="index"/> against the latest checkpoint, and row <paramref name="row"/> (from 1) of its batch when given.</summary>
    public static EntryProof Prove(IRecordStore store, long index, long? row)
    {
        var size = Checkpoint.Parse(LatestCheckpoint(store).Text).Size;
        if (index < 0 || index >= size)
        {
            throw new NodeException($"--index: {I(index)} is not below the latest checkpoint's size {I(size)}");
        }

        var rowProof = row is { } r ? RowProof(store, index, r) : null;
        return new EntryProof(index, size, store.ProveInclusion(index).ToString(), store.Entry(index), rowProof);
    }

    /// <summary>The proof that row <paramref name="row"/> (from 1) is part of the observation batch stated at <paramref name="index"/>.</summary>
    public static BatchRowProof RowProof(IRecordStore store, long index, long row)
    {
        ArgumentNullException.ThrowIfNull(store);
        var parsed = SignedStatement.Parse(store.Entry(index));
        if (!parsed.IsAccepted || parsed.Statement!.Statement.Kind != StatementKind.ObservationBatch)
        {
            throw new NodeException($"--row: entry {I(index)} is {(parsed.IsAccepted ? "a " + parsed.Statement!.Statement.Kind.WireName() : "not a statement")}, not an observation-batch");
        }

        using var body = parsed.Statement.Statement.ParseBody();
        var digest = body.RootElement.GetProperty(ObservationBatch.DigestMember).GetString()!;
        var rows = (store as IBatchRowStore)?.ReadBatchRows(digest)
            ?? throw new NodeException($"--row: the rows of observation batch {digest} (entry {I(index)}) are missing; run 'detente record verify'");
        var proof = new BatchRowProof(row < 1 ? throw new NodeException("--row: rows count from 1") : row, rows);
        if (row > proof.Count)
        {
            throw new NodeException($"--row: entry {I(index)}'s batch holds {I(proof.Count)} rows, so there is no row {I(row)}");
        }

        // Refuse to hand out a proof that would not verify: the stored rows are a cache, checked against the signed digest.
        return proof.Verify(parsed.Statement.Statement) is { IsValid: false } failed
            ? throw new NodeException($"--row: the stored rows of entry {I(index)} do not match its statement ({failed.Problem}); run 'detente record verify'")
            : proof;
    }

    /// <summary>
    /// Checks an offline proof: the entry, the inclusion path, the checkpoint's signature by <paramref name="logKey"/> (whose name is
    /// the origin expected), <paramref name="quorum"/> of <paramref name="witnessKeys"/>, and the row proof at <paramref name="rowPath"/>
    /// when given. When the proof holds but the log or the entry's key is a demo one, <paramref name="warn"/> is told first.
    /// </summary>
    public static ProofCheckReport Check(InclusionProofFile proof, byte[] entry, VerifierKey logKey, IReadOnlyList<VerifierKey> witnessKeys, int quorum,
        string? rowPath, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(logKey);
        ArgumentNullException.ThrowIfNull(warn);
        var check = proof.Verify(entry, logKey.Name, [logKey], witnessKeys, quorum);
        if (!check.IsValid)
        {
            return new ProofCheckReport(false, [$"invalid: {check.Problem}"]);
        }

        var parsed = SignedStatement.Parse(entry);
        var s = parsed.IsAccepted ? parsed.Statement!.Statement : null;
        var demoKey = s is not null && DemoKeys.IsDemo(s.Key);
        if (DemoKeys.IsDemoOrigin(check.Checkpoint!.Origin) || demoKey)
        {
            warn("warning: " + (demoKey
                ? $"the entry is signed with a demo key ({s!.Key}), which anyone can derive from its name: the proof shows "
                  + "the log holds the entry, not that its author signed it"
                : $"{check.Checkpoint.Origin} is a demo record: its statements are signed with demo keys anyone can derive"));
        }

        RowCheck? row = null;
        BatchRowProof? rowProof = null;
        if (rowPath is not null)
        {
            rowProof = BatchRowProof.Parse(ReadRowProof(rowPath));
            row = s is null ? null : rowProof.Verify(s);
            if (row is not { IsValid: true })
            {
                return new ProofCheckReport(false, [$"invalid: {rowPath}: {row?.Problem ?? "the proven entry is not a signed statement"}"]);
            }
        }

        var what = s is null ? "entry" : $"{s.Kind.WireName()} by {s.Author} seq {I(s.Sequence)}";
        var lines = new List<string>
        {
            $"valid: {what} is entry {I(proof.Index)} of {check.Checkpoint.Origin} at size {I(check.Checkpoint.Size)}, " +
            $"root {check.Checkpoint.RootHash.ToBase64()}" + (witnessKeys.Count > 0 ? $", {check.Cosigners} witness cosignatures" : ""),
        };
        if (s is not null)
        {
            lines.Add($"statement: {s.Kind.WireName()} by {s.Author}, key {s.Key}, seq {I(s.Sequence)}, " +
                      $"{s.Time.ToString(Statement.TimeFormat, CultureInfo.InvariantCulture)}: {Summary(s)}");
            lines.Add("  (the statement's own signature is not checked offline: the checkpoint vouches that the log accepted it)");
        }

        if (row is not null)
        {
            lines.Add($"row {I(rowProof!.Row)} of the batch's {I(rowProof.Count)} is part of its sha256: {Encoding.UTF8.GetString(row.Row.Span)}");
        }

        return new ProofCheckReport(true, lines);
    }

    private static byte[] ReadRowProof(string path)
    {
        try
        {
            return InputFile.ReadAllBytes(path, RowProofLimit);
        }
        catch (InputException e)
        {
            throw new NodeException($"--row-proof: {e.Message}");
        }
    }

    private static string Summary(Statement s)
    {
        try
        {
            return StatementText.Summary(s);
        }
        catch (System.Text.Json.JsonException)
        {
            return "(body is not JSON)";
        }
    }

    private static string I(long n) => n.ToString(CultureInfo.InvariantCulture);
}
