using System.CommandLine;
using Detente.Cli.Records;
using Detente.Node.Appending;
using Detente.Node.Projection;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Statements;

namespace Detente.Cli.Commands;

/// <summary><c>detente keys</c>: a party's statement keys — <c>new</c>, and <c>rotate</c> and <c>revoke</c>, which are statements in the record.</summary>
internal static class KeysCommand
{
    public static Command Create(CliOptions options)
    {
        var command = new Command("keys", "Create, rotate and revoke parties' statement keys (private keys stay in the keyring file, mode 0600).");
        command.Subcommands.Add(New(options));
        command.Subcommands.Add(Rotate(options));
        command.Subcommands.Add(Revoke(options));
        return command;
    }

    private static Option<string> PartyOption() => new("--party") { Description = "The party, e.g. POL.", Required = true };

    public static PartyId Party(string text)
    {
        var code = text.Trim().ToUpperInvariant();
        return PartyId.IsValidCode(code)
            ? new PartyId(code)
            : throw new UsageException($"--party: '{text}' is not a party code; expected e.g. POL, USA, NATO");
    }

    private static string NextName(RecordNode node, PartyId party)
    {
        for (var n = node.PartyKeys(party).Count() + 1; ; n++)
        {
            var name = $"party.detente.local/{party.Code}/{n}";
            if (node.Keyring.Find(name) is null)
            {
                return name;
            }
        }
    }

    // A verifier key's base64 part may itself contain '+', so it is parsed whole rather than split.
    private static VerifierKey ParseVerifierKey(string text)
    {
        try
        {
            return VerifierKey.Parse(text);
        }
        catch (Record.RecordFormatException)
        {
            throw new UsageException($"--key: '{text}' is neither <name>+<hex8> nor a verifier key");
        }
    }

    private static Command New(CliOptions options)
    {
        var party = PartyOption();
        var name = new Option<string?>("--name") { Description = "The key name (default party.detente.local/<PARTY>/<n>)." };
        var keyring = RecordOptions.Keyring();
        var command = new Command("new", "Create a statement key for a party, store it in the keyring and print its verifier key.") { party, name, keyring };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            var p = Party(parse.GetValue(party)!);
            using var node = new RecordNode(RecordOptions.DbPath(null), RecordOptions.KeyringPath(parse.GetValue(keyring)));
            var keyName = parse.GetValue(name) ?? NextName(node, p);
            if (!KeyName.IsValid(keyName))
            {
                throw new UsageException($"--name: '{keyName}' is not a key name (non-empty, no spaces, no '+')");
            }

            if (node.Keyring.Find(keyName) is not null)
            {
                throw new UsageException($"--name: the keyring already holds a key named '{keyName}'");
            }

            using var key = SigningKey.Generate(keyName);
            node.Save(node.Keyring.Add(key, KeyPurpose.Statement, p));
            session.Output.WriteLine(key.NoteKey.ToString());
            return 0;
        })));
        return command;
    }

    private static Command Rotate(CliOptions options)
    {
        var party = PartyOption();
        var db = RecordOptions.Db();
        var keyring = RecordOptions.Keyring();
        var command = new Command("rotate", "Create a new key for a party and append a key-rotation statement signed by its current key (which it retires).")
        {
            party, db, keyring,
        };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            var p = Party(parse.GetValue(party)!);
            using var node = new RecordNode(RecordOptions.DbPath(parse.GetValue(db)), RecordOptions.KeyringPath(parse.GetValue(keyring)));
            using var current = node.SigningKeyFor(p, null, out var enrol);
            using var fresh = SigningKey.Generate(NextName(node, p));

            // The new key is saved before the statement is appended: a crash in between leaves an unused key, never a lost one.
            node.Save(node.Keyring.Add(fresh, KeyPurpose.Statement, p));
            var body = $$"""{"{{StatementValidator.NewKeyMember}}":"{{fresh.NoteKey}}"}""";
            var now = DateTimeOffset.UtcNow;
            var check = node.Submit(RecordNode.Sign(node.Store, StatementKind.KeyRotation, p, current, body, now), p, enrol);
            if (!check.IsAccepted)
            {
                throw new UsageException(check.Message!);
            }

            session.Output.WriteLine($"{p}: {current.NoteKey.Reference} retired; new key {fresh.NoteKey}");
            return 0;
        })));
        return command;
    }

    private static Command Revoke(CliOptions options)
    {
        var party = PartyOption();
        var key = new Option<string>("--key") { Description = "The key to revoke, as <name>+<hex8> (or a full verifier key).", Required = true };
        var db = RecordOptions.Db();
        var keyring = RecordOptions.Keyring();
        var command = new Command("revoke", "Append a key-revocation statement: the record rejects the key's later statements.") { party, key, db, keyring };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            var p = Party(parse.GetValue(party)!);
            var text = parse.GetValue(key)!;
            var reference = KeyReference.TryParse(text, out var r) ? r : ParseVerifierKey(text).Reference;
            using var node = new RecordNode(RecordOptions.DbPath(parse.GetValue(db)), RecordOptions.KeyringPath(parse.GetValue(keyring)));

            // Sign with another live key of the party when there is one, else with the key being revoked.
            var directory = node.Store.State.Keys;
            var signer = node.PartyKeys(p).FirstOrDefault(k => k.VerifierKey().Reference != reference
                                                               && directory.Find(k.VerifierKey().Reference) is { IsRevoked: false })
                         ?? node.PartyKeys(p).FirstOrDefault(k => k.VerifierKey().Reference == reference)
                         ?? throw new UsageException($"the keyring {node.KeyringPath} holds no live key of {p} to sign the revocation");
            using var signing = signer.Open();
            var body = $$"""{"{{StatementValidator.RevokedKeyMember}}":"{{reference}}"}""";
            var now = DateTimeOffset.UtcNow;
            var check = node.Submit(RecordNode.Sign(node.Store, StatementKind.KeyRevocation, p, signing, body, now), p, null);
            if (!check.IsAccepted)
            {
                throw new UsageException(check.Message!);
            }

            session.Output.WriteLine($"{p}: {reference} revoked (statement signed by {signing.NoteKey.Reference})");
            return 0;
        })));
        return command;
    }
}
