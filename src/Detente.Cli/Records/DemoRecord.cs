using System.Globalization;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Notes;
using Detente.Record.Proofs;
using Detente.Data;
using Detente.Node.Appending;
using Detente.Storage;
using Spectre.Console;

namespace Detente.Cli.Records;

/// <summary>
/// The record behind <c>detente demo</c>: the one given with <c>--record</c>, or else the embedded scenario imported into a
/// temporary SQLite record (demo keys only, deleted afterwards), so the demo's world is always read from signed statements.
/// </summary>
internal sealed class DemoRecord : IDisposable
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

    public string Connection { get; }

    /// <summary>Points the session at its record, importing the scenario into a temporary one when none was given.</summary>
    public static DemoRecord Open(Session session)
    {
        if (session.Record is { } given)
        {
            var origin = RecordStores.ExistingOrigin(given) ?? throw new UsageException($"--db (--record): no record in {RecordNode.Display(given)}");
            var keyringPath = RecordOptions.KeyringPath(null);
            var keyring = Core.InputFile.Exists(keyringPath) ? Keyring.Load(keyringPath) : Keyring.Empty;
            return new DemoRecord(given, null, keyring.Find(origin)?.VerifierKey());
        }

        var directory = Path.Combine(Path.GetTempPath(), $"detente-demo-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "record.db");
        using var logKey = SigningKey.Demo(DemoOrigin);
        var facts = ScenarioLoader.Facts(session.Manifest, Geography.AreaIds(session.Manifest.GeoDirectory));
        var now = DateTimeOffset.UtcNow;
        using (var prepared = ScenarioImport.Prepare(facts, now))
        using (var store = RecordStores.Open(path, DemoOrigin))
        using (var appender = new Appender(store, logKey))
        {
            var keys = Keyring.Empty;
            ScenarioImport.Import(appender, prepared, ref keys);
        }

        session.Record = path;
        return new DemoRecord(path, directory, logKey.NoteKey);
    }

    /// <summary>Prints the log's size and checkpoint, and proves one fact of the world is in the log.</summary>
    public void Render(IAnsiConsole console, Scenario scenario)
    {
        var origin = RecordStores.ExistingOrigin(Connection)!;
        using var store = RecordStores.Open(Connection, origin);
        var note = store.LatestCheckpoint();
        console.Write(new Rule("[bold]The record[/] — every fact above was read from signed statements").LeftJustified());
        if (note is null)
        {
            console.MarkupLine($"log {Text.Escape(origin)}: {store.Size:N0} statements, no checkpoint yet");
            return;
        }

        var checkpoint = Checkpoint.Parse(note.Text);
        console.MarkupLine($"log [bold]{Text.Escape(origin)}[/]{(_temporary is null ? "" : " (temporary, demo keys)")}: " +
                           $"{checkpoint.Size:N0} signed statements; checkpoint root {checkpoint.RootHash.ToBase64()}");
        var sample = scenario.Deployments.Where(d => d.Evidence.RecordIndex < checkpoint.Size && d.IsForeign)
            .OrderBy(d => d.Id.Value, StringComparer.Ordinal).FirstOrDefault();
        if (sample?.Evidence.RecordIndex is not { } index)
        {
            return;
        }

        var proof = InclusionProofFile.Parse(store.ProveInclusion(index).ToString());
        var entry = store.Entry(index);
        var verdict = _logKey is null
            ? (MerkleOnly(proof, entry) ? "[green]Merkle path verified[/] (no log key in the keyring: checkpoint signature not checked)" : "[red]does not verify[/]")
            : proof.Verify(entry, origin, [_logKey]) is { IsValid: true } ? $"[green]verified[/] against the checkpoint signed by {Text.Escape(_logKey.ToString())}"
            : "[red]does not verify[/]";
        console.MarkupLine($"inclusion proof of deployment [bold]{Text.Escape(sample.Id.Value)}[/] (log entry {index.ToString(CultureInfo.InvariantCulture)}, " +
                           $"{proof.Proof.Length} hashes): {verdict}");
        console.MarkupLine($"[grey]prove any fact yourself: detente record import --db FILE, then detente record prove --db FILE --index N --out F and detente record verify-proof F --vkey KEY[/]");
    }

    private static bool MerkleOnly(InclusionProofFile proof, byte[] entry)
    {
        var checkpoint = Checkpoint.Parse(proof.Checkpoint.Text);
        return Detente.Record.Merkle.MerkleProofs.VerifyInclusion(proof.Index, checkpoint.Size, Detente.Record.Merkle.RecordHashing.LeafHash(entry), proof.Proof, checkpoint.RootHash);
    }

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
