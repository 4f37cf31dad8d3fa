using System.CommandLine;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Rules;
using Detente.Rules.Audit;

namespace Detente.Cli.Commands;

/// <summary><c>detente audit balance</c>: the even-handedness report — facts, sources and findings per party, so asymmetries show.</summary>
internal static class AuditCommand
{
    public static Command Create(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true, "The date of the findings counted (facts are counted over every date)");
        var balance = new Command("balance", "Per party: facts of each kind and provenance, sources by origin, findings by status — so asymmetries in the data are visible.")
        {
            at, options.Json, options.Csv, RulesContext.ParamOption, RulesContext.AgreementsOption,
        };
        balance.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            var settings = rules.Settings(parse);
            var world = session.Scenario.At(day);
            var report = BalanceReport.Of(session.Scenario, rules.Library.All.SelectMany(a => rules.Engine.Evaluate(a, world, settings(a))).ToList());
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, BalanceJson.Of(report, day));
                return 0;
            }

            var table = new ReportTable($"Balance: facts of every date by party, kind and provenance; findings on {day:yyyy-MM-dd}",
                new Column("Party", ColumnKind.Id), new Column("Deployments", ColumnKind.Id), new Column("Observed (about it)", ColumnKind.Id),
                new Column("Observations (by it)", ColumnKind.Id), new Column("Other facts", ColumnKind.Id), new Column("Sources from it", ColumnKind.Id),
                new Column("Facts about it cite sources from", ColumnKind.Id), new Column("Findings", ColumnKind.Id));
            foreach (var p in report.Parties)
            {
                IEnumerable<KeyValuePair<string, int>> Kind(string kind) => p.Facts.TryGetValue(kind, out var v) ? v : [];
                var other = p.Facts.Where(k => k.Key is not ("deployment" or "observation-about" or "observation-by"))
                    .Select(k => KeyValuePair.Create(k.Key, k.Value.Values.Sum()));
                table.Add(p.Party.Code, Cell(Kind("deployment")), Cell(Kind("observation-about")), Cell(Kind("observation-by")), Cell(other),
                    $"{p.SourcesFrom:N0}", Cell(p.CitedByOrigin), Cell(p.Findings));
            }

            table.Totals.Add("Sources by origin: " + string.Join(", ", report.SourcesByOrigin.Select(o => $"{o.Key} {o.Value:N0}")));
            table.Notes.Add("Counts only: a difference between parties is not an error in itself; it shows where the record leans.");
            session.Show(table, csv);
            return 0;
        }));
        return new Command("audit", "Audits of the data itself.") { balance };
    }

    private static string Cell(IEnumerable<KeyValuePair<string, int>> counts)
    {
        var parts = counts.Where(c => c.Value > 0).Select(c => $"{c.Value:N0} {c.Key}").ToList();
        return parts.Count == 0 ? "—" : string.Join("\n", parts);
    }
}
