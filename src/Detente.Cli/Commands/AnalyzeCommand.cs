using System.CommandLine;
using System.Globalization;
using Detente.Core;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;
using Detente.Negotiation.Export;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Negotiation;
using static Detente.Node.Reports.Negotiation.NegotiationWords;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary>
/// <c>detente analyze</c>: can the chosen parties' positions meet, and where? Feasibility with a witness package, minimal
/// conflicts, maximal and best packages, and the distance of the status quo from each party's positions.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliOptions options)
    {
        var data = NegotiationCli.DataOption();
        var parties = new Option<string?>("--parties") { Description = "The parties whose positions meet, e.g. RUS,USA,NATO (default: all)." };
        var at = new Option<string?>("--at") { Description = "Use the positions in force on this date, and measure the status quo in the world of that date (optional; without it: the latest version of each position, and the status quo of the latest position's date, which the output names)." };
        var linkage = new Option<string>("--linkage") { Description = "on: linked positions stand or fall together; off: each alone.", DefaultValueFactory = _ => "on" };
        linkage.AcceptOnlyFromAmong("on", "off");
        var limit = new Option<int>("--limit") { Description = "Stop after this many conflicts.", DefaultValueFactory = _ => 20 };
        var budget = new Option<double>("--budget")
        {
            Description = "The solver's work limit for the whole analysis, in CP-SAT deterministic time (a count of the solver's work, "
                + "not seconds); the same limit gives the same answer on any machine.",
            DefaultValueFactory = _ => 10,
        };
        var table = new Option<string?>("--table") { Description = "With --csv: the table to write (conflicts, package, distances)." };
        var smtlib = new Option<bool>("--smtlib") { Description = "Write the issues and positions as SMT-LIB 2 instead of analysing them." };
        var command = new Command("analyze", "Can these positions meet, and where? Conflicts, packages and distances, with CP-SAT.")
        {
            data, parties, at, linkage, limit, budget, smtlib, options.Json, options.Csv, table,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var negotiation = NegotiationCli.Load(parse, data);
            var chosen = NegotiationCli.Parties(parse.GetValue(parties), negotiation);
            DateOnly? day = parse.GetValue(at) is { } text ? Parse.Date(text, "--at") : null;
            var problem = NegotiationProblem.Create(negotiation, [.. chosen], day, parse.GetValue(linkage) == "on");
            if (parse.GetValue(smtlib))
            {
                session.Output.Write(SmtLib.Export(negotiation, problem.Clauses));
                return 0;
            }

            var seconds = parse.GetValue(budget);
            if (!(seconds > 0) || double.IsInfinity(seconds))
            {
                throw new UsageException("--budget: expected a deterministic time greater than 0");
            }

            if (parse.GetValue(limit) < 1)
            {
                throw new UsageException("--limit: expected at least 1");
            }

            var statusQuoDay = NegotiationReport.StatusQuoDayOf(problem);
            var values = NegotiationCli.StatusQuoValues(session, negotiation, statusQuoDay);
            var report = NegotiationReport.Run(problem, values, statusQuoDay, parse.GetValue(limit), new SolverLimit(seconds));
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, NegotiationJson.Analysis(report));
                return 0;
            }

            if (csv)
            {
                session.Show(WorldCommand.Choose(Tables(report), parse.GetValue(table)), csv: true);
                return 0;
            }

            Render(session, report);
            return 0;
        }));
        return command;
    }

    /// <summary>The analysis' tables by name, in the order they are shown: conflicts, package (the best one), distances.</summary>
    internal static Dictionary<string, ReportTable> Tables(NegotiationReport r)
    {
        var data = r.Problem.Data;
        var e = r.Enumeration;
        var tables = new Dictionary<string, ReportTable>(StringComparer.Ordinal);
        var conflicts = new ReportTable(
            $"Minimal conflicts ({e.Conflicts.Length}, search {Word(e.Completion)}, {e.SolverCalls} solver calls, {e.Elapsed.TotalMilliseconds:0} ms)",
            new Column("#", ColumnKind.Id), new Column("Positions that cannot all hold"), new Column("Where they meet"))
        {
            Empty = e.Completion == Completion.Complete ? "none" : $"No conflict found before the search stopped ({Word(e.Completion)}).",
        };
        var n = 0;
        foreach (var c in e.Conflicts)
        {
            conflicts.Add((++n).ToString(CultureInfo.InvariantCulture), string.Join("\n", c.Clauses.Select(k => $"{k.Label}")),
                string.Join("\n", c.SharedIssues.Select(i => data.IssuesById[i].Title)));
        }

        tables["conflicts"] = conflicts;
        var package = new ReportTable(
            r.Best.Package is null ? "Best package" : $"Best package ({(r.Best.Proven ? "proven optimal" : "best found before the solver limit was reached")})",
            new Column("Party", ColumnKind.Id), new Column("Red lines kept"), new Column("Red lines crossed"), new Column("Demands met"), new Column("Demands dropped"))
        {
            Empty = r.Problem.Clauses.Length == 0 ? "no positions"
                : "No best package was found before the solver limit was reached (not a finding that none exists); raise --budget.",
        };
        if (r.Best.Package is { } best)
        {
            package.Totals.Add($"Chosen by: {BestPackage.TieBreak(r.StatusQuoValues.Count)}.");
            foreach (var (party, kept, dropped) in best.ByParty())
            {
                package.Add(party.Code,
                    string.Join("\n", kept.Where(c => c.Kind == PositionKind.RedLine).Select(c => c.Title)),
                    string.Join("\n", dropped.Where(c => c.Kind == PositionKind.RedLine).Select(c => c.Title)),
                    string.Join("\n", kept.Where(c => c.Kind == PositionKind.Demand).Select(c => c.Title)),
                    string.Join("\n", dropped.Where(c => c.Kind == PositionKind.Demand).Select(c => c.Title)));
            }

            package.Notes.Add("package: " + NegotiationSentences.Changes(r, best.Witness));
        }

        tables["package"] = package;
        var sq = new ReportTable(
            $"Distance of the world on {r.StatusQuoDay:yyyy-MM-dd} from each party's positions (status quo measured; disputed issues open)",
            new Column("Party", ColumnKind.Id), new Column("Red lines unmet"), new Column("Demand weight met"), new Column("Fewest issue changes for all its red lines"));
        foreach (var s in r.StatusQuo)
        {
            sq.Add(s.Party.Code, string.Join("\n", s.RedLinesUnmet.Select(p => p.Title)), NegotiationCli.DemandWeight(s),
                s.ChangesForRedLines is { } c
                    ? new Cell((c.Count == 0 ? "none" : $"{c.Count}: {Describe(data, c)}")
                               + (s.SolverLimitReached ? " (solver limit reached: perhaps not the fewest)" : ""))
                    : s.SolverLimitReached ? new Cell("undecided (solver limit reached)", "grey") : new Cell("red lines cannot all hold", "grey"));
        }

        if (r.SolverLimitReached)
        {
            sq.Notes.Add(NegotiationCli.LimitNote(r.Budget));
        }

        tables["distances"] = sq;
        return tables;
    }

    internal static void Render(Session session, NegotiationReport r)
    {
        var console = session.Console;
        var data = r.Problem.Data;
        var tables = Tables(r);
        var when = r.Problem.At is { } at ? $"positions in force on {at:yyyy-MM-dd}" : "latest version of each position";
        console.MarkupLine($"[bold]Analysis[/] of {string.Join(", ", r.Problem.Parties)} — {when}, linkage {(r.Problem.Linkage ? "on" : "off")}, " +
                           $"{r.Problem.Clauses.Length} clauses over {data.Issues.Length} issues.");
        var f = r.Feasibility;
        console.MarkupLine(f.Feasible switch
        {
            true => "All these positions can hold together. A package that shows it:",
            false => "These positions cannot all hold together." + f.RedLinesFeasible switch
            {
                true => " Their red lines alone can.",
                false => " Even their red lines alone cannot.",
                _ => " Whether the red lines alone can is undecided (solver limit reached).",
            },
            _ => "Undecided: the solver's limit was reached before deciding (not a finding of incompatibility).",
        });
        if (f.Witness is { } w)
        {
            console.MarkupLine("  " + Text.Escape(NegotiationSentences.Changes(r, w)));
        }

        var e = r.Enumeration;
        if (e.Conflicts.Length > 0 || e.Completion != Completion.Complete)
        {
            session.Show(tables["conflicts"], csv: false);
        }

        if (r.Best.Package is not null || r.Problem.Clauses.Length > 0)
        {
            session.Show(tables["package"], csv: false);
        }

        if (r.Ranking is { } k)
        {
            foreach (var line in NegotiationSentences.Ranking(k, r.Enumeration.Completion))
            {
                console.MarkupLine(Text.Escape(line));
            }
        }

        if (r.Feasibility.RedLinesFeasible == false && r.RedLineAlternatives.Packages.Length > 0)
        {
            console.MarkupLine("The red lines cannot all hold; each alternative below keeps a maximal set of them (which one a best package picks follows from counting red lines):");
            var n = 0;
            foreach (var alt in r.RedLineAlternatives.Packages)
            {
                console.MarkupLine($"  {(char)('A' + n++)}: crosses " + Text.Escape(string.Join("; ", alt.Dropped.Select(c => $"{c.Party} '{c.Title}'"))));
            }
        }

        if (e.Packages.Length > 0)
        {
            console.MarkupLine($"{e.Packages.Length} maximal package(s) found; each keeps as many positions as can hold together (use --json for all).");
        }

        session.Show(tables["distances"], csv: false);
    }
}
