using System.CommandLine;
using Detente.Cli.Records;
using Detente.Core;
using Detente.Node.Appending;

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
        return PartyId.IsValidCode(code) ? new PartyId(code) : throw new UsageException($"--party: '{text}' is not a party code; expected e.g. POL, USA, NATO");
    }

    private static Command New(CliOptions options)
    {
        var party = PartyOption();
        var name = new Option<string?>("--name") { Description = "The key name (default party.detente.local/<PARTY>/<n>)." };
        return options.Verb("new", "Create a statement key for a party, store it in the keyring and print its verifier key.", [party, name, RecordOptions.Keyring()], (parse, session) =>
        {
            var p = Party(parse.GetValue(party)!);
            using var node = new RecordNode(RecordOptions.DbPath((string?)null), RecordOptions.KeyringPath(parse));
            session.Output.WriteLine(PartyKeys.New(node, p, parse.GetValue(name)).ToString());
            return 0;
        });
    }

    private static Command Rotate(CliOptions options)
    {
        var party = PartyOption();
        return options.Verb("rotate", "Create a new key for a party and append a key-rotation statement signed by its current key (which it retires).",
            [party, RecordOptions.Db(), RecordOptions.Keyring()], (parse, session) =>
            {
                var p = Party(parse.GetValue(party)!);
                using var node = RecordOptions.Open(parse);
                var (retired, fresh) = PartyKeys.Rotate(node, p, DateTimeOffset.UtcNow);
                session.Output.WriteLine($"{p}: {retired} retired; new key {fresh}");
                return 0;
            });
    }

    private static Command Revoke(CliOptions options)
    {
        var party = PartyOption();
        var key = new Option<string>("--key") { Description = "The key to revoke, as <name>+<hex8> (or a full verifier key).", Required = true };
        return options.Verb("revoke", "Append a key-revocation statement: the record rejects the key's later statements.", [party, key, RecordOptions.Db(), RecordOptions.Keyring()], (parse, session) =>
        {
            var p = Party(parse.GetValue(party)!);
            var reference = PartyKeys.ParseReference(parse.GetValue(key)!);
            using var node = RecordOptions.Open(parse);
            session.Output.WriteLine($"{p}: {reference} revoked (statement signed by {PartyKeys.Revoke(node, p, reference, DateTimeOffset.UtcNow)})");
            return 0;
        });
    }
}
