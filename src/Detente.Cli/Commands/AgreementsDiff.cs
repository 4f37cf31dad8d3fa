using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Rules.Comparison;
using Detente.Rules.Evaluation;
using Detente.Rules.Runtime;
using Detente.Cli.Rendering;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary>
/// <c>detente agreements diff A B</c>: whether A is stronger, weaker, equivalent or incomparable to B, per aligned clause and
/// for the documents as a whole, with the constructs compared and a separating world wherever they differ.
/// </summary>
internal static class AgreementsDiff
{
    public static Command Create(CliOptions options)
    {
        var left = new Argument<string>("a") { Description = "The first agreement." };
        var right = new Argument<string>("b") { Description = "The second agreement." };
        var at = CliOptions.AtOption(required: true);
        var worlds = new Option<int>("--worlds")
        {
            Description = "Worlds the search evaluates per pair of clauses (twice as many for the documents). Default 500.",
            DefaultValueFactory = _ => 500,
        };
        var overlays = new Option<string?>("--overlays") { Description = "Write each separating world as a whatif overlay (JSON) into this directory." };
        var diff = new Command("diff", "Compare two agreements as constraints: stronger, weaker, equivalent or incomparable, with separating worlds.")
        {
            left, right, at, worlds, overlays, options.Json, options.Csv, RulesContext.AgreementsOption,
        };
        diff.SetAction(parse => options.Run(parse, session =>
        {
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            var a = rules.Agreement(parse.GetValue(left)!);
            var b = rules.Agreement(parse.GetValue(right)!);
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var csv = options.CsvChosen(parse);
            var budget = parse.GetValue(worlds);
            if (budget < 1)
            {
                throw new UsageException($"--worlds: expected a positive number, found {budget}");
            }

            var result = new AgreementComparison(rules.Evaluator, session.Scenario) { Budget = budget }.Compare(a, b, day);
            Dictionary<Separation, string> files;
            try
            {
                files = parse.GetValue(overlays) is { } dir ? WriteOverlays(result, dir) : [];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--overlays: cannot write the overlays: {e.Message}");
            }

            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, Json(result));
                return 0;
            }

            if (csv)
            {
                session.Show(ClauseTable(result), csv: true);
                return 0;
            }

            Render(session, rules, result, files);
            return 0;
        }));
        return diff;
    }

    private static string Clause(Rules.Compilation.Agreement doc, Rules.Compilation.CompiledClause? c) => c is null ? "—" : $"{doc.Id}/{c.Id}";

    /// <summary>The clause-by-clause comparison (the table of <c>agreements diff</c>, and its CSV).</summary>
    private static TableView ClauseTable(AgreementDiff d)
    {
        var table = new TableView("Clause by clause", new Column(d.Left.Id, ColumnKind.Id), new Column(d.Right.Id, ColumnKind.Id),
            new Column("Left is", ColumnKind.Id), new Column("Basis", ColumnKind.Id), new Column("Why"))
        {
            KeyColumns = 2,
        };
        foreach (var c in d.Clauses)
        {
            table.Add(Clause(d.Left, c.Left), Clause(d.Right, c.Right), AgreementComparison.Word(c.Strength), c.Basis, c.Summary);
        }

        return table;
    }

    private static void Render(Session session, RulesContext rules, AgreementDiff d, Dictionary<Separation, string> files)
    {
        var console = session.Console;
        var world = session.Scenario.At(d.Dates[0]);
        var pa = rules.Evaluator.Environment(d.Left, world, null).Parties;
        var pb = rules.Evaluator.Environment(d.Right, world, null).Parties;
        console.MarkupLine($"[bold]{d.Left.Id}[/] ({d.Left.Kind}, {d.Left.Syntax.Date:yyyy-MM-dd}) vs [bold]{d.Right.Id}[/] ({d.Right.Kind}, {d.Right.Syntax.Date:yyyy-MM-dd}); "
            + $"evaluated at {string.Join(", ", d.Dates.Select(x => x.ToString("yyyy-MM-dd")))}");
        console.MarkupLine($"parties only in {d.Left.Id}: {Text.Escape(pa.Except(pb).ToString())}; only in {d.Right.Id}: {Text.Escape(pb.Except(pa).ToString())}; in both: {pa.Intersect(pb).Count}");
        console.MarkupLine($"\n[bold]As a whole: {d.Left.Id} is {Relation(d.Strength)} {d.Right.Id}[/] [grey]({d.Basis})[/]: {Text.Escape(d.Summary)}");
        Separations(console, d.Search, files);

        session.Show(ClauseTable(d), csv: false);
        foreach (var c in d.Clauses.Where(c => c.Strength != Strength.Equivalent || c.Symbolic is not null))
        {
            console.MarkupLine($"\n[bold]{Clause(d.Left, c.Left)} vs {Clause(d.Right, c.Right)}[/]: {AgreementComparison.Word(c.Strength)} [grey]({c.Basis}, {c.Search.WorldsTried} worlds tried)[/]");
            if (c.Symbolic is { } s)
            {
                if (s.Misaligned is { } m)
                {
                    console.MarkupLine($"  shapes differ: {Text.Escape(m)}");
                }

                foreach (var k in s.Components)
                {
                    console.MarkupLine($"  {Text.Escape(k.Construct)}: {Text.Escape(k.Left)} | {Text.Escape(k.Right)} → {AgreementComparison.Word(k.Strength)}");
                }
            }

            Separations(console, c.Search, files);
        }
    }

    private static void Separations(IAnsiConsole console, SearchResult s, Dictionary<Separation, string> files)
    {
        foreach (var sep in new[] { s.LeftForbids, s.RightForbids }.OfType<Separation>())
        {
            var where = sep.Facts is null ? "the scenario as it is" : $"hypothetically, {sep.Facts.Description}";
            var file = files.TryGetValue(sep, out var f) ? $" (overlay: {f})" : "";
            console.MarkupLine($"  only {sep.ForbiddenBy} forbids, on {sep.At:yyyy-MM-dd}, {Text.Escape(where)}{Text.Escape(file)}: "
                + $"{Text.Escape(sep.Violation.Clause.ToString())} {FindingsView.Status(sep.Violation.Status)} for {sep.Violation.PartyCode} — {Text.Escape(Shorten(sep.Violation.Explanation))}");
        }
    }

    private static string Relation(Strength s) => s switch
    {
        Strength.Stronger => "STRONGER than",
        Strength.Weaker => "WEAKER than",
        Strength.Equivalent => "EQUIVALENT to",
        Strength.Incomparable => "INCOMPARABLE to",
        _ => "UNDECIDED against",
    };

    private static string Shorten(string s) => s.Length <= 220 ? s : s[..217] + "...";

    private static Dictionary<Separation, string> WriteOverlays(AgreementDiff d, string dir)
    {
        Directory.CreateDirectory(dir);
        var files = new Dictionary<Separation, string>();
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var sep in new[] { d.Search }.Concat(d.Clauses.Select(c => c.Search)).SelectMany(s => new[] { s.LeftForbids, s.RightForbids }).OfType<Separation>())
        {
            if (sep.Facts is null || files.ContainsKey(sep))
            {
                continue;
            }

            var json = Data.Overlays.Hypothetical(sep.Facts.Facts).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
            if (!written.TryGetValue(json, out var path))
            {
                path = Path.Combine(dir, $"separating-{++n:00}-only-{sep.ForbiddenBy}.json");
                File.WriteAllText(path, json);
                written[json] = path;
            }

            files[sep] = path;
        }

        return files;
    }

    private static JsonObject Json(AgreementDiff d) => new()
    {
        ["a"] = d.Left.Id,
        ["b"] = d.Right.Id,
        ["dates"] = new JsonArray(d.Dates.Select(x => (JsonNode)JsonShapes.Day(x)!).ToArray()),
        ["strength"] = AgreementComparison.Word(d.Strength),
        ["basis"] = d.Basis,
        ["summary"] = d.Summary,
        ["worldsTried"] = d.Search.WorldsTried,
        ["separating"] = Separating(d.Search),
        ["clauses"] = new JsonArray(d.Clauses.Select(c => (JsonNode)new JsonObject
        {
            ["a"] = c.Left is null ? null : Clause(d.Left, c.Left),
            ["b"] = c.Right is null ? null : Clause(d.Right, c.Right),
            ["strength"] = AgreementComparison.Word(c.Strength),
            ["basis"] = c.Basis,
            ["summary"] = c.Summary,
            ["worldsTried"] = c.Search.WorldsTried,
            ["constructs"] = c.Symbolic is null ? null : new JsonArray(c.Symbolic.Components.Select(k => (JsonNode)new JsonObject
            {
                ["construct"] = k.Construct,
                ["a"] = k.Left,
                ["b"] = k.Right,
                ["strength"] = AgreementComparison.Word(k.Strength),
            }).ToArray()),
            ["misaligned"] = c.Symbolic?.Misaligned,
            ["separating"] = Separating(c.Search),
        }).ToArray()),
    };

    private static JsonArray Separating(SearchResult s) => new(new[] { s.LeftForbids, s.RightForbids }.OfType<Separation>().Select(sep => (JsonNode)new JsonObject
    {
        ["forbiddenBy"] = sep.ForbiddenBy,
        ["at"] = JsonShapes.Day(sep.At),
        ["description"] = sep.Facts?.Description ?? "the scenario as it is",
        ["overlay"] = sep.Facts is null ? null : Data.Overlays.Hypothetical(sep.Facts.Facts),
        ["finding"] = FindingsView.Json(sep.Violation),
    }).ToArray());
}
