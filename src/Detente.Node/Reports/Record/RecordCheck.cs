using System.Globalization;
using Detente.Core;
using Detente.Node.Appending;
using Detente.Record;
using Detente.Record.Admission;
using Detente.Record.Keys;
using Detente.Record.Notes;
using Detente.Record.Tiles;
using Detente.Storage;

namespace Detente.Node.Reports.Record;

/// <summary>What <c>record verify</c> checks: a tile directory or a store, against which keys and which trusted checkpoint.</summary>
public sealed record RecordCheckRequest
{
    /// <summary>A tile directory (from export-tiles) to verify instead of the store.</summary>
    public string? Tiles { get; init; }

    /// <summary>The store's connection (a SQLite path or a PostgreSQL connection string).</summary>
    public required string Connection { get; init; }

    /// <summary>The keyring that supplies the log key (and the witness keys) when none are given.</summary>
    public required string KeyringPath { get; init; }

    /// <summary>Trusted log verifier keys; empty to take the keyring's.</summary>
    public IReadOnlyList<VerifierKey> LogKeys { get; init; } = [];

    /// <summary>This node's witness keys whose cosignature every checkpoint kept as witnessed must carry; empty to take the keyring's.</summary>
    public IReadOnlyList<VerifierKey> WitnessKeys { get; init; } = [];

    /// <summary>A checkpoint the reader already trusts (see <see cref="RecordCheck.ParseTrusted"/>): a rollback or a deleted tail is found.</summary>
    public SignedNote? Trusted { get; init; }

    /// <summary>Skip each statement's Ed25519 signature (everything else is checked).</summary>
    public bool SkipSignatures { get; init; }
}

/// <summary>The outcome of <c>record verify</c>: valid or not, the lines that say what changed or what was verified, and the report.</summary>
/// <param name="IsValid">True when nothing changed and every entry is covered by a signed checkpoint.</param>
/// <param name="Lines">The plain-text report: one line per change or unauthenticated entry, or the summary.</param>
/// <param name="Report">The verification report; null when the store was too damaged to open.</param>
public sealed record RecordCheckReport(bool IsValid, IReadOnlyList<string> Lines, VerificationReport? Report);

/// <summary>
/// <c>record verify</c> as one call: trust only signatures and re-derive every table of a store (or a tile directory) from the signed
/// entries and checkpoints, after checking that a trusted checkpoint is of this log and signed by its key. The verification itself is
/// Storage's and Record's.
/// </summary>
public static class RecordCheck
{
    /// <summary>Parses a trusted checkpoint a person gave (<paramref name="where"/> names it); anything but a signed checkpoint is refused.</summary>
    public static SignedNote ParseTrusted(byte[] bytes, string where)
    {
        try
        {
            var note = SignedNote.Parse(bytes);
            _ = Checkpoint.Parse(note.Text);
            return note;
        }
        catch (RecordFormatException e)
        {
            throw new NodeException($"--trusted-checkpoint {where}: not a signed checkpoint: {e.Message}");
        }
    }

    /// <summary>A trusted checkpoint must be signed by a log key and be of this log (when <paramref name="origin"/> is known): anything else is bad input, not a finding.</summary>
    public static void CheckTrusted(SignedNote? note, IReadOnlyList<VerifierKey> keys, string? origin)
    {
        if (note is null)
        {
            return;
        }

        var signatures = note.Verify(keys);
        if (!signatures.IsVerified)
        {
            throw new NodeException($"--trusted-checkpoint: not signed by the log key: {signatures.Error}");
        }

        var body = Checkpoint.Parse(note.Text);
        if (origin is not null && body.Origin != origin)
        {
            throw new NodeException($"--trusted-checkpoint: it is a checkpoint of '{body.Origin}', not of this log '{origin}'");
        }
    }

    /// <summary>Verifies the tile directory or the store of <paramref name="request"/>.</summary>
    public static RecordCheckReport Verify(RecordCheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var keys = request.LogKeys.ToList();
        VerificationReport report;
        if (request.Tiles is { } directory)
        {
            if (keys.Count == 0)
            {
                keys.AddRange(Ring(request.KeyringPath).Entries.Where(e => e.Purpose == KeyPurpose.Log).Select(e => e.VerifierKey()));
            }

            CheckTrusted(request.Trusted, keys, null);
            report = TileDirectory.Verify(directory, keys, request.Trusted);
        }
        else
        {
            string origin;
            try
            {
                origin = RecordStores.ExistingOrigin(request.Connection) ?? throw new NodeException($"no record in {RecordNode.Display(request.Connection)}");
            }
            catch (RecordStoreException e) when (e.IsCorrupt)
            {
                // A damaged file is a changed store, not a missing one.
                return new RecordCheckReport(false, [$"changed: the database is damaged: {e.Message}"], null);
            }

            var witnessKeys = request.WitnessKeys.ToList();
            if (keys.Count == 0)
            {
                using var node = new RecordNode(request.Connection, request.KeyringPath);
                keys.Add(node.LogKeyEntry().VerifierKey());
            }

            if (witnessKeys.Count == 0 && InputFile.Exists(request.KeyringPath))
            {
                witnessKeys.AddRange(Keyring.Load(request.KeyringPath).Entries.Where(e => e.Purpose == KeyPurpose.Witness).Select(e => e.VerifierKey()));
            }

            CheckTrusted(request.Trusted, keys, origin);
            using var store = RecordStores.Open(request.Connection, origin);
            report = store.Verify(new StoreVerification(keys)
            {
                Signatures = !request.SkipSignatures, TrustedCheckpoint = request.Trusted, WitnessKeys = witnessKeys,
            });
        }

        if (!report.IsValid)
        {
            return new RecordCheckReport(false,
                [.. report.Problems.Select(p => p.Kind == VerificationProblemKind.Unauthenticated ? p.ToString() : $"changed: {p}")], report);
        }

        var line = $"verified {I(report.EntriesChecked)} entries" +
                   (report.Checkpoint is { } c ? $"; checkpoint {c.Origin} size {I(c.Size)} root {c.RootHash.ToBase64()}" : "; no checkpoint yet") +
                   (DemoKeys.IsDemoOrigin(report.Checkpoint?.Origin) ? " (a demo record: demo keys anyone can derive)" : "")
                   + (request.Trusted is null ? "" : $"; consistent with the trusted checkpoint of size {I(Checkpoint.Parse(request.Trusted.Text).Size)}");
        return new RecordCheckReport(true, [line], report);
    }

    /// <summary>
    /// Writes the log as static C2SP tlog-tiles at the latest checkpoint into <paramref name="directory"/> and returns the number of
    /// files and the size. A stored tree that does not match the signed checkpoint is a changed store (<see cref="RecordStoreException.IsCorrupt"/>).
    /// </summary>
    public static (int Files, long Size) ExportTiles(IRecordStore store, string directory)
    {
        var latest = EntryProofs.LatestCheckpoint(store);
        try
        {
            return (TileDirectory.Export(directory, store, latest), Checkpoint.Parse(latest.Text).Size);
        }
        catch (ArgumentException e)
        {
            throw new RecordStoreException(e.Message + "; run 'detente record verify'", isTransient: false, e, isCorrupt: true);
        }
    }

    private static Keyring Ring(string path) => InputFile.Exists(path) ? Keyring.Load(path) : Keyring.Empty;

    private static string I(long n) => n.ToString(CultureInfo.InvariantCulture);
}
