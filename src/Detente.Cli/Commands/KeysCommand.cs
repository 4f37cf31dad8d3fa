using System.CommandLine;
using Detente.Cli.Records;
using Detente.Node.Appending;
using Detente.Core;
using Detente.Record.Keys;

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
        command.Act(options, (parse, session) =>
        {
            var p = Party(parse.GetValue(party)!);
            using var node = new RecordNode(RecordOptions.DbPath(null), RecordOptions.KeyringPath(parse.GetValue(keyring)));
            session.Output.WriteLine(PartyKeys.New(node, p, parse.GetValue(name)).ToString());
            return 0;
        });
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
        command.Act(options, (parse, session) =>
        {
            var p = Party(parse.GetValue(party)!);
            using var node = RecordOptions.Open(parse, db, keyring);
            var (retired, fresh) = PartyKeys.Rotate(node, p, DateTimeOffset.UtcNow);
            session.Output.WriteLine($"{p}: {retired} retired; new key {fresh}");
            return 0;
        });
        return command;
    }

    private static Command Revoke(CliOptions options)
    {
        var party = PartyOption();
        var key = new Option<string>("--key") { Description = "The key to revoke, as <name>+<hex8> (or a full verifier key).", Required = true };
        var db = RecordOptions.Db();
        var keyring = RecordOptions.Keyring();
        var command = new Command("revoke", "Append a key-revocation statement: the record rejects the key's later statements.") { party, key, db, keyring };
        command.Act(options, (parse, session) =>
        {
            var p = Party(parse.GetValue(party)!);
            var text = parse.GetValue(key)!;
            var reference = KeyReference.TryParse(text, out var r) ? r : ParseVerifierKey(text).Reference;
            using var node = RecordOptions.Open(parse, db, keyring);
            var signer = PartyKeys.Revoke(node, p, reference, DateTimeOffset.UtcNow);
            session.Output.WriteLine($"{p}: {reference} revoked (statement signed by {signer})");
            return 0;
        });
        return command;
    }
}
