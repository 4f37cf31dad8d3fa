using System.Globalization;
using Detente.Core;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;
using Detente.Node.Reports.Negotiation;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary>The negotiation section of <c>detente demo</c>: where the positions of 26 January 2022 can and cannot meet.</summary>
internal static class DemoNegotiation
{
    /// <summary>The day the US non-paper and the NATO reply were handed over.</summary>
    public static readonly DateOnly Day = new(2022, 1, 26);

    /// <summary>RUS, USA and NATO, the pair USA and NATO; linkage on 17 February 2022, when Russia called its proposals a package.</summary>
    private static readonly OverviewQuestions Questions = new(
        [new("RUS"), new("USA"), new("NATO")], [new("USA"), new("NATO")], Day, new DateOnly(2022, 2, 17), "rus-ukraine-military-presence");

    public static void Show(Session session)
    {
        var console = session.Console;
        var data = NegotiationData.Load(Path.Combine(Paths.DataDirectory(), "negotiation"));
        console.MarkupLine($"[bold]Negotiation analysis as of {Day:d MMMM yyyy}[/] — {data.Issues.Length} issues, " +
                           $"{data.Positions.Length} positions of {data.Parties.Count()} parties (each with the same weight), CP-SAT.");
        var o = NegotiationOverview.Of(data, NegotiationCli.StatusQuoValues(session, data, Day), Questions);
        var all = o.All;
        console.MarkupLine($"RUS, USA and NATO together: {(all.Feasibility.Feasible == true ? "compatible" : all.Feasibility.Feasible == false ? "not compatible" : "undecided (solver limit reached)")}; " +
                           $"{all.Enumeration.Conflicts.Length} minimal conflict(s) (search {NegotiationWords.Word(all.Enumeration.Completion)}):");
        foreach (var c in all.Enumeration.Conflicts)
        {
            var kind = c.Clauses.All(k => k.Kind == PositionKind.RedLine) ? "red lines" : "positions";
            console.MarkupLine($"  • {kind}: {Text.Escape(string.Join(" ⟂ ", c.Clauses.Select(k => $"{k.Party} '{k.Title}'")))} " +
                               $"[grey](on {Text.Escape(string.Join("; ", c.SharedIssues.Select(i => data.IssuesById[i].Title)))})[/]");
        }

        var westWord = o.Pair.Feasibility.Feasible switch
        {
            true => "all positions can hold together",
            false => "not all positions can hold together",
            _ => "undecided (solver limit reached)",
        };
        console.MarkupLine($"USA and NATO: {westWord}; " +
                           Text.Escape(o.Pair.Feasibility.Witness is { } w ? NegotiationSentences.Changes(o.Pair, w) : ""));

        if (all.Best.Package is { } best)
        {
            console.MarkupLine("Best package for RUS, USA and NATO (USA and NATO count separately" +
                               (all.Best.Proven ? "" : "; best found before the solver limit was reached, not proven") +
                               $"). Chosen by: {Text.Escape(BestPackage.TieBreak(all.StatusQuoValues.Count))}.");
            foreach (var (party, kept, dropped) in best.ByParty())
            {
                var crossed = dropped.Where(c => c.Kind == PositionKind.RedLine).ToList();
                console.MarkupLine($"  {party}: keeps {kept.Count(c => c.Kind == PositionKind.RedLine)} red line(s) and {kept.Count(c => c.Kind == PositionKind.Demand)} demand(s)" +
                                   (crossed.Count > 0 ? $"; would cross: {Text.Escape(string.Join("; ", crossed.Select(c => c.Title)))}" : "") +
                                   (dropped.Count(c => c.Kind == PositionKind.Demand) is var d and > 0 ? $"; drops {d} demand(s)" : ""));
            }
        }

        if (all.RedLineAlternatives.Packages.Length > 1)
        {
            console.MarkupLine("The red lines themselves allow these alternatives, each crossing a different combination of red lines:");
            var n = 0;
            foreach (var alt in all.RedLineAlternatives.Packages)
            {
                console.MarkupLine($"  {(char)('A' + n++)}: crosses " + Text.Escape(string.Join("; ", alt.Dropped.Select(c => $"{c.Party} '{c.Title}'"))));
            }
        }

        foreach (var (linked, linkDay, linkedBest) in o.Linkage)
        {
            if (linkedBest.Package is { } p)
            {
                var russian = p.Kept.Where(c => c.Party == Questions.Parties[0]).SelectMany(c => c.Positions).Where(x => x.Kind == PositionKind.Demand).ToList();
                console.MarkupLine($"On {linkDay:yyyy-MM-dd} with linkage {(linked ? "on " : "off")}: the best package{(linkedBest.Proven ? "" : " found before the solver limit")} meets {russian.Count} RUS demand(s) " +
                                   $"(weight {russian.Sum(x => x.Weight)}) and crosses {p.Dropped.Count(c => c.Kind == PositionKind.RedLine)} red-line clause(s), a linked package counting as one.");
            }
            else
            {
                console.MarkupLine($"On {linkDay:yyyy-MM-dd} with linkage {(linked ? "on " : "off")}: no best package before the solver limit was reached (not a finding).");
            }
        }

        foreach (var party in o.RedLineChanges.Select(c => c.Party).Distinct().Order())
        {
            var mine = o.RedLineChanges.Where(c => c.Party == party).ToList();
            console.MarkupLine($"Red-line changes recorded for {party}: {mine.Count} — " +
                               string.Join(", ", mine.GroupBy(c => c.Step.Strength).OrderBy(g => g.Key).Select(g => $"{g.Count()} {NegotiationWords.Word(g.Key)}")) +
                               Text.Escape($" ({string.Join("; ", mine.Select(c => $"{c.Step.First.Date:yyyy-MM-dd} → {c.Step.Second.Date:yyyy-MM-dd}"))})"));
        }

        console.MarkupLine("Red-line history, Russia on military presence in Ukraine:");
        foreach (var step in o.HistorySteps)
        {
            console.MarkupLine($"  {step.First.Date:yyyy-MM-dd} → {step.Second.Date:yyyy-MM-dd}: {NegotiationWords.Word(step.Strength)}" +
                               (step.OnlyFirst is { } only ? Text.Escape($" (only the earlier admits: {NegotiationWords.Describe(data, only)})") : ""));
        }

        if (o.Proposal is { } proposal)
        {
            console.MarkupLine($"{Text.Escape(proposal.Title)}:");
            foreach (var s in o.ProposalScores)
            {
                var open = s.Standings.Count(p => p.Standing == Standing.Open);
                var undecided = s.Standings.Count(p => p.Standing == Standing.Undecided);
                console.MarkupLine($"  {s.Party}: red lines unmet {s.RedLinesUnmet.Count()}, demand weight met {s.DemandWeightMet.ToString(CultureInfo.InvariantCulture)} of {s.DemandWeightTotal}, " +
                                   $"{open} position(s) left open" + (undecided > 0 ? $", {undecided} undecided (solver limit reached)" : ""));
            }
        }

        // Every figure above comes from deterministic solver limits: the same on any machine. Say so when a limit was reached.
        console.MarkupLine(o.SolverLimitReached
            ? "[bold]Solver limit reached[/] in the analysis above: what is marked undecided, unknown or not proven is not a finding."
            : "Every solver question above was settled within its deterministic limit (one worker, fixed seed: the same answer on any machine).");
    }
}
