using System.CommandLine;
using System.Globalization;
using System.Text;
using Detente.Cli.Records;
using Detente.Core;
using Detente.Node.Appending;
using Detente.Node.Reports.Record;
using Detente.Node.Witnessing;
using Detente.Record.Keys;
using Detente.Record.Statements;
using static Detente.Cli.Records.RecordOptions;

namespace Detente.Cli.Commands;

/// <summary><c>detente record</c>: the append-only log of signed statements — append, integrate, checkpoint, prove, verify, export, cosign, import.</summary>
internal static class RecordCommand
{
    public static Command Create(CliOptions options)
    {
        var command = new Command("record", "The record: a Merkle log of signed statements (C2SP checkpoints, tiles and proofs).");
        foreach (var verb in (Command[])[Vkey(options), Append(options), Integrate(options), Checkpoint(options), Prove(options), VerifyProof(options),
                     Verify(options), ExportTiles(options), Cosign(options), Import(options), RecordBrowseCommand.Show(options), RecordBrowseCommand.List(options)])
        {
            command.Subcommands.Add(verb);
        }

        return command;
    }

    private static string I(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses <c>--kind</c>.</summary>
    public static StatementKind Kind(string text) => StatementKinds.TryParse(text, out var k) ? k.Value
        : throw new UsageException($"--kind: unknown statement kind '{text}'; expected one of {string.Join(", ", StatementKinds.All.Select(x => x.WireName()))}");

    private static List<VerifierKey> Keys(string[]? texts) => [.. (texts ?? []).Select(VerifierKey.Parse)];

    private static int Print(Session session, IEnumerable<string> lines, bool valid)
    {
        foreach (var line in lines)
        {
            session.Output.WriteLine(line);
        }

        return valid ? 0 : VerificationFailed;
    }

    private static Command Vkey(CliOptions options)
    {
        return options.Verb("vkey", "Print the log's verifier key (its name is the log's origin); the key is created in the keyring on first use.", [Db(), Keyring(), Demo()],
            (parse, session) =>
            {
                using var node = Open(parse, parse.GetValue(Demo()));
                session.Output.WriteLine(node.LogKeyEntry().VerifierKey().ToString());
                return 0;
            });
    }

    private static Command Append(CliOptions options)
    {
        var kind = new Option<string?>("--kind") { Description = "The statement kind, e.g. deployment-declaration, observation, position." };
        var party = new Option<string?>("--party") { Description = "The author party; its key in the keyring signs." };
        var body = new Option<string?>("--body") { Description = "The body: a file holding a JSON object, or - for standard input." };
        var entry = new Option<string?>("--entry") { Description = "Instead of --kind/--party/--body: a complete signed statement entry made elsewhere (file or -)." };
        var key = new Option<string?>("--key") { Description = "Sign with this keyring key (by name) instead of the party's live key." };
        return options.Verb("append", "Sign a statement with the party's key and append it (pending until integrated); a rejected statement writes nothing.",
            [kind, party, body, entry, key, Db(), Keyring(), Demo()], (parse, session) =>
            {
                using var node = Open(parse, parse.GetValue(Demo()));
                AuthoredStatement written;
                if (parse.GetValue(entry) is { } entryPath)
                {
                    written = parse.GetValue(kind) is null && parse.GetValue(party) is null && parse.GetValue(body) is null
                        ? StatementAuthoring.AppendEntry(node, InputBody.Read(entryPath, "--entry", text: false))
                        : throw new UsageException("--entry: give either --entry or --kind, --party and --body, not both");
                }
                else
                {
                    var statementKind = Kind(parse.GetValue(kind) ?? throw new UsageException("--kind: required (or give --entry)"));
                    var author = KeysCommand.Party(parse.GetValue(party) ?? throw new UsageException("--party: required (or give --entry)"));
                    var bodyPath = parse.GetValue(body) ?? throw new UsageException("--body: required (or give --entry)");
                    var canonical = StatementAuthoring.CanonicalBody(InputBody.Read(bodyPath, "--body", text: false), $"--body {bodyPath}");
                    written = StatementAuthoring.Append(node, statementKind, author, canonical, parse.GetValue(key), DateTimeOffset.UtcNow);
                }

                var s = written.Statement;
                if (written.Enrolled is not null)
                {
                    session.Output.WriteLine($"enrolled {written.Enrolled} as {s.Author}'s first key in this record");
                }

                session.Output.WriteLine($"appended {s.Kind.WireName()} by {s.Author} seq {I(s.Sequence)} at log index {I(written.Index)}; log size {I(written.LogSize)}");
                return 0;
            });
    }

    private static Command Integrate(CliOptions options)
    {
        var size = new Option<int>("--batch-size") { Description = "Entries per integration transaction.", DefaultValueFactory = _ => 256 };
        var interval = new Option<int>("--batch-interval-ms") { Description = "With --watch: how long to wait between batches.", DefaultValueFactory = _ => 250 };
        var watch = new Option<bool>("--watch") { Description = "Keep integrating new statements every interval until stopped." };
        return options.Verb("integrate", "Integrate pending statements into the Merkle tree, in batches.", [size, interval, watch, Db(), Keyring()], (parse, session) =>
        {
            var (batch, wait) = (parse.GetValue(size), parse.GetValue(interval));
            if (batch < 1 || wait < 0)
            {
                throw new UsageException(batch < 1 ? "--batch-size: expected 1 or more" : "--batch-interval-ms: expected 0 or more");
            }

            using var node = Open(parse);
            var total = PendingStatements.Integrate(node.Store, batch);
            while (parse.GetValue(watch))
            {
                Thread.Sleep(wait);
                total += PendingStatements.Integrate(node.Store, batch);
            }

            session.Output.WriteLine($"integrated {I(total)} statements; log size {I(node.Store.Size)}");
            return 0;
        });
    }

    private static Command Checkpoint(CliOptions options)
    {
        return options.Verb("checkpoint", "Sign a checkpoint (C2SP tlog-checkpoint) of the integrated tree with the log key and print it.", [Db(), Keyring()], (parse, session) =>
        {
            using var node = Open(parse);
            using var logKey = node.LogKeyEntry().Open();
            session.Output.Write(node.Store.Checkpoint(logKey).ToString());
            return 0;
        });
    }

    private static Command Prove(CliOptions options)
    {
        var index = new Option<long>("--index") { Description = "The log index of the entry.", Required = true };
        var output = new Option<string?>("--out") { Description = "Write the c2sp.org/tlog-proof@v1 file here (and the entry to FILE.entry) instead of standard output." };
        var row = new Option<long?>("--row") { Description = "Also prove that row R (from 1) is part of the observation batch at --index: writes FILE.row (needs --out)." };
        return options.Verb("prove", "Write the offline inclusion proof (c2sp.org/tlog-proof@v1) of an entry against the latest checkpoint.", [index, output, row, Db(), Keyring()],
            (parse, session) =>
            {
                using var node = Open(parse);
                var path = parse.GetValue(output);
                var proof = parse.GetValue(row) is not null && path is null
                    ? throw new UsageException("--row: give --out FILE too; the row proof is written to FILE.row beside the entry's proof")
                    : EntryProofs.Prove(node.Store, parse.GetValue(index), parse.GetValue(row));
                if (path is null)
                {
                    session.Output.Write(proof.Proof);
                    return 0;
                }

                File.WriteAllText(path, proof.Proof);
                File.WriteAllBytes(path + ".entry", proof.Entry);
                if (proof.Row is { } r)
                {
                    File.WriteAllBytes(path + ".row", r.ToBytes());
                }

                session.Output.WriteLine($"wrote {path} (entry {I(proof.Index)} in a tree of {I(proof.Size)}) and {path}.entry" +
                                         (proof.Row is not { } rp ? "" : $", and {path}.row (row {I(rp.Row)} of the batch's {I(rp.Count)})"));
                return 0;
            });
    }

    private static Command VerifyProof(CliOptions options)
    {
        var file = new Argument<string>("file") { Description = "The .tlog-proof file." };
        var vkey = new Option<string>("--vkey") { Description = "The log's verifier key; its name is the origin expected.", Required = true };
        var entry = new Option<string?>("--entry") { Description = "The entry the proof is for (default: FILE.entry)." };
        var witness = new Option<string[]>("--witness-key") { Description = "A trusted witness's verifier key (repeatable).", AllowMultipleArgumentsPerToken = false };
        var quorum = new Option<int>("--quorum") { Description = "How many of the --witness-key witnesses must have cosigned.", DefaultValueFactory = _ => 0 };
        var rowOption = new Option<string?>("--row-proof") { Description = "A row proof (from 'record prove --row'; default: FILE.row when it exists)." };
        return options.Verb("verify-proof",
            "Check an offline inclusion proof with no database: entry, proof, checkpoint signature and witnesses; and a row proof when there is one.",
            [file, vkey, entry, witness, quorum, rowOption], (parse, session) =>
            {
                var path = parse.GetValue(file)!;
                var logKey = VerifierKey.Parse(parse.GetValue(vkey)!);
                var proof = Record.Proofs.InclusionProofFile.Parse(Encoding.UTF8.GetString(InputBody.Read(path, "FILE")));
                var entryBytes = InputBody.Read(parse.GetValue(entry) ?? path + ".entry", "--entry", text: false);
                var rowPath = parse.GetValue(rowOption) ?? (Core.InputFile.Exists(path + ".row") ? path + ".row" : null);
                var report = EntryProofs.Check(proof, entryBytes, logKey, Keys(parse.GetValue(witness)), parse.GetValue(quorum), rowPath, session.Error.WriteLine);
                return Print(session, report.Lines, report.IsValid);
            });
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
        return options.Verb("verify", "Trust only signatures: re-derive every table from the signed entries and checkpoints; exit 1 naming each change or unauthenticated entry.",
            [tiles, vkey, trusted, skipSignatures, witnessKey, Db(), Keyring()], (parse, session) =>
            {
                var logKeys = Keys(parse.GetValue(vkey));
                var note = parse.GetValue(trusted) is { } path ? RecordCheck.ParseTrusted(InputBody.Read(path, "--trusted-checkpoint"), path) : null;
                var report = RecordCheck.Verify(new RecordCheckRequest
                {
                    Tiles = parse.GetValue(tiles), Connection = DbPath(parse), KeyringPath = KeyringPath(parse), LogKeys = logKeys,
                    WitnessKeys = parse.GetValue(tiles) is null ? Keys(parse.GetValue(witnessKey)) : [], Trusted = note, SkipSignatures = parse.GetValue(skipSignatures),
                });
                return Print(session, report.Lines, report.IsValid);
            });
    }

    private static Command ExportTiles(CliOptions options)
    {
        var directory = new Argument<string>("dir") { Description = "The directory to write checkpoint, tile/… and tile/entries/… into." };
        return options.Verb("export-tiles", "Write the log as static C2SP tlog-tiles at the latest checkpoint.", [directory, Db(), Keyring()], (parse, session) =>
        {
            using var node = Open(parse);
            var (files, size) = RecordCheck.ExportTiles(node.Store, parse.GetValue(directory)!);
            session.Output.WriteLine($"wrote {I(files)} files to {parse.GetValue(directory)} at size {I(size)}");
            return 0;
        });
    }

    private static Command Cosign(CliOptions options)
    {
        var witness = new Option<string>("--witness") { Description = "The witness's URL, e.g. http://127.0.0.1:7380 (add-checkpoint is posted below it).", Required = true };
        var witnessKey = new Option<string?>("--witness-key") { Description = "The witness's verifier key: its cosignature is checked before it is stored." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the witness's answer.", DefaultValueFactory = _ => 30 };
        return options.Verb("cosign", "Send the latest checkpoint to a witness (tlog-witness add-checkpoint) and store its cosignature.",
            [witness, witnessKey, timeout, Db(), Keyring()], (parse, session) =>
            {
                using var node = Open(parse);
                _ = EntryProofs.LatestCheckpoint(node.Store);
                var trusted = parse.GetValue(witnessKey) is { } wk ? VerifierKey.Parse(wk) : null;
                var seconds = parse.GetValue(timeout);
                using var client = seconds > 0 && seconds <= int.MaxValue / 1000 ? new HttpWitnessClient(parse.GetValue(witness)!, TimeSpan.FromSeconds(seconds))
                    : throw new UsageException("--timeout: expected a number of seconds greater than 0");
                var (outcome, size) = Cosigning.CosignLatest(node.Store, new WitnessPeer(client, trusted));
                session.Output.WriteLine($"cosigned at size {I(size)} by {string.Join(", ", outcome.Signers)}" +
                                         $" ({I(outcome.Added)} new signature{(outcome.Added == 1 ? "" : "s")} stored)");
                return 0;
            });
    }

    private static Command Import(CliOptions options)
    {
        var events = Verification.VerificationContext.EventsOption;
        return options.Verb("import", "State every fact of a scenario as statements signed by demo keys of their authors, then integrate and checkpoint "
            + "(the record is created as a demo record, and says so).", [Db(), Keyring(), events], (parse, session) =>
            {
                var result = RecordImport.Import(DbPath(parse), KeyringPath(parse), session.Manifest, () => session.Scenario,
                    parse.GetValue(events) ?? [], DateTimeOffset.UtcNow);
                var (imported, librarian) = (result.Scenario, Node.Librarian.LibrarianParty.Party);
                session.Output.WriteLine($"imported {I(imported.Statements)} statements of scenario {session.Manifest.Info.Id} signed by {imported.ByAuthor.Count} demo keys " +
                                         $"({I(imported.ByAuthor.GetValueOrDefault(librarian))} by {librarian})");
                if (result.Events > 0)
                {
                    session.Output.WriteLine($"imported {I(result.Events)} verification statements from {string.Join(", ", result.EventFiles)}");
                }

                session.Output.WriteLine($"log {result.Checkpoint.Origin} size {I(result.Checkpoint.Size)} root {result.Checkpoint.RootHash.ToBase64()} (a demo record)");
                return 0;
            });
    }
}
