using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Rules.Audit;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente audit balance</c>: the even-handedness report — facts, sources and findings per party, so asymmetries show.</summary>
internal static class AuditCommand
{
    public static Command Create(CliOptions options)
    {
        var command = new Command("audit", "Audits of the data itself.");
        command.Subcommands.Add(Balance(options));
        return command;
    }

    private static Command Balance(CliOptions options)
    {
        var at = CliOptions.AtOption(required: false);
        at.Description = "The date of the findings counted (default 2022-01-12); facts are counted over every date.";
        var command = new Command("balance",
            "Per party: facts of each kind and provenance, sources by origin, findings by status — so asymmetries in the data are visible.")
        {
            at, options.Json, RulesContext.ParamOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var day = parse.GetValue(at) is { } text ? Parse.Date(text, "--at") : DemoCommand.Day;
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            var parameters = parse.GetValue(RulesContext.ParamOption) ?? [];
            var world = session.Scenario.At(day);
            var findings = rules.Library.All.SelectMany(a => rules.Evaluate(a, world, parameters)).ToList();
            var report = BalanceReport.Of(session.Scenario, findings);
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session.Output, Json(report, day));
                return 0;
            }

            Table(session.Console, report, day);
            return 0;
        }));
        return command;
    }

    private static JsonObject Counts(IEnumerable<KeyValuePair<string, int>> counts) =>
        new(counts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value)));

    /// <summary>The JSON of <c>detente audit balance --json</c> (documented in docs/cli.md).</summary>
    public static JsonObject Json(BalanceReport report, DateOnly day) => new()
    {
        ["findings_at"] = JsonShapes.Day(day),
        ["sources_by_origin"] = Counts(report.SourcesByOrigin),
        ["parties"] = new JsonArray(report.Parties.Select(p => (JsonNode)new JsonObject
        {
            ["party"] = p.Party.Code,
            ["facts"] = new JsonObject(p.Facts.Select(k => KeyValuePair.Create(k.Key, (JsonNode?)Counts(k.Value)))),
            ["sources_from"] = p.SourcesFrom,
            ["cited_sources_by_origin"] = Counts(p.CitedByOrigin),
            ["findings"] = Counts(p.Findings),
        }).ToArray()),
    };

    private static string Cell(IEnumerable<KeyValuePair<string, int>> counts)
    {
        var parts = counts.Where(c => c.Value > 0).Select(c => $"{c.Value:N0} {c.Key}").ToList();
        return parts.Count == 0 ? "—" : string.Join("\n", parts);
    }

    private static void Table(IAnsiConsole console, BalanceReport report, DateOnly day)
    {
        var table = new Table().Title($"Balance: facts of every date by party, kind and provenance; findings on {day:yyyy-MM-dd}")
            .AddColumns("Party", "Deployments", "Observed (about it)", "Observations (by it)", "Other facts", "Sources from it",
                "Facts about it cite sources from", "Findings");
        foreach (var p in report.Parties)
        {
            IEnumerable<KeyValuePair<string, int>> Kind(string kind) => p.Facts.TryGetValue(kind, out var v) ? v : [];
            var other = p.Facts.Where(k => k.Key is not ("deployment" or "observation-about" or "observation-by"))
                .Select(k => KeyValuePair.Create(k.Key, k.Value.Values.Sum()));
            table.AddRow(p.Party.Code, Text.Escape(Cell(Kind("deployment"))), Text.Escape(Cell(Kind("observation-about"))),
                Text.Escape(Cell(Kind("observation-by"))), Text.Escape(Cell(other)), $"{p.SourcesFrom:N0}",
                Text.Escape(Cell(p.CitedByOrigin)), Text.Escape(Cell(p.Findings)));
        }

        console.Write(table);
        console.MarkupLine(Text.Escape("Sources by origin: " + string.Join(", ", report.SourcesByOrigin.Select(o => $"{o.Key} {o.Value:N0}"))));
        console.MarkupLine("[grey]Counts only: a difference between parties is not an error in itself; it shows where the record leans.[/]");
    }
}
