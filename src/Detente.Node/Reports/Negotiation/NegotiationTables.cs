using System.Globalization;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;
using Detente.Node.Reports.Tables;
using static Detente.Node.Reports.Negotiation.NegotiationWords;

namespace Detente.Node.Reports.Negotiation;

/// <summary>
/// The negotiation answers for people, as <see cref="NegotiationJson"/> writes them for machines: positions, a position, its history,
/// a proposal's scores, an analysis and the overview of <c>detente demo</c>; plain text, neutral about which party is right.
/// </summary>
public static class NegotiationTables
{
    /// <summary>The positions listed: a row per version, a demand with its weight.</summary>
    public static ReportTable Positions(IReadOnlyCollection<Position> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var table = new ReportTable(null, Column.Id("Party"), Column.Id("Id"), Column.Id("Kind"), Column.Id("Date"), new("Title"), Column.Id("Confidence")) { KeyColumns = 2 };
        foreach (var p in positions)
        {
            table.Add(p.Party.Code, p.Id.Value, Kind(p.Kind) + (p.Kind == PositionKind.Demand ? $" ({p.Weight})" : ""), $"{p.Date:yyyy-MM-dd}", p.Title, Confidence(p.Confidence));
        }

        table.Totals.Add($"{positions.Count} positions");
        return table;
    }

    /// <summary>One position as field and value rows, its condition in words and one row per source (CSV keeps the same two columns).</summary>
    public static ReportTable Position(NegotiationData data, Position p)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(p);
        var table = new ReportTable($"{p.Id} — {p.Party} {Kind(p.Kind)}", Column.Id("Field"), new("Value"));
        table.Add("id", p.Id.Value).Add("party", p.Party.Code).Add("kind", KindJson(p.Kind));
        if (p.Kind == PositionKind.Demand)
        {
            table.Add("weight", p.Weight.ToString(CultureInfo.InvariantCulture));
        }

        table.Add("stated", $"{p.Date:yyyy-MM-dd}").Add("line", p.Line).Add("title", p.Title).Add("holds when", p.Condition.Describe(data.IssuesById))
            .Add("condition", p.Condition.ToString()).Add("confidence", Confidence(p.Confidence));
        if (p.Note is { } note)
        {
            table.Add("note", note);
        }

        foreach (var s in p.Sources)
        {
            table.Add("source", $"{s.Source.Title} — {s.Source.Publisher}, {s.Source.Date} ({Confidence(s.Confidence)})" + (s.Source.Url is null ? "" : $" {s.Source.Url}"));
        }

