using System.CommandLine;
using System.Globalization;
using Detente.Cli.Records;
using Detente.Core;
using Detente.Node.Appending;
using Detente.Node.Projection;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Record;
using Detente.Record.Keys;
using Detente.Record.Statements;

namespace Detente.Cli.Commands;

/// <summary><c>detente record show INDEX</c> and <c>detente record list</c>: read the statements of a record, read-only.</summary>
internal static class RecordBrowseCommand
{
    private static string I(long n) => n.ToString(CultureInfo.InvariantCulture);

    public static Command Show(CliOptions options)
    {
        var index = new Argument<long>("index") { Description = "The log index of the statement." };
        var vkey = new Option<string[]>("--vkey") { Description = "A trusted log verifier key, to check the checkpoint's signature (default: the keyring's key for the log)." };
        var (db, keyring) = (RecordOptions.Db(), RecordOptions.Keyring());
        return options.Verb("show", "Show one statement: kind, author, key, sequence, time, body, leaf hash, and whether a signed checkpoint covers it.",
            [index, vkey, db, keyring, options.Json], (parse, session) =>
        {
            using var store = RecordStatements.Open(RecordOptions.DbPath(parse.GetValue(db)));
            var keys = RecordStatements.LogKeys((parse.GetValue(vkey) ?? []).Select(VerifierKey.Parse), RecordOptions.KeyringPath(parse.GetValue(keyring)), store.Origin);
            var report = StatementReport.Build(store, parse.GetValue(index), keys);
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session.Output, report.ToJson());
                return 0;
            }

            var (o, s) = (session.Output, report.Statement);
            o.WriteLine($"entry {I(report.Index)} of {report.Origin}");
            o.WriteLine($"kind       {s.Kind.WireName()}");
            o.WriteLine($"author     {s.Author}");
            o.WriteLine($"key        {s.Key} (signature {report.Signature})");
            o.WriteLine($"sequence   {I(s.Sequence)}");
            o.WriteLine($"time       {report.Time}");
            o.WriteLine($"leaf hash  {report.LeafHash}");
            o.WriteLine($"checkpoint {report.Coverage}");
            o.WriteLine("body");
            foreach (var line in StatementText.Pretty(s).Split('\n'))
            {
                o.WriteLine("  " + line);
            }

            return 0;
        });
    }

    public static Command List(CliOptions options)
    {
        var kind = new Option<string?>("--kind") { Description = "Only statements of this kind, e.g. deployment-declaration, observation-batch." };
        var party = new Option<string?>("--party") { Description = "Only statements by this party or whose body names it (owner, host, member, subject, observer, ...)." };
        var db = RecordOptions.Db();
        return options.Verb("list", "List the record's integrated statements: index, kind, author, sequence, time and a summary of the body.",
            [kind, party, db, options.Json, options.Csv], (parse, session) =>
        {
            var csv = options.CsvChosen(parse);
            var wanted = parse.GetValue(kind) is { } kindText ? RecordCommand.Kind(kindText) : (StatementKind?)null;
            var author = parse.GetValue(party) is { } p ? KeysCommand.Party(p) : (Core.PartyId?)null;
            using var store = RecordStatements.Open(RecordOptions.DbPath(parse.GetValue(db)));
            var list = StatementList.Build(store, wanted, author);
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session.Output, list.ToJson());
                return 0;
            }

            var table = new ReportTable(null, new Column("Index", ColumnKind.Id), new Column("Kind", ColumnKind.Id), new Column("Author", ColumnKind.Id),
                new Column("Seq", ColumnKind.Id), new Column("Time", ColumnKind.Id), new Column("Summary"))
            {
                Empty = "no statement matches",
            };
            table.Totals.Add($"{list.Rows.Count} of {I(list.Size)} statements in {list.Origin}"
                + (wanted is null ? "" : $", kind {wanted.Value.WireName()}") + (list.Party is null ? "" : $", naming {list.Party}")
                + (list.Pending > 0 ? $"; {I(list.Pending)} more pending, not yet in the tree (not listed)" : ""));
            foreach (var r in list.Rows)
            {
                table.Add(I(r.Index), r.Statement.Kind.WireName(), r.Statement.Author.Code, I(r.Statement.Sequence), r.Time, r.Summary);
            }

            session.Show(table, csv);
            return 0;
        });
    }
}
