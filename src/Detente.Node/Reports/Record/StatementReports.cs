using System.Globalization;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Node.Appending;
using Detente.Node.Reports.Tables;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Statements;
using Detente.Storage;

namespace Detente.Node.Reports.Record;

/// <summary>Whether the latest checkpoint covers an entry, and whether its signature and the entry's inclusion were checked.</summary>
/// <param name="Size">The latest checkpoint's size; null without one.</param>
/// <param name="Covers">True when the checkpoint claims the entry.</param>
/// <param name="Verified">True or false when signature and inclusion were checked; null when they could not be.</param>
/// <param name="Detail">What this means, for a person.</param>
public sealed record CheckpointCoverage(long? Size, bool Covers, bool? Verified, string Detail)
{
    /// <summary>The JSON form (<c>size</c>, <c>covers</c>, <c>verified</c>, <c>detail</c>).</summary>
    public JsonObject ToJson() => new()
    {
        ["size"] = Size,
        ["covers"] = Covers,
        ["verified"] = Verified,
        ["detail"] = Detail,
    };

    /// <inheritdoc/>
    public override string ToString() => Detail;
}

/// <summary><c>record show INDEX</c>: one integrated statement with its signature's state, its leaf hash and its checkpoint coverage.</summary>
/// <param name="Origin">The log's origin.</param>
/// <param name="Index">The entry's log index.</param>
/// <param name="Statement">The statement.</param>
/// <param name="Signature"><c>valid</c>, <c>INVALID</c>, or that its key is not enrolled in this record.</param>
/// <param name="LeafHash">The entry's RFC 6962 leaf hash, base64.</param>
/// <param name="Coverage">Whether a signed checkpoint covers it.</param>
public sealed record StatementReport(string Origin, long Index, Statement Statement, string Signature, string LeafHash, CheckpointCoverage Coverage)
{
    /// <summary>The statement's time as written in the record.</summary>
    public string Time => Statement.Time.ToString(Statement.TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads entry <paramref name="index"/> of <paramref name="store"/>, checking the checkpoint's signature with <paramref name="logKeys"/>
    /// (see <see cref="RecordStatements.LogKeys"/>). A pending, missing or malformed entry is refused with what to do.
    /// </summary>
    public static StatementReport Build(IRecordStore store, long index, IReadOnlyList<VerifierKey> logKeys)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (index >= store.Size && index < store.Size + store.PendingCount)
        {
            throw new NodeException($"index: entry {I(index)} is pending, not yet in the tree; run 'detente record integrate'");
        }

        if (index < 0 || index >= store.Size)
        {
            throw new NodeException(store.Size == 0 ? "index: the record has no integrated entries yet"
                : $"index: {I(index)} is not in the record, which holds entries 0..{I(store.Size - 1)}");
        }

        var entry = store.Entries(index, 1)[0];
        var signed = RecordStatements.Parse(entry, index);
        var key = store.State.Keys.Find(signed.Statement.Key);
        var signature = key is null ? "key not enrolled in this record" : signed.VerifySignature(key.Key) ? "valid" : "INVALID";
        return new StatementReport(store.Origin, index, signed.Statement, signature, RecordHashing.LeafHash(entry).ToBase64(), CoverageOf(store, index, logKeys));
    }

    /// <summary>The statement for people, a field a line ("kind       observation"), then its body pretty-printed and indented.</summary>
    public IEnumerable<string> Lines() =>
    [
        $"entry {I(Index)} of {Origin}", $"kind       {Statement.Kind.WireName()}", $"author     {Statement.Author}",
        $"key        {Statement.Key} (signature {Signature})", $"sequence   {I(Statement.Sequence)}", $"time       {Time}", $"leaf hash  {LeafHash}",
        $"checkpoint {Coverage}", "body", .. StatementText.Pretty(Statement).Split('\n').Select(line => "  " + line),
    ];

    /// <summary>The JSON form, as <c>record show --json</c> writes it.</summary>
    public JsonObject ToJson()
    {
        using var body = Statement.ParseBody();
        return new JsonObject
        {
            ["index"] = Index,
            ["kind"] = Statement.Kind.WireName(),
            ["author"] = Statement.Author.Code,
            ["key"] = Statement.Key.ToString(),
            ["sequence"] = Statement.Sequence,
            ["time"] = Time,
            ["signature"] = Signature,
            ["leaf_hash"] = LeafHash,
            ["checkpoint"] = Coverage.ToJson(),
            ["body"] = JsonNode.Parse(body.RootElement.GetRawText()),
        };
    }

    private static CheckpointCoverage CoverageOf(IRecordStore store, long index, IReadOnlyList<VerifierKey> logKeys)
    {
        var latest = store.LatestCheckpoint();
        if (latest is null)
        {
            return new(null, false, null, "none: the record has no checkpoint yet, so this entry is unauthenticated");
        }

        var size = Checkpoint.Parse(latest.Text).Size;
        if (index >= size)
        {
            return new(size, false, null, $"none: the latest checkpoint (size {I(size)}) does not cover it yet, so this entry is unauthenticated");
        }

        if (logKeys.Count == 0)
        {
            return new(size, true, null, $"covered by the checkpoint at size {I(size)}; its signature was not checked (no log key: give --vkey)");
        }

        var check = store.ProveInclusion(index, latest).Verify(store.Entries(index, 1)[0], store.Origin, logKeys);
        return check.IsValid
            ? new(size, true, true, $"covered by the checkpoint at size {I(size)}, root {check.Checkpoint!.RootHash.ToBase64()} (signature and inclusion checked)")
            : new(size, true, false, $"the checkpoint at size {I(size)} claims it, but does not verify: {check.Problem}");
    }

