using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Unicode;
using Detente.Cli.Records;
using Detente.Node.Witnessing;
using Detente.Node.Appending;
using Detente.Node.Projection;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Notes;
using Detente.Record.Proofs;
using Detente.Record.Statements;
using Detente.Record.Tiles;
using Detente.Record.Witness;
using Detente.Data;

namespace Detente.Cli.Commands;

/// <summary><c>detente record</c>: the append-only log of signed statements — append, integrate, checkpoint, prove, verify, export, cosign, import.</summary>
internal static class RecordCommand
{
    public static Command Create(CliOptions options)
    {
        var command = new Command("record", "The record: a Merkle log of signed statements (C2SP checkpoints, tiles and proofs).");
        command.Subcommands.Add(Vkey(options));
        command.Subcommands.Add(Append(options));
        command.Subcommands.Add(Integrate(options));
        command.Subcommands.Add(Checkpoint(options));
        command.Subcommands.Add(Prove(options));
        command.Subcommands.Add(VerifyProof(options));
        command.Subcommands.Add(Verify(options));
        command.Subcommands.Add(ExportTiles(options));
        command.Subcommands.Add(Cosign(options));
        command.Subcommands.Add(Import(options));
        command.Subcommands.Add(RecordBrowseCommand.Show(options));
        command.Subcommands.Add(RecordBrowseCommand.List(options));
        return command;
    }

