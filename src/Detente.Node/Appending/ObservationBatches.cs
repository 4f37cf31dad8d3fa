using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Data;
using Detente.Storage;
using Detente.Verification.Observations;

namespace Detente.Node.Appending;

/// <summary>
/// Glue between observation files and the record: signs one observation-batch statement per batch of rows (the monitor's key),
/// stores the rows beside the log in the same transaction, and (stored rows turn back into observations in <see cref="Projection.RecordProjection"/>).
/// </summary>
public static class ObservationBatches
{
    /// <summary>What an import did.</summary>
    public sealed record Imported(int Rows, int Batches, long FirstIndex, long Size, IReadOnlyList<string> Digests);

    /// <summary>Records every row of <paramref name="rows"/> as batches of at most <paramref name="batchSize"/>, all or nothing.</summary>
    public static Imported Import(RecordNode node, ObservationRows rows, PartyId monitor, int batchSize, DateTimeOffset now)
    {
        var store = node.Store;
        using var key = KeyFor(node, monitor, out var enrol);
        var next = store.State.NextSequence(monitor);
        var batches = new List<BatchRows>();
        var entries = new List<byte[]>();
        foreach (var (first, count, digest) in rows.Digests(batchSize))
        {
            batches.Add(new BatchRows(digest, count, rows.Lines(first, count)));
            var members = new Dictionary<string, object>
            {
                [ObservationBatch.RowsMember] = count,
                [ObservationBatch.DigestMember] = digest,
                ["file"] = Path.GetFileName(rows.File),
                ["first_row"] = rows.SourceRow(first),
            };

            // Sources the file declares travel with every batch, signed by the monitor, so the rows' citations resolve in any world.
            if (!rows.DeclaredSources.IsEmpty)
            {
                members[SourcesMember] = rows.DeclaredSources.Select(SourceBody).ToList();
            }

            var body = JsonSerializer.Serialize(members);
            var statement = new Statement(StatementKind.ObservationBatch, monitor, key.NoteKey.Reference, next++, now, body);
            entries.Add([.. SignedStatement.Sign(statement, key).Entry]);
        }

        var result = node.Appender.Append(new AppendRequest(entries) { Rows = batches, Enrol = enrol is null ? [] : [(monitor, enrol)] });
        if (result.Outcome == AppendOutcome.Busy || !result.IsAccepted)
        {
            throw new NodeException($"{rows.File}: the record rejected the batch statements, so nothing was recorded: {result.Message}");
        }

        var before = result.Statements[0].Index!.Value;
        return new Imported(rows.Count, batches.Count, before, node.Appender.Size, [.. batches.Select(b => b.Sha256)]);
    }

    /// <summary>Body member of a batch statement holding the sources its file declared.</summary>
    public const string SourcesMember = "sources";

    private static Dictionary<string, string?> SourceBody(Source s) => new()
    {
        ["id"] = s.Id.Value,
        ["title"] = s.Title,
        ["publisher"] = s.Publisher,
        ["date"] = s.Date,
        ["url"] = s.Url,
        ["kind"] = Vocabulary.WordFor(s.Kind),
    };

    /// <summary>
    /// The monitor's newest live keyring key; in a demo record with no keyring key, its demo key (as <c>record import</c> uses).
    /// <paramref name="enrol"/> is a key to enrol with the batches, in their transaction.
    /// </summary>
    private static SigningKey KeyFor(RecordNode node, PartyId monitor, out VerifierKey? enrol)
    {
        if (node.PartyKeys(monitor).Any())
        {
            return node.SigningKeyFor(monitor, null, out enrol);
        }

        if (!node.IsDemoRecord)
        {
            throw new NodeException($"--party: the keyring {node.KeyringPath} has no key for {monitor}; create one with 'detente keys new --party {monitor}' "
                                     + "(demo keys, which anyone can derive from a party's name, are used only in a record created as a demo: --demo)");
        }

        var key = SigningKey.Demo(ScenarioImport.DemoKeyName(monitor));
        if (node.Keyring.Find(key.Name) is null)
        {
            node.Save(node.Keyring.Add(key, KeyPurpose.Statement, monitor));
        }

        enrol = node.Store.State.Keys.Find(key.NoteKey.Reference) is null ? key.NoteKey : null;
        return key;
    }
}