        return table;
    }

    /// <summary>A position's history: a row per version, oldest first, with how it changed from the version before (the first has none).</summary>
    public static ReportTable History(NegotiationData data, IReadOnlyList<Position> versions, IReadOnlyList<Comparison> steps)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(steps);
        var table = new ReportTable($"History of {versions[0].Line} ({versions[0].Party}, {versions.Count} version(s))", Column.Id("Date"), Column.Id("Id"),
            Column.Id("Kind"), Column.Id("Confidence"), new("Title"), new("Holds when"), new("Change from the version before")) { KeyColumns = 2 };
        for (var i = 0; i < versions.Count; i++)
        {
            var v = versions[i];
            table.Add($"{v.Date:yyyy-MM-dd}", v.Id.Value, Kind(v.Kind), Confidence(v.Confidence), v.Title, v.Condition.Describe(data.IssuesById),
                i == 0 ? "" : Sentence(data, steps[i - 1]));
        }

        return table;
    }

    /// <summary>One row per comparison: the two positions, what the second is, and a package only each admits.</summary>
    public static ReportTable Comparisons(NegotiationData data, IEnumerable<Comparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var table = new ReportTable(null, Column.Id("First"), Column.Id("Second"), Column.Id("Second is"), new("Only the first admits"), new("Only the second admits"))
        {
            KeyColumns = 2,
        };
        foreach (var c in comparisons)
        {
            table.Add(c.First.Id.Value, c.Second.Id.Value, Word(c.Strength), c.OnlyFirst is { } a ? Describe(data, a) : "", c.OnlySecond is { } b ? Describe(data, b) : "");
        }

        return table;
    }

    /// <summary>One comparison of two positions (<c>redlines compare</c>): its row, and under the table the sentence saying what it found.</summary>
    public static ReportTable Comparison(NegotiationData data, Comparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var table = Comparisons(data, [comparison]);
        table.Totals.Add(NegotiationWords.Sentence(data, comparison));
        return table;
    }

    /// <summary>
    /// A proposal's scores for people: what it proposes and its sources, then a row per party — its red lines met and unmet, the
    /// positions left open (each saying whether it is a red line or a demand, with the demand's weight), and the demand weight met.
    /// Undecided positions are listed under the table, with the solver's limit when it was reached.
    /// </summary>
    public static ReportPage Proposal(NegotiationData data, Proposal proposal, DateOnly day, IReadOnlyList<PartyScore> scores, SolverLimit budget)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(scores);
        var table = new ReportTable(null, Column.Id("Party"), new("Red lines met"), new("Red lines unmet"), new("Open (on issues left open)"), new("Demand weight met"));
        foreach (var s in scores)
        {
            string Titles(PositionKind kind, Standing standing) =>
                string.Join("\n", s.Standings.Where(p => p.Position.Kind == kind && p.Standing == standing).Select(p => p.Position.Title));

            // An open red line and an open demand weigh very differently, so each open position says which it is.
            var open = string.Join("\n", s.Standings.Where(p => p.Standing == Standing.Open).OrderBy(p => p.Position.Kind == PositionKind.RedLine ? 0 : 1)
                .Select(p => p.Position.Kind == PositionKind.RedLine ? $"red line: {p.Position.Title}" : $"demand ({p.Position.Weight}): {p.Position.Title}"));
            table.Add(s.Party.Code, Titles(PositionKind.RedLine, Standing.Met), Titles(PositionKind.RedLine, Standing.Unmet), open, DemandWeight(s));
        }

        foreach (var s in scores.Where(s => s.Standings.Any(p => p.Standing == Standing.Undecided)))
        {
            table.Notes.Add($"{s.Party}: undecided (solver limit reached): "
                            + string.Join("; ", s.Standings.Where(p => p.Standing == Standing.Undecided).Select(p => p.Position.Title)));
        }

        if (scores.Any(s => s.SolverLimitReached))
        {
            table.Notes.Add(LimitNote(budget));
        }

        return new ReportPage()
            .Line($"{proposal.Title} ({proposal.Party}, {proposal.Date:yyyy-MM-dd}), against positions in force on {day:yyyy-MM-dd}")
            .Line($"Proposes: {Describe(data, proposal.Values)}. Other issues are left open.")
            .Line("Sources: " + string.Join("; ", proposal.Sources.Select(s => $"{s.Source.Publisher}, '{s.Source.Title}' ({s.Source.Date}, {Confidence(s.Confidence)})")))
            .Add("scores", table);
    }

    /// <summary>
    /// An analysis for people: what was asked, whether the positions can hold together, the minimal conflicts, the best package and
    /// how certain it is, the red lines' alternatives, and the distance of the status quo from each party's positions. Its CSV tables
    /// are conflicts, package and distances.
    /// </summary>
    public static ReportPage Analysis(NegotiationReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var data = r.Problem.Data;
        var (e, f) = (r.Enumeration, r.Feasibility);
        var when = r.Problem.At is { } at ? $"positions in force on {at:yyyy-MM-dd}" : "latest version of each position";
        var page = new ReportPage().Line($"Analysis of {string.Join(", ", r.Problem.Parties)} — {when}, linkage {(r.Problem.Linkage ? "on" : "off")}, " +
                                         $"{r.Problem.Clauses.Length} clauses over {data.Issues.Length} issues.");
        page.Line(f.Feasible switch
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
            page.Line("  " + NegotiationSentences.Changes(r, w));
        }

        var conflicts = new ReportTable(
            $"Minimal conflicts ({e.Conflicts.Length}, search {Word(e.Completion)}, {e.SolverCalls} solver calls, {e.Elapsed.TotalMilliseconds:0} ms)",
            Column.Id("#"), new("Positions that cannot all hold"), new("Where they meet"))
        {
            Empty = e.Completion == Completion.Complete ? "none" : $"No conflict found before the search stopped ({Word(e.Completion)}).",
        };
        var n = 0;
        foreach (var c in e.Conflicts)
        {
            conflicts.Add((++n).ToString(CultureInfo.InvariantCulture), string.Join("\n", c.Clauses.Select(k => $"{k.Label}")),
                string.Join("\n", c.SharedIssues.Select(i => data.IssuesById[i].Title)));
        }

        page.Add("conflicts", conflicts, shown: e.Conflicts.Length > 0 || e.Completion != Completion.Complete);
        var package = new ReportTable(
            r.Best.Package is null ? "Best package" : $"Best package ({(r.Best.Proven ? "proven optimal" : "best found before the solver limit was reached")})",
            Column.Id("Party"), new("Red lines kept"), new("Red lines crossed"), new("Demands met"), new("Demands dropped"))
        {
            Empty = r.Problem.Clauses.Length == 0 ? "no positions"
                : "No best package was found before the solver limit was reached (not a finding that none exists); raise --budget.",
        };
        if (r.Best.Package is { } best)
        {
            package.Totals.Add($"Chosen by: {BestPackage.TieBreak(r.StatusQuoValues.Count)}.");
            foreach (var (party, kept, dropped) in best.ByParty())
            {
                static string Titles(IEnumerable<Clause> clauses, PositionKind kind) => string.Join("\n", clauses.Where(c => c.Kind == kind).Select(c => c.Title));
                package.Add(party.Code, Titles(kept, PositionKind.RedLine), Titles(dropped, PositionKind.RedLine), Titles(kept, PositionKind.Demand), Titles(dropped, PositionKind.Demand));
            }

            package.Notes.Add("package: " + NegotiationSentences.Changes(r, best.Witness));
        }

        page.Add("package", package, shown: r.Best.Package is not null || r.Problem.Clauses.Length > 0);
        foreach (var line in r.Ranking is { } k ? NegotiationSentences.Ranking(k, e.Completion) : [])
        {
            page.Line(line);
        }

        if (f.RedLinesFeasible == false && r.RedLineAlternatives.Packages.Length > 0)
        {
            page.Line("The red lines cannot all hold; each alternative below keeps a maximal set of them (which one a best package picks follows from counting red lines):");
            Alternatives(page, r);
        }

        if (e.Packages.Length > 0)
        {
            page.Line($"{e.Packages.Length} maximal package(s) found; each keeps as many positions as can hold together (use --json for all).");
        }

        var distances = new ReportTable(
            $"Distance of the world on {r.StatusQuoDay:yyyy-MM-dd} from each party's positions (status quo measured; disputed issues open)",
            Column.Id("Party"), new("Red lines unmet"), new("Demand weight met"), new("Fewest issue changes for all its red lines"));
        foreach (var s in r.StatusQuo)
        {
            distances.Add(s.Party.Code, string.Join("\n", s.RedLinesUnmet.Select(p => p.Title)), DemandWeight(s),
                s.ChangesForRedLines is { } c
                    ? new Cell((c.Count == 0 ? "none" : $"{c.Count}: {Describe(data, c)}") + (s.SolverLimitReached ? " (solver limit reached: perhaps not the fewest)" : ""))
                    : s.SolverLimitReached ? new Cell("undecided (solver limit reached)", "grey") : new Cell("red lines cannot all hold", "grey"));
        }

        if (r.SolverLimitReached)
        {
            distances.Notes.Add(LimitNote(r.Budget));
        }

        return page.Add("distances", distances);
    }

    /// <summary>
    /// The negotiation part of <c>detente demo</c> in lines: whether all the parties' positions and the pair's can meet, the minimal
    /// conflicts, the best package party by party, the red lines' alternatives, linkage off and on, the recorded red-line changes, one
    /// line's history and the proposal's scores, and whether any solver limit was reached.
    /// </summary>
    public static ReportPage Overview(NegotiationOverview o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var (all, data) = (o.All, o.All.Problem.Data);
        var page = new ReportPage().Line($"Negotiation analysis as of {o.Questions.Day:d MMMM yyyy} — {data.Issues.Length} issues, " +
                                         $"{data.Positions.Length} positions of {data.Parties.Count()} parties (each with the same weight), CP-SAT.", "bold");
        page.Line($"{string.Join(", ", o.Questions.Parties.SkipLast(1))} and {o.Questions.Parties[^1]} together: " +
                  $"{(all.Feasibility.Feasible == true ? "compatible" : all.Feasibility.Feasible == false ? "not compatible" : "undecided (solver limit reached)")}; " +
                  $"{all.Enumeration.Conflicts.Length} minimal conflict(s) (search {Word(all.Enumeration.Completion)}):");
        foreach (var c in all.Enumeration.Conflicts)
        {
            page.Line($"  • {(c.Clauses.All(k => k.Kind == PositionKind.RedLine) ? "red lines" : "positions")}: " +
                      $"{string.Join(" ⟂ ", c.Clauses.Select(k => $"{k.Party} '{k.Title}'"))} (on {string.Join("; ", c.SharedIssues.Select(i => data.IssuesById[i].Title))})");
        }

        var pair = o.Pair.Feasibility.Feasible switch
        {
            true => "all positions can hold together",
            false => "not all positions can hold together",
            _ => "undecided (solver limit reached)",
        };
        page.Line($"{string.Join(" and ", o.Questions.Pair)}: {pair}; " + (o.Pair.Feasibility.Witness is { } w ? NegotiationSentences.Changes(o.Pair, w) : ""));
        if (all.Best.Package is { } best)
        {
            page.Line($"Best package for {string.Join(", ", o.Questions.Parties.SkipLast(1))} and {o.Questions.Parties[^1]} ({string.Join(" and ", o.Questions.Pair)} count separately" +
                      (all.Best.Proven ? "" : "; best found before the solver limit was reached, not proven") + $"). Chosen by: {BestPackage.TieBreak(all.StatusQuoValues.Count)}.");
            foreach (var (party, kept, dropped) in best.ByParty())
            {
                var crossed = dropped.Where(c => c.Kind == PositionKind.RedLine).ToList();
                page.Line($"  {party}: keeps {kept.Count(c => c.Kind == PositionKind.RedLine)} red line(s) and {kept.Count(c => c.Kind == PositionKind.Demand)} demand(s)" +
                          (crossed.Count > 0 ? $"; would cross: {string.Join("; ", crossed.Select(c => c.Title))}" : "") +
                          (dropped.Count(c => c.Kind == PositionKind.Demand) is var d and > 0 ? $"; drops {d} demand(s)" : ""));
            }
        }

        if (all.RedLineAlternatives.Packages.Length > 1)
        {
            page.Line("The red lines themselves allow these alternatives, each crossing a different combination of red lines:");
            Alternatives(page, all);
        }

        foreach (var (linked, day, linkedBest) in o.Linkage)
        {
            var first = o.Questions.Parties[0];
            var demands = linkedBest.Package?.Kept.Where(c => c.Party == first).SelectMany(c => c.Positions).Where(x => x.Kind == PositionKind.Demand).ToList();
            page.Line($"On {day:yyyy-MM-dd} with linkage {(linked ? "on " : "off")}: " + (linkedBest.Package is { } p && demands is not null
                ? $"the best package{(linkedBest.Proven ? "" : " found before the solver limit")} meets {demands.Count} {first} demand(s) (weight {demands.Sum(x => x.Weight)}) " +
                  $"and crosses {p.Dropped.Count(c => c.Kind == PositionKind.RedLine)} red-line clause(s), a linked package counting as one."
                : "no best package before the solver limit was reached (not a finding)."));
        }

        foreach (var party in o.RedLineChanges.Select(c => c.Party).Distinct().Order())
        {
            var mine = o.RedLineChanges.Where(c => c.Party == party).ToList();
            page.Line($"Red-line changes recorded for {party}: {mine.Count} — " +
                      string.Join(", ", mine.GroupBy(c => c.Step.Strength).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Word(g.Key)}")) +
                      $" ({string.Join("; ", mine.Select(c => $"{c.Step.First.Date:yyyy-MM-dd} → {c.Step.Second.Date:yyyy-MM-dd}"))})");
        }

        page.Line("Red-line history, Russia on military presence in Ukraine:");
        foreach (var step in o.HistorySteps)
        {
            page.Line($"  {step.First.Date:yyyy-MM-dd} → {step.Second.Date:yyyy-MM-dd}: {Word(step.Strength)}" +
                      (step.OnlyFirst is { } only ? $" (only the earlier admits: {Describe(data, only)})" : ""));
        }

        if (o.Proposal is { } proposal)
        {
            page.Line($"{proposal.Title}:");
            foreach (var s in o.ProposalScores)
            {
                var open = s.Standings.Count(p => p.Standing == Standing.Open);
                var undecided = s.Standings.Count(p => p.Standing == Standing.Undecided);
                page.Line($"  {s.Party}: red lines unmet {s.RedLinesUnmet.Count()}, demand weight met {s.DemandWeightMet.ToString(CultureInfo.InvariantCulture)} of " +
                          $"{s.DemandWeightTotal}, {open} position(s) left open" + (undecided > 0 ? $", {undecided} undecided (solver limit reached)" : ""));
            }
        }

        // Every figure above comes from deterministic solver limits: the same on any machine. Say so when a limit was reached.
        return o.SolverLimitReached
            ? page.Line("Solver limit reached in the analysis above: what is marked undecided, unknown or not proven is not a finding.", "bold")
            : page.Line("Every solver question above was settled within its deterministic limit (one worker, fixed seed: the same answer on any machine).");
    }

    /// <summary>"met of total", marked as a lower bound when some of the party's positions are undecided (the mark kept on one line).</summary>
    public static Cell DemandWeight(PartyScore s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var text = $"{s.DemandWeightMet} of {s.DemandWeightTotal}" + (s.Standings.Any(p => p.Standing == Standing.Undecided) ? " (at least: some undecided)" : "");
        return new(text.Replace(" (at least: some undecided)", " (at\u00a0least:\u00a0some\u00a0undecided)", StringComparison.Ordinal), Whole: text);
    }

    /// <summary>The line a table ends with when the solver's limit was reached somewhere.</summary>
    public static string LimitNote(SolverLimit budget) =>
        $"Solver limit reached (deterministic time {budget}): what is marked undecided, unknown or not proven is not a finding; "
        + "raise --budget. The same limit gives the same answer on any machine.";

    private static void Alternatives(ReportPage page, NegotiationReport r)
    {
        var n = 0;
        foreach (var alt in r.RedLineAlternatives.Packages)
        {
            page.Line($"  {(char)('A' + n++)}: crosses " + string.Join("; ", alt.Dropped.Select(c => $"{c.Party} '{c.Title}'")));
        }
    }
}
