using System.CommandLine;
using Detente.Node.Reports.Record;
using Detente.Record.Keys;
using Detente.Core;
using static Detente.Cli.Records.RecordOptions;

namespace Detente.Cli.Commands;

/// <summary><c>detente record show INDEX</c> and <c>detente record list</c>: read the statements of a record, read-only.</summary>
internal static class RecordBrowseCommand
{
    public static Command Show(CliOptions options)
    {
        var index = new Argument<long>("index") { Description = "The log index of the statement." };
        var vkey = new Option<string[]>("--vkey") { Description = "A trusted log verifier key, to check the checkpoint's signature (default: the keyring's key for the log)." };
        return options.Verb("show", "Show one statement: kind, author, key, sequence, time, body, leaf hash, and whether a signed checkpoint covers it.",
            [index, vkey, Db(), Keyring(), options.Json], (parse, session) =>
        {
            using var store = RecordStatements.Open(DbPath(parse));
            var keys = RecordStatements.LogKeys((parse.GetValue(vkey) ?? []).Select(VerifierKey.Parse), KeyringPath(parse), store.Origin);
            var report = StatementReport.Build(store, parse.GetValue(index), keys);
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session.Output, report.ToJson());
                return 0;
            }

            // Verbatim, not wrapped: keys, hashes and the body are copied from here.
            foreach (var line in report.Lines())
            {
                session.Output.WriteLine(line);
            }

            return 0;
        });
    }

    public static Command List(CliOptions options)
    {
        var kind = new Option<string?>("--kind") { Description = "Only statements of this kind, e.g. deployment-declaration, observation-batch." };
        var party = new Option<string?>("--party") { Description = "Only statements by this party or whose body names it (owner, host, member, subject, observer, ...)." };
        return options.Verb("list", "List the record's integrated statements: index, kind, author, sequence, time and a summary of the body.",
            [kind, party, Db(), options.Json, options.Csv], (parse, session) =>
        {
            options.CsvChosen(parse);
            var wanted = parse.GetValue(kind) is { } kindText ? RecordCommand.Kind(kindText) : (StatementKind?)null;
            var author = parse.GetValue(party) is { } p ? KeysCommand.Party(p) : (PartyId?)null;
            using var store = RecordStatements.Open(DbPath(parse));
            var list = StatementList.Build(store, wanted, author);
            return options.Answer(parse, session, list.ToJson, _ => list.Table());
        });
    }
}
