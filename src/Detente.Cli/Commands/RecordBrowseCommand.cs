using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Detente.Cli.Records;
using Detente.Core;
using Detente.Node.Appending;
using Detente.Node.Projection;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Statements;
using Detente.Storage;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente record show INDEX</c> and <c>detente record list</c>: read the statements of a record, read-only.</summary>
internal static class RecordBrowseCommand
{
    private static string I(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static Option<string[]> VkeyOption() => new("--vkey")
    {
        Description = "A trusted log verifier key, to check the checkpoint's signature (default: the keyring's key for the log).",
    };

    public static Command Show(CliOptions options)
    {
        var index = new Argument<long>("index") { Description = "The log index of the statement." };
        var vkey = VkeyOption();
        var db = RecordOptions.Db();
        var keyring = RecordOptions.Keyring();
        var command = new Command("show", "Show one statement: kind, author, key, sequence, time, body, leaf hash, and whether a signed checkpoint covers it.")
        {
            index, vkey, db, keyring, options.Json,
        };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            using var store = Open(parse.GetValue(db), out _);
            var n = parse.GetValue(index);
            if (n >= store.Size && n < store.Size + store.PendingCount)
            {
                throw new UsageException($"index: entry {I(n)} is pending, not yet in the tree; run 'detente record integrate'");
            }

            if (n < 0 || n >= store.Size)
            {
                throw new UsageException(store.Size == 0 ? "index: the record has no integrated entries yet"
                    : $"index: {I(n)} is not in the record, which holds entries 0..{I(store.Size - 1)}");
            }

            var entry = store.Entries(n, 1)[0];
            var parsed = SignedStatement.Parse(entry);
            if (!parsed.IsAccepted)
            {
                throw new UsageException($"entry {I(n)} is not a well-formed signed statement ({parsed.Message}); run 'detente record verify'");
            }

            var signed = parsed.Statement!;
            var s = signed.Statement;
            var key = store.State.Keys.Find(s.Key);
            var signature = key is null ? "key not enrolled in this record" : signed.VerifySignature(key.Key) ? "valid" : "INVALID";
            var coverage = Coverage(store, n, LogKeys(parse.GetValue(vkey), parse.GetValue(keyring), store.Origin));
            var leaf = RecordHashing.LeafHash(entry).ToBase64();
            if (parse.GetValue(options.Json))
            {
                using var body = s.ParseBody();
                JsonShapes.Write(session.Output, new JsonObject
                {
                    ["index"] = n,
                    ["kind"] = s.Kind.WireName(),
                    ["author"] = s.Author.Code,
                    ["key"] = s.Key.ToString(),
                    ["sequence"] = s.Sequence,
                    ["time"] = s.Time.ToString(Statement.TimeFormat, CultureInfo.InvariantCulture),
                    ["signature"] = signature,
                    ["leaf_hash"] = leaf,
                    ["checkpoint"] = coverage.Json(),
                    ["body"] = JsonNode.Parse(body.RootElement.GetRawText()),
                });
                return 0;
            }

            var o = session.Output;
            o.WriteLine($"entry {I(n)} of {store.Origin}");
            o.WriteLine($"kind       {s.Kind.WireName()}");
            o.WriteLine($"author     {s.Author}");
            o.WriteLine($"key        {s.Key} (signature {signature})");
            o.WriteLine($"sequence   {I(s.Sequence)}");
            o.WriteLine($"time       {s.Time.ToString(Statement.TimeFormat, CultureInfo.InvariantCulture)}");
            o.WriteLine($"leaf hash  {leaf}");
            o.WriteLine($"checkpoint {coverage}");
            o.WriteLine("body");
            foreach (var line in StatementText.Pretty(s).Split('\n'))
            {
                o.WriteLine("  " + line);
            }

            return 0;
        })));
        return command;
    }

    public static Command List(CliOptions options)
    {
        var kind = new Option<string?>("--kind") { Description = "Only statements of this kind, e.g. deployment-declaration, observation-batch." };
        var party = new Option<string?>("--party") { Description = "Only statements by this party or whose body names it (owner, host, member, subject, observer, ...)." };
        var db = RecordOptions.Db();
        var command = new Command("list", "List the record's integrated statements: index, kind, author, sequence, time and a summary of the body.")
        {
            kind, party, db, options.Json, options.Csv,
        };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            var csv = options.CsvChosen(parse);
            StatementKind? wanted = null;
            if (parse.GetValue(kind) is { } kindText)
            {
                wanted = StatementKinds.TryParse(kindText, out var k) ? k
                    : throw new UsageException($"--kind: unknown statement kind '{kindText}'; expected one of {string.Join(", ", StatementKinds.All.Select(x => x.WireName()))}");
            }

            var partyCode = parse.GetValue(party) is { } p ? KeysCommand.Party(p).Code : null;
            using var store = Open(parse.GetValue(db), out _);
            var total = store.Size;
            var rows = new List<(long Index, Statement Statement)>();
            for (long start = 0; start < total; start += 1024)
            {
                var entries = store.Entries(start, (int)Math.Min(1024, total - start));
                for (var i = 0; i < entries.Count; i++)
                {
                    var parsed = SignedStatement.Parse(entries[i]);
                    if (!parsed.IsAccepted)
                    {
                        throw new UsageException($"entry {I(start + i)} is not a well-formed signed statement ({parsed.Message}); run 'detente record verify'");
                    }

                    var s = parsed.Statement!.Statement;
                    if ((wanted is null || s.Kind == wanted) && (partyCode is null || StatementText.Names(s, partyCode)))
                    {
                        rows.Add((start + i, s));
                    }
                }
            }

            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session.Output, new JsonObject
                {
                    ["origin"] = store.Origin,
                    ["size"] = store.Size,
                    ["pending"] = store.PendingCount,
                    ["kind"] = wanted?.WireName(),
                    ["party"] = partyCode,
                    ["statements"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
                    {
                        ["index"] = r.Index,
                        ["kind"] = r.Statement.Kind.WireName(),
                        ["author"] = r.Statement.Author.Code,
                        ["sequence"] = r.Statement.Sequence,
                        ["time"] = r.Statement.Time.ToString(Statement.TimeFormat, CultureInfo.InvariantCulture),
                        ["summary"] = StatementText.Summary(r.Statement),
                    })]),
                });
                return 0;
            }

            var table = new Rendering.TableView(null, new Rendering.Column("Index", Rendering.ColumnKind.Id), new Rendering.Column("Kind", Rendering.ColumnKind.Id),
                new Rendering.Column("Author", Rendering.ColumnKind.Id), new Rendering.Column("Seq", Rendering.ColumnKind.Id),
                new Rendering.Column("Time", Rendering.ColumnKind.Id), new Rendering.Column("Summary"))
            {
                Empty = "no statement matches",
            };
            table.Totals.Add($"{rows.Count} of {I(total)} statements in {store.Origin}"
                + (wanted is null ? "" : $", kind {wanted.Value.WireName()}") + (partyCode is null ? "" : $", naming {partyCode}")
                + (store.PendingCount > 0 ? $"; {I(store.PendingCount)} more pending, not yet in the tree (not listed)" : ""));
            foreach (var r in rows)
            {
                table.Add(I(r.Index), r.Statement.Kind.WireName(), r.Statement.Author.Code,
                    I(r.Statement.Sequence), r.Statement.Time.ToString(Statement.TimeFormat, CultureInfo.InvariantCulture),
                    StatementText.Summary(r.Statement));
            }

            session.Show(table, csv);
            return 0;
        })));
        return command;
    }

    private static IRecordStore Open(string? dbOption, out string connection)
    {
        connection = RecordOptions.DbPath(dbOption);
        var origin = RecordStores.ExistingOrigin(connection) ?? throw new UsageException($"no record in {RecordNode.Display(connection)}");
        return RecordStores.Open(connection, origin);
    }

    private static List<VerifierKey> LogKeys(string[]? vkeys, string? keyringOption, string origin)
    {
        var keys = (vkeys ?? []).Select(VerifierKey.Parse).ToList();
        if (keys.Count == 0)
        {
            var path = RecordOptions.KeyringPath(keyringOption);
            var ring = File.Exists(path) ? Keyring.Load(path) : Keyring.Empty;
            keys.AddRange(ring.Entries.Where(e => e.Purpose == KeyPurpose.Log && e.Name == origin).Select(e => e.VerifierKey()));
        }

        return keys;
    }

    /// <summary>Whether the latest checkpoint covers the entry, and whether its signature and the entry's inclusion were checked.</summary>
    private sealed record CheckpointCoverage(long? Size, bool Covers, bool? Verified, string Detail)
    {
        public JsonObject Json() => new()
        {
            ["size"] = Size,
            ["covers"] = Covers,
            ["verified"] = Verified,
            ["detail"] = Detail,
        };

        public override string ToString() => Detail;
    }

    private static CheckpointCoverage Coverage(IRecordStore store, long index, List<VerifierKey> logKeys)
    {
        var latest = store.LatestCheckpoint();
        if (latest is null)
        {
            return new(null, false, null, "none: the record has no checkpoint yet, so this entry is unauthenticated");
        }

        var size = Record.Notes.Checkpoint.Parse(latest.Text).Size;
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
}