    private static string I(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static Command Vkey(CliOptions options)
    {
        var db = RecordOptions.Db();
        var keyring = RecordOptions.Keyring();
        var demo = RecordOptions.Demo();
        var command = new Command("vkey", "Print the log's verifier key (its name is the log's origin); the key is created in the keyring on first use.") { db, keyring, demo };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            using var node = new RecordNode(RecordOptions.DbPath(parse.GetValue(db)), RecordOptions.KeyringPath(parse.GetValue(keyring)), parse.GetValue(demo));
            session.Output.WriteLine(node.LogKeyEntry().VerifierKey().ToString());
            return 0;
        })));
        return command;
    }

    private static Command Append(CliOptions options)
    {
        var kind = new Option<string?>("--kind") { Description = "The statement kind, e.g. deployment-declaration, observation, position." };
        var party = new Option<string?>("--party") { Description = "The author party; its key in the keyring signs." };
        var body = new Option<string?>("--body") { Description = "The body: a file holding a JSON object, or - for standard input." };
        var entry = new Option<string?>("--entry") { Description = "Instead of --kind/--party/--body: a complete signed statement entry made elsewhere (file or -)." };
        var key = new Option<string?>("--key") { Description = "Sign with this keyring key (by name) instead of the party's live key." };
        var db = RecordOptions.Db();
        var keyring = RecordOptions.Keyring();
        var demo = RecordOptions.Demo();
        var command = new Command("append", "Sign a statement with the party's key and append it (pending until integrated); a rejected statement writes nothing.")
        {
            kind, party, body, entry, key, db, keyring, demo,
        };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            using var node = new RecordNode(RecordOptions.DbPath(parse.GetValue(db)), RecordOptions.KeyringPath(parse.GetValue(keyring)), parse.GetValue(demo));
            var now = DateTimeOffset.UtcNow;
            byte[] bytes;
            Record.Keys.VerifierKey? enrol = null;
            PartyId? signer = null;
            if (parse.GetValue(entry) is { } entryPath)
            {
                if (parse.GetValue(kind) is not null || parse.GetValue(party) is not null || parse.GetValue(body) is not null)
                {
                    throw new UsageException("--entry: give either --entry or --kind, --party and --body, not both");
                }

                bytes = InputBody.Read(entryPath, "--entry", text: false);
            }
            else
            {
                var kindText = parse.GetValue(kind) ?? throw new UsageException("--kind: required (or give --entry)");
                if (!StatementKinds.TryParse(kindText, out var statementKind))
                {
                    throw new UsageException($"--kind: unknown statement kind '{kindText}'; expected one of {string.Join(", ", StatementKinds.All.Select(k => k.WireName()))}");
                }

                var author = KeysCommand.Party(parse.GetValue(party) ?? throw new UsageException("--party: required (or give --entry)"));
                var bodyPath = parse.GetValue(body) ?? throw new UsageException("--body: required (or give --entry)");
                var json = InputBody.Read(bodyPath, "--body", text: false);
                if (Utf8.IsValid(json) is false)
                {
                    throw new UsageException($"--body {bodyPath}: invalid UTF-8 at byte {InvalidUtf8Offset(json)}");
                }

                byte[] canonical;
                try
                {
                    canonical = Record.Canonical.CanonicalJson.Canonicalize(json);
                }
                catch (Record.RecordFormatException e)
                {
                    var (line, column) = JsonMembers.Locate(json, (int)Math.Min(e.Position ?? 0, json.Length));
                    throw new UsageException($"--body {bodyPath}:{line}:{column}: not acceptable JSON: {e.Reason}");
                }

                if (canonical.Length == 0 || canonical[0] != (byte)'{')
                {
                    throw new UsageException($"--body {bodyPath}: the body must be a JSON object");
                }

                using var signing = node.SigningKeyFor(author, parse.GetValue(key), out enrol);
                signer = author;
                try
                {
                    bytes = [.. RecordNode.Sign(node.Store, statementKind.Value, author, signing, Encoding.UTF8.GetString(canonical), now).Entry];
                }
                catch (ArgumentException e)
                {
                    throw new UsageException(e.Message);
                }
            }

            // A party's first key is enrolled in the statement's own transaction: a rejected statement enrols nothing.
            var result = node.Appender.Append(new AppendRequest([bytes]) { Enrol = enrol is null ? [] : [(signer!.Value, enrol)] });
            if (!result.IsAccepted)
            {
                throw new UsageException(result.Message!);
            }

            if (enrol is not null)
            {
                session.Output.WriteLine($"enrolled {enrol} as {signer}'s first key in this record");
            }

            var written = result.Statements[0];
            var s = written.Check.Statement!.Statement;
            session.Output.WriteLine($"appended {s.Kind.WireName()} by {s.Author} seq {I(s.Sequence)} at log index {I(written.Index!.Value)}; log size {I(node.Appender.Size)}");
            return 0;
        })));
        return command;
    }

    private static int InvalidUtf8Offset(byte[] bytes)
    {
        for (var length = 1; length <= bytes.Length; length++)
        {
            if (!Utf8.IsValid(bytes.AsSpan(0, length)) && !Utf8.IsValid(bytes.AsSpan(0, Math.Min(bytes.Length, length + 3))))
            {
                return length - 1;
            }
        }

        return bytes.Length;
    }

    private static Command Integrate(CliOptions options)
    {
        var size = new Option<int>("--batch-size") { Description = "Entries per integration transaction.", DefaultValueFactory = _ => 256 };
        var interval = new Option<int>("--batch-interval-ms") { Description = "With --watch: how long to wait between batches.", DefaultValueFactory = _ => 250 };
        var watch = new Option<bool>("--watch") { Description = "Keep integrating new statements every interval until stopped." };
        var db = RecordOptions.Db();
        var keyring = RecordOptions.Keyring();
        var command = new Command("integrate", "Integrate pending statements into the Merkle tree, in batches.") { size, interval, watch, db, keyring };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            var batch = parse.GetValue(size);
            var wait = parse.GetValue(interval);
            if (batch < 1 || wait < 0)
            {
                throw new UsageException(batch < 1 ? "--batch-size: expected 1 or more" : "--batch-interval-ms: expected 0 or more");
            }

            using var node = new RecordNode(RecordOptions.DbPath(parse.GetValue(db)), RecordOptions.KeyringPath(parse.GetValue(keyring)));
            var total = 0L;
            do
            {
                Storage.Integration step;
                do
                {
                    step = node.Store.Integrate(batch);
                    total += step.Count;
                }
                while (step.Count == batch);

                if (parse.GetValue(watch))
                {
                    Thread.Sleep(wait);
                }
            }
            while (parse.GetValue(watch));

            session.Output.WriteLine($"integrated {I(total)} statements; log size {I(node.Store.Size)}");
            return 0;
        })));
        return command;
    }

    private static Command Checkpoint(CliOptions options)
    {
        var db = RecordOptions.Db();
        var keyring = RecordOptions.Keyring();
        var command = new Command("checkpoint", "Sign a checkpoint (C2SP tlog-checkpoint) of the integrated tree with the log key and print it.") { db, keyring };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            using var node = new RecordNode(RecordOptions.DbPath(parse.GetValue(db)), RecordOptions.KeyringPath(parse.GetValue(keyring)));
            using var logKey = node.LogKeyEntry().Open();
            session.Output.Write(node.Store.Checkpoint(logKey).ToString());
            return 0;
        })));
        return command;
    }

    private static Command Prove(CliOptions options)
    {
        var index = new Option<long>("--index") { Description = "The log index of the entry.", Required = true };
        var output = new Option<string?>("--out") { Description = "Write the c2sp.org/tlog-proof@v1 file here (and the entry to FILE.entry) instead of standard output." };
        var row = new Option<long?>("--row") { Description = "Also prove that row R (from 1) is part of the observation batch at --index: writes FILE.row (needs --out)." };
        var db = RecordOptions.Db();
        var keyring = RecordOptions.Keyring();
        var command = new Command("prove", "Write the offline inclusion proof (c2sp.org/tlog-proof@v1) of an entry against the latest checkpoint.") { index, output, row, db, keyring };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            using var node = new RecordNode(RecordOptions.DbPath(parse.GetValue(db)), RecordOptions.KeyringPath(parse.GetValue(keyring)));
            var n = parse.GetValue(index);
            var latest = node.Store.LatestCheckpoint() ?? throw new UsageException("the record has no checkpoint yet; run 'detente record checkpoint'");
            var size = Record.Notes.Checkpoint.Parse(latest.Text).Size;
            if (n < 0 || n >= size)
            {
                throw new UsageException($"--index: {I(n)} is not below the latest checkpoint's size {I(size)}");
            }

            var rowProof = parse.GetValue(row) is { } r ? RowProof(node.Store, n, r, parse.GetValue(output)) : null;
            var proof = node.Store.ProveInclusion(n).ToString();
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, proof);
                File.WriteAllBytes(path + ".entry", node.Store.Entry(n));
                if (rowProof is not null)
                {
                    File.WriteAllBytes(path + ".row", rowProof.ToBytes());
                }

                session.Output.WriteLine($"wrote {path} (entry {I(n)} in a tree of {I(size)}) and {path}.entry" +
                                         (rowProof is null ? "" : $", and {path}.row (row {I(rowProof.Row)} of the batch's {I(rowProof.Count)})"));
            }
            else
            {
                session.Output.Write(proof);
            }

            return 0;
        })));
        return command;
    }

    /// <summary>The proof that row <paramref name="row"/> is part of the observation batch stated at <paramref name="index"/>.</summary>
    private static BatchRowProof RowProof(Storage.IRecordStore store, long index, long row, string? output)
    {
        if (output is null)
        {
            throw new UsageException("--row: give --out FILE too; the row proof is written to FILE.row beside the entry's proof");
        }

        var parsed = SignedStatement.Parse(store.Entry(index));
        if (!parsed.IsAccepted || parsed.Statement!.Statement.Kind != StatementKind.ObservationBatch)
        {
            throw new UsageException($"--row: entry {I(index)} is {(parsed.IsAccepted ? "a " + parsed.Statement!.Statement.Kind.WireName() : "not a statement")}, not an observation-batch");
        }

        using var body = parsed.Statement.Statement.ParseBody();
        var digest = body.RootElement.GetProperty(ObservationBatch.DigestMember).GetString()!;
        var rows = (store as Storage.IBatchRowStore)?.ReadBatchRows(digest)
            ?? throw new UsageException($"--row: the rows of observation batch {digest} (entry {I(index)}) are missing; run 'detente record verify'");
        var proof = new BatchRowProof(row < 1 ? throw new UsageException("--row: rows count from 1") : row, rows);
        if (row > proof.Count)
        {
            throw new UsageException($"--row: entry {I(index)}'s batch holds {I(proof.Count)} rows, so there is no row {I(row)}");
        }

        // Refuse to hand out a proof that would not verify: the stored rows are a cache, checked against the signed digest.
        return proof.Verify(parsed.Statement.Statement) is { IsValid: false } failed
            ? throw new UsageException($"--row: the stored rows of entry {I(index)} do not match its statement ({failed.Problem}); run 'detente record verify'")
            : proof;
    }

    private static Command VerifyProof(CliOptions options)
    {
        var file = new Argument<string>("file") { Description = "The .tlog-proof file." };
        var vkey = new Option<string>("--vkey") { Description = "The log's verifier key; its name is the origin expected.", Required = true };
        var entry = new Option<string?>("--entry") { Description = "The entry the proof is for (default: FILE.entry)." };
        var witness = new Option<string[]>("--witness-key") { Description = "A trusted witness's verifier key (repeatable).", AllowMultipleArgumentsPerToken = false };
        var quorum = new Option<int>("--quorum") { Description = "How many of the --witness-key witnesses must have cosigned.", DefaultValueFactory = _ => 0 };
        var rowOption = new Option<string?>("--row-proof") { Description = "A row proof (from 'record prove --row'; default: FILE.row when it exists)." };
        var command = new Command("verify-proof", "Check an offline inclusion proof with no database: entry, proof, checkpoint signature and witnesses; and a row proof when there is one.")
        {
            file, vkey, entry, witness, quorum, rowOption,
        };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            var path = parse.GetValue(file)!;
            var logKey = VerifierKey.Parse(parse.GetValue(vkey)!);
            var proof = InclusionProofFile.Parse(Encoding.UTF8.GetString(InputBody.Read(path, "FILE")));
            var entryBytes = InputBody.Read(parse.GetValue(entry) ?? path + ".entry", "--entry", text: false);
            var witnessKeys = (parse.GetValue(witness) ?? []).Select(VerifierKey.Parse).ToList();
            var check = proof.Verify(entryBytes, logKey.Name, [logKey], witnessKeys, parse.GetValue(quorum));
            if (!check.IsValid)
            {
                session.Output.WriteLine($"invalid: {check.Problem}");
                return RecordOptions.VerificationFailed;
            }

            var statement = SignedStatement.Parse(entryBytes);
            if (Record.Admission.DemoKeys.IsDemoOrigin(check.Checkpoint!.Origin)
                || (statement.IsAccepted && Record.Admission.DemoKeys.IsDemo(statement.Statement.Statement.Key)))
            {
                session.Error.WriteLine("warning: " + (statement.IsAccepted && Record.Admission.DemoKeys.IsDemo(statement.Statement.Statement.Key)
                    ? $"the entry is signed with a demo key ({statement.Statement.Statement.Key}), which anyone can derive from its name: the proof shows "
                      + "the log holds the entry, not that its author signed it"
                    : $"{check.Checkpoint.Origin} is a demo record: its statements are signed with demo keys anyone can derive"));
            }

            var what = statement.IsAccepted
                ? $"{statement.Statement.Statement.Kind.WireName()} by {statement.Statement.Statement.Author} seq {I(statement.Statement.Statement.Sequence)}"
                : "entry";
            var rowPath = parse.GetValue(rowOption) ?? (Core.InputFile.Exists(path + ".row") ? path + ".row" : null);
            RowCheck? row = null;
            BatchRowProof? rowProof = null;
            if (rowPath is not null)
            {
                rowProof = BatchRowProof.Parse(ReadRowProof(rowPath));
                row = statement.IsAccepted ? rowProof.Verify(statement.Statement!.Statement) : null;
                if (row is not { IsValid: true })
                {
                    session.Output.WriteLine($"invalid: {rowPath}: {row?.Problem ?? "the proven entry is not a signed statement"}");
                    return RecordOptions.VerificationFailed;
                }
            }

            session.Output.WriteLine($"valid: {what} is entry {I(proof.Index)} of {check.Checkpoint!.Origin} at size {I(check.Checkpoint.Size)}, " +
                                     $"root {check.Checkpoint.RootHash.ToBase64()}" + (witnessKeys.Count > 0 ? $", {check.Cosigners} witness cosignatures" : ""));
            if (statement.IsAccepted)
            {
                var s = statement.Statement!.Statement;
                session.Output.WriteLine($"statement: {s.Kind.WireName()} by {s.Author}, key {s.Key}, seq {I(s.Sequence)}, " +
                                         $"{s.Time.ToString(Statement.TimeFormat, CultureInfo.InvariantCulture)}: {StatementSummary(s)}");
                session.Output.WriteLine("  (the statement's own signature is not checked offline: the checkpoint vouches that the log accepted it)");
            }

            if (row is not null)
            {
                session.Output.WriteLine($"row {I(rowProof!.Row)} of the batch's {I(rowProof.Count)} is part of its sha256: {Encoding.UTF8.GetString(row.Row.Span)}");
            }

            return 0;
        })));
        return command;
    }

    // A row proof holds a whole batch: 100,000 rows by default, a few hundred bytes each; far more than one entry.
    private const long RowProofLimit = 512L << 20;

    private static byte[] ReadRowProof(string path)
    {
        try
        {
            return Core.InputFile.ReadAllBytes(path, RowProofLimit);
        }
        catch (Core.InputException e)
        {
            throw new UsageException($"--row-proof: {e.Message}");
        }
    }

    private static string StatementSummary(Statement s)
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

    private static Command Verify(CliOptions options)
    {
        var tiles = new Option<string?>("--tiles") { Description = "Verify a tile directory (from export-tiles) instead of the database." };
        var vkey = new Option<string[]>("--vkey") { Description = "A trusted log verifier key (default: the keyring's log key)." };
        var trusted = new Option<string?>("--trusted-checkpoint")
        {
            Description = "A checkpoint of this log you already trust (one you kept, or a witness's cosigned one): a rollback, a deleted tail or a fork since is found.",
        };
        var skipSignatures = new Option<bool>("--skip-signatures")
        {
            Description = "Do not check each statement's Ed25519 signature (everything else is checked); faster, for entries whose signatures were checked before.",
        };
        var witnessKey = new Option<string[]>("--witness-vkey")
        {
            Description = "This node's witness verifier key (type 0x04): every checkpoint it keeps as witnessed must carry its cosignature (default: the keyring's witness key, if any).",
        };
        var db = RecordOptions.Db();
        var keyring = RecordOptions.Keyring();
        var command = new Command("verify",
            "Trust only signatures: re-derive every table from the signed entries and checkpoints; exit 1 naming each change or unauthenticated entry.")
        {
            tiles, vkey, trusted, skipSignatures, witnessKey, db, keyring,
        };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            var keys = (parse.GetValue(vkey) ?? []).Select(VerifierKey.Parse).ToList();
            var trustedNote = parse.GetValue(trusted) is { } trustedPath ? ReadTrustedCheckpoint(trustedPath) : null;
            Record.VerificationReport report;
            if (parse.GetValue(tiles) is { } directory)
            {
                if (keys.Count == 0)
                {
                    var keyringPath = RecordOptions.KeyringPath(parse.GetValue(keyring));
                    var ring = Core.InputFile.Exists(keyringPath) ? Keyring.Load(keyringPath) : Keyring.Empty;
                    keys.AddRange(ring.Entries.Where(e => e.Purpose == KeyPurpose.Log).Select(e => e.VerifierKey()));
                }

                CheckTrusted(trustedNote, keys, null);
                report = TileDirectory.Verify(directory, keys, trustedNote);
            }
            else
            {
                var connection = RecordOptions.DbPath(parse.GetValue(db));
                string origin;
                try
                {
                    origin = Storage.RecordStores.ExistingOrigin(connection) ?? throw new UsageException($"no record in {RecordNode.Display(connection)}");
                }
                catch (Storage.RecordStoreException e) when (e.IsCorrupt)
                {
                    // A damaged file is a changed store, not a missing one.
                    session.Output.WriteLine($"changed: the database is damaged: {e.Message}");
                    return RecordOptions.VerificationFailed;
                }

                var witnessKeys = (parse.GetValue(witnessKey) ?? []).Select(VerifierKey.Parse).ToList();
                if (keys.Count == 0)
                {
                    using var node = new RecordNode(connection, RecordOptions.KeyringPath(parse.GetValue(keyring)));
                    keys.Add(node.LogKeyEntry().VerifierKey());
                }

                if (witnessKeys.Count == 0 && RecordOptions.KeyringPath(parse.GetValue(keyring)) is var ringPath && Core.InputFile.Exists(ringPath))
                {
                    witnessKeys.AddRange(Keyring.Load(ringPath).Entries.Where(e => e.Purpose == KeyPurpose.Witness).Select(e => e.VerifierKey()));
                }

                CheckTrusted(trustedNote, keys, origin);
                using var store = Storage.RecordStores.Open(connection, origin);
                report = store.Verify(new Storage.StoreVerification(keys)
                {
                    Signatures = !parse.GetValue(skipSignatures), TrustedCheckpoint = trustedNote, WitnessKeys = witnessKeys,
                });
            }

            if (!report.IsValid)
            {
                foreach (var problem in report.Problems)
                {
                    session.Output.WriteLine(problem.Kind == Record.VerificationProblemKind.Unauthenticated ? problem.ToString() : $"changed: {problem}");
                }

                return RecordOptions.VerificationFailed;
            }

            session.Output.WriteLine($"verified {I(report.EntriesChecked)} entries" +
                                     (report.Checkpoint is { } c ? $"; checkpoint {c.Origin} size {I(c.Size)} root {c.RootHash.ToBase64()}" : "; no checkpoint yet") +
                                     (Record.Admission.DemoKeys.IsDemoOrigin(report.Checkpoint?.Origin) ? " (a demo record: demo keys anyone can derive)" : "")
                                     + (trustedNote is null ? "" : $"; consistent with the trusted checkpoint of size {I(Record.Notes.Checkpoint.Parse(trustedNote.Text).Size)}"));
            return 0;
        })));
        return command;
    }

    private static SignedNote ReadTrustedCheckpoint(string path)
    {
        var bytes = InputBody.Read(path, "--trusted-checkpoint");
        try
        {
            var note = SignedNote.Parse(bytes);
            _ = Record.Notes.Checkpoint.Parse(note.Text);
            return note;
        }
        catch (Record.RecordFormatException e)
        {
            throw new UsageException($"--trusted-checkpoint {path}: not a signed checkpoint: {e.Message}");
        }
    }

    /// <summary>A trusted checkpoint must be signed by a log key and be of this log: anything else is bad input, not a finding.</summary>
    private static void CheckTrusted(SignedNote? note, IReadOnlyList<VerifierKey> keys, string? origin)
    {
        if (note is null)
        {
            return;
        }

        var signatures = note.Verify(keys);
        if (!signatures.IsVerified)
        {
            throw new UsageException($"--trusted-checkpoint: not signed by the log key: {signatures.Error}");
        }

        var body = Record.Notes.Checkpoint.Parse(note.Text);
        if (origin is not null && body.Origin != origin)
        {
            throw new UsageException($"--trusted-checkpoint: it is a checkpoint of '{body.Origin}', not of this log '{origin}'");
        }
    }

    private static Command ExportTiles(CliOptions options)
    {
        var directory = new Argument<string>("dir") { Description = "The directory to write checkpoint, tile/… and tile/entries/… into." };
        var db = RecordOptions.Db();
        var keyring = RecordOptions.Keyring();
        var command = new Command("export-tiles", "Write the log as static C2SP tlog-tiles at the latest checkpoint.") { directory, db, keyring };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            using var node = new RecordNode(RecordOptions.DbPath(parse.GetValue(db)), RecordOptions.KeyringPath(parse.GetValue(keyring)));
            var latest = node.Store.LatestCheckpoint() ?? throw new UsageException("the record has no checkpoint yet; run 'detente record checkpoint'");
            var dir = parse.GetValue(directory)!;
            int files;
            try
            {
                files = TileDirectory.Export(dir, node.Store, latest);
            }
            catch (ArgumentException e)
            {
                // The stored tree does not match the signed checkpoint: the store was changed.
                throw new Storage.RecordStoreException(e.Message + "; run 'detente record verify'", isTransient: false, e, isCorrupt: true);
            }

            session.Output.WriteLine($"wrote {I(files)} files to {dir} at size {I(Record.Notes.Checkpoint.Parse(latest.Text).Size)}");
            return 0;
        })));
        return command;
    }

    private static Command Cosign(CliOptions options)
    {
        var witness = new Option<string>("--witness") { Description = "The witness's URL, e.g. http://127.0.0.1:7380 (add-checkpoint is posted below it).", Required = true };
        var witnessKey = new Option<string?>("--witness-key") { Description = "The witness's verifier key: its cosignature is checked before it is stored." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the witness's answer.", DefaultValueFactory = _ => 30 };
        var db = RecordOptions.Db();
        var keyring = RecordOptions.Keyring();
        var command = new Command("cosign", "Send the latest checkpoint to a witness (tlog-witness add-checkpoint) and store its cosignature.") { witness, witnessKey, timeout, db, keyring };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            using var node = new RecordNode(RecordOptions.DbPath(parse.GetValue(db)), RecordOptions.KeyringPath(parse.GetValue(keyring)));
            var latest = node.Store.LatestCheckpoint() ?? throw new UsageException("the record has no checkpoint yet; run 'detente record checkpoint'");
            var size = Record.Notes.Checkpoint.Parse(latest.Text).Size;
            var trusted = parse.GetValue(witnessKey) is { } wk ? VerifierKey.Parse(wk) : null;
            var seconds = parse.GetValue(timeout);
            if (!(seconds > 0) || seconds > int.MaxValue / 1000)
            {
                throw new UsageException("--timeout: expected a number of seconds greater than 0");
            }

            using var client = new HttpWitnessClient(parse.GetValue(witness)!, TimeSpan.FromSeconds(seconds));
            var outcome = Cosigning.RequestAsync(latest, new WitnessPeer(client, trusted), (o, n) => node.Store.ProveConsistency(o, n).Hashes,
                CancellationToken.None).GetAwaiter().GetResult();
            node.Store.SaveCosigned(outcome.Cosigned);
            session.Output.WriteLine($"cosigned at size {I(size)} by {string.Join(", ", outcome.Signers)}" +
                                     $" ({I(outcome.Added)} new signature{(outcome.Added == 1 ? "" : "s")} stored)");
            return 0;
        })));
        return command;
    }

    private static Command Import(CliOptions options)
    {
        var db = RecordOptions.Db();
        var keyring = RecordOptions.Keyring();
        var events = Verification.VerificationContext.EventsOption;
        var command = new Command("import", "State every fact of a scenario as statements signed by demo keys of their authors, then integrate and checkpoint "
            + "(the record is created as a demo record, and says so).") { db, keyring, events };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            // All or nothing: the scenario and the event files are read and checked, and every statement signed and checked against
            // an empty record, before the store or the keyring is touched; a store this import created is removed if writing fails.
            var connection = RecordOptions.DbPath(parse.GetValue(db));
            var keyringPath = RecordOptions.KeyringPath(parse.GetValue(keyring));
            var now = DateTimeOffset.UtcNow;
            if (Storage.RecordStores.ExistingOrigin(connection) is { } created && !Record.Admission.DemoKeys.IsDemoOrigin(created))
            {
                throw new UsageException($"--db: record import signs with demo keys, which anyone can derive from a party's name; they are accepted only in a "
                                         + $"demo record, and {RecordNode.Display(connection)} holds the record '{created}': import into a new --db; nothing was written");
            }

            var facts = ScenarioLoader.Facts(session.Manifest, Geography.AreaIds(session.Manifest.GeoDirectory));
            var eventFiles = Verification.VerificationContext.LoadEvents(parse.GetValue(events) ?? []);
            var regimes = eventFiles.Count == 0 ? null : Verification.VerificationContext.CheckEvents(session, eventFiles);
            using var prepared = ScenarioImport.Prepare(facts, now);
            if (Storage.RecordStores.ExistingOrigin(connection) is { } existing)
            {
                using var store = Storage.RecordStores.Open(connection, existing);
                if (store.Size > 0 || store.PendingCount > 0)
                {
                    throw new UsageException($"the record already holds {store.Size + store.PendingCount} statements; import a scenario into an empty record (--db); nothing was written");
                }
            }

            using var undo = ImportUndo.Before(connection, keyringPath);
            using var node = new RecordNode(connection, keyringPath, demo: true);
            _ = node.LogKeyEntry();
            var keys = node.Keyring;
            var result = ScenarioImport.Import(node.Appender, prepared, ref keys);
            var added = regimes is null ? 0
                : EventsImport.Import(node.Appender, regimes, session.Scenario, eventFiles, ref keys, now);
            node.Save(keys);
            undo.Done();
            var checkpoint = Record.Notes.Checkpoint.Parse(node.Store.LatestCheckpoint()!.Text);
            session.Output.WriteLine($"imported {I(result.Statements)} statements of scenario {session.Manifest.Info.Id} signed by {result.ByAuthor.Count} demo keys " +
                                     $"({I(result.ByAuthor.GetValueOrDefault(Node.Librarian.LibrarianParty.Party))} by {Node.Librarian.LibrarianParty.Party})");
            if (added > 0)
            {
                session.Output.WriteLine($"imported {I(added)} verification statements from {string.Join(", ", eventFiles.Select(f => f.Id))}");
            }

            session.Output.WriteLine($"log {checkpoint.Origin} size {I(checkpoint.Size)} root {checkpoint.RootHash.ToBase64()} (a demo record)");
            return 0;
        })));
        return command;
    }
}