    private static string I(long n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One row of <c>record list</c>: an integrated statement at its index, with a one-line summary of its body.</summary>
/// <param name="Index">The log index.</param>
/// <param name="Statement">The statement.</param>
public sealed record StatementRow(long Index, Statement Statement)
{
    /// <summary>The statement's time as written in the record.</summary>
    public string Time => Statement.Time.ToString(Statement.TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>The body's summary (<see cref="StatementText.Summary"/>).</summary>
    public string Summary => StatementText.Summary(Statement);
}

/// <summary><c>record list</c>: the record's integrated statements, optionally of one kind or naming one party.</summary>
/// <param name="Origin">The log's origin.</param>
/// <param name="Size">Integrated entries.</param>
/// <param name="Pending">Entries appended but not yet integrated (not listed).</param>
/// <param name="Kind">The kind asked for, if any.</param>
/// <param name="Party">The party asked for, if any: the author or a party its body names.</param>
/// <param name="Rows">The statements that match, in log order.</param>
public sealed record StatementList(string Origin, long Size, long Pending, StatementKind? Kind, string? Party, IReadOnlyList<StatementRow> Rows)
{
    /// <summary>Reads every integrated statement of <paramref name="store"/> and keeps those that match; a malformed entry is refused.</summary>
    public static StatementList Build(IRecordStore store, StatementKind? kind, PartyId? party)
    {
        ArgumentNullException.ThrowIfNull(store);
        var total = store.Size;
        var rows = new List<StatementRow>();
        for (long start = 0; start < total; start += 1024)
        {
            var entries = store.Entries(start, (int)Math.Min(1024, total - start));
            for (var i = 0; i < entries.Count; i++)
            {
                var s = RecordStatements.Parse(entries[i], start + i).Statement;
                if ((kind is null || s.Kind == kind) && (party is null || StatementText.Names(s, party.Value.Code)))
                {
                    rows.Add(new StatementRow(start + i, s));
                }
            }
        }

        return new StatementList(store.Origin, store.Size, store.PendingCount, kind, party?.Code, rows);
    }

    /// <summary>The statements as a table (index, kind, author, sequence, time, summary), with how many of how many and what was asked first.</summary>
    public ReportTable Table()
    {
        var table = new ReportTable(null, Column.Id("Index"), Column.Id("Kind"), Column.Id("Author"), Column.Id("Seq"), Column.Id("Time"), new Column("Summary"))
        {
            Empty = "no statement matches",
        };
        table.Totals.Add($"{Rows.Count} of {I(Size)} statements in {Origin}" + (Kind is null ? "" : $", kind {Kind.Value.WireName()}")
            + (Party is null ? "" : $", naming {Party}") + (Pending > 0 ? $"; {I(Pending)} more pending, not yet in the tree (not listed)" : ""));
        foreach (var r in Rows)
        {
            table.Add(I(r.Index), r.Statement.Kind.WireName(), r.Statement.Author.Code, I(r.Statement.Sequence), r.Time, r.Summary);
        }

        return table;
    }

    private static string I(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The JSON form, as <c>record list --json</c> writes it.</summary>
    public JsonObject ToJson() => new()
    {
        ["origin"] = Origin,
        ["size"] = Size,
        ["pending"] = Pending,
        ["kind"] = Kind?.WireName(),
        ["party"] = Party,
        ["statements"] = new JsonArray([.. Rows.Select(r => (JsonNode)new JsonObject
        {
            ["index"] = r.Index,
            ["kind"] = r.Statement.Kind.WireName(),
            ["author"] = r.Statement.Author.Code,
            ["sequence"] = r.Statement.Sequence,
            ["time"] = r.Time,
            ["summary"] = r.Summary,
        })]),
    };
}

/// <summary>Opening a record to read its statements, and the log keys to check its checkpoints with.</summary>
public static class RecordStatements
{
    /// <summary>Opens the existing record at <paramref name="connection"/>; none there is refused.</summary>
    public static IRecordStore Open(string connection)
    {
        var origin = RecordStores.ExistingOrigin(connection) ?? throw new NodeException($"no record in {RecordNode.Display(connection)}");
        return RecordStores.Open(connection, origin);
    }

    /// <summary>The trusted log keys given, else the keyring's key named like <paramref name="origin"/> (none when the keyring has none).</summary>
    public static IReadOnlyList<VerifierKey> LogKeys(IEnumerable<VerifierKey> given, string keyringPath, string origin)
    {
        var keys = given.ToList();
        if (keys.Count == 0)
        {
            var ring = File.Exists(keyringPath) ? Keyring.Load(keyringPath) : Keyring.Empty;
            keys.AddRange(ring.Entries.Where(e => e.Purpose == KeyPurpose.Log && e.Name == origin).Select(e => e.VerifierKey()));
        }

        return keys;
    }

    /// <summary>Parses an integrated entry; one that is not a well-formed signed statement is refused, naming its index.</summary>
    public static SignedStatement Parse(byte[] entry, long index)
    {
        var parsed = SignedStatement.Parse(entry);
        return parsed.IsAccepted ? parsed.Statement!
            : throw new NodeException($"entry {index.ToString(CultureInfo.InvariantCulture)} is not a well-formed signed statement ({parsed.Message}); run 'detente record verify'");
    }
}
