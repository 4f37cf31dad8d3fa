using Detente.Core;
using Detente.Data;
using Detente.Geo;
using Detente.Node.Appending;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Proofs;
using Detente.Storage;

namespace Detente.Node.Sessions;

/// <summary>How far the demo's sample inclusion proof was checked.</summary>
public enum DemoProofCheck
{
    /// <summary>The path and the checkpoint's signature under the keyring's log key verify.</summary>
    Verified,

    /// <summary>The Merkle path verifies; no log key was at hand, so the checkpoint's signature was not checked.</summary>
    MerklePathOnly,

    /// <summary>The proof does not verify.</summary>
    Failed,
}

/// <summary>One fact of the demo's world proven to be in the log.</summary>
/// <param name="Deployment">The deployment proven (the first foreign one by id that a checkpoint covers).</param>
/// <param name="Index">Its statement's log index.</param>
/// <param name="Hashes">The inclusion path's length.</param>
/// <param name="Check">How far the proof was checked.</param>
/// <param name="LogKey">The log key the checkpoint's signature was checked under, if any.</param>
public sealed record DemoSampleProof(string Deployment, long Index, int Hashes, DemoProofCheck Check, VerifierKey? LogKey);

/// <summary>What the demo says about its record: the log, its checkpoint, and one fact proven to be in it.</summary>
/// <param name="Origin">The log's origin.</param>
/// <param name="Temporary">True for the temporary record of demo keys the demo made.</param>
/// <param name="Size">Statements integrated.</param>
/// <param name="Checkpoint">The latest checkpoint; null when there is none yet.</param>
/// <param name="Sample">The sample proof; null when no checkpoint covers a foreign deployment.</param>
public sealed record DemoRecordSummary(string Origin, bool Temporary, long Size, Checkpoint? Checkpoint, DemoSampleProof? Sample);

/// <summary>
/// The record behind <c>detente demo</c>: the one given, or else the scenario imported into a temporary SQLite record (demo keys only,
/// deleted on dispose), so the demo's world is always read from signed statements.
/// </summary>
public sealed class DemoRecord : IDisposable
{
    /// <summary>The origin (and log key name) of the temporary demo record.</summary>
    public const string DemoOrigin = "demo.detente.local/record";

    private readonly string? _temporary;
    private readonly VerifierKey? _logKey;

    private DemoRecord(string connection, string? temporary, VerifierKey? logKey)
    {
        Connection = connection;
        _temporary = temporary;
        _logKey = logKey;
    }

    /// <summary>The record's connection: the one given, or the temporary SQLite file.</summary>
    public string Connection { get; }

    /// <summary>
    /// Opens the record at <paramref name="given"/> (its log key from the keyring at <paramref name="keyringPath"/>, if there), or imports
    /// the scenario of <paramref name="manifest"/> into a temporary one when none is given.
    /// </summary>
    public static DemoRecord Open(ScenarioManifest manifest, string? given, string keyringPath)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (given is not null)
        {
            var origin = RecordStores.ExistingOrigin(given) ?? throw new NodeException($"--db (--record): no record in {RecordNode.Display(given)}");
            var keyring = InputFile.Exists(keyringPath) ? Keyring.Load(keyringPath) : Keyring.Empty;
            return new DemoRecord(given, null, keyring.Find(origin)?.VerifierKey());
        }

        var directory = Path.Combine(Path.GetTempPath(), $"detente-demo-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "record.db");
        using var logKey = SigningKey.Demo(DemoOrigin);
        var facts = ScenarioLoader.Facts(manifest, Geography.AreaIds(manifest.GeoDirectory));
        using (var prepared = ScenarioImport.Prepare(facts, DateTimeOffset.UtcNow))
        using (var store = RecordStores.Open(path, DemoOrigin))
        using (var appender = new Appender(store, logKey))
        {
            var keys = Keyring.Empty;
            ScenarioImport.Import(appender, prepared, ref keys);
        }

        return new DemoRecord(path, directory, logKey.NoteKey);
    }

    /// <summary>The log's size and checkpoint, and a proof that one foreign deployment of <paramref name="scenario"/> is in the log.</summary>
    public DemoRecordSummary Summarize(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var origin = RecordStores.ExistingOrigin(Connection)!;
        using var store = RecordStores.Open(Connection, origin);
        var note = store.LatestCheckpoint();
        if (note is null)
        {
            return new DemoRecordSummary(origin, _temporary is not null, store.Size, null, null);
        }

        var checkpoint = Checkpoint.Parse(note.Text);
        var sample = scenario.Deployments.Where(d => d.Evidence.RecordIndex < checkpoint.Size && d.IsForeign)
            .OrderBy(d => d.Id.Value, StringComparer.Ordinal).FirstOrDefault();
        if (sample?.Evidence.RecordIndex is not { } index)
        {
            return new DemoRecordSummary(origin, _temporary is not null, store.Size, checkpoint, null);
        }

        var proof = InclusionProofFile.Parse(store.ProveInclusion(index).ToString());
        var entry = store.Entry(index);
        var check = _logKey is null
            ? MerkleOnly(proof, entry) ? DemoProofCheck.MerklePathOnly : DemoProofCheck.Failed
            : proof.Verify(entry, origin, [_logKey]) is { IsValid: true } ? DemoProofCheck.Verified : DemoProofCheck.Failed;
        return new DemoRecordSummary(origin, _temporary is not null, store.Size, checkpoint,
            new DemoSampleProof(sample.Id.Value, index, proof.Proof.Length, check, _logKey));
    }

    private static bool MerkleOnly(InclusionProofFile proof, byte[] entry)
    {
        var checkpoint = Checkpoint.Parse(proof.Checkpoint.Text);
        return MerkleProofs.VerifyInclusion(proof.Index, checkpoint.Size, RecordHashing.LeafHash(entry), proof.Proof, checkpoint.RootHash);
    }

    /// <summary>Deletes the temporary record, if the demo made one.</summary>
    public void Dispose()
    {
        if (_temporary is not null)
        {
            try
            {
                Directory.Delete(_temporary, recursive: true);
            }
            catch (IOException)
            {
                // A temporary directory left behind is harmless.
            }
        }
    }
}
