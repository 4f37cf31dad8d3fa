using Detente.Rules.Runtime;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary>The agreements part of <c>detente demo</c>: the compliance matrix on the demo day and the findings that tell most.</summary>
internal static class DemoRulesSection
{
    public static void Render(Session session, DateOnly day)
    {
        var rules = RulesContext.Open(session, null);
        var world = session.Scenario.At(day);
        var findings = rules.Library.All.SelectMany(a => rules.Evaluator.Evaluate(a, world)).ToList();
        session.Console.MarkupLine($"\n[bold]Agreements as code[/]: {rules.Library.All.Count} documents, {findings.Count} findings on {day:yyyy-MM-dd} " +
                                   "(drafts and proposals are evaluated as if they applied on the day).");
        CheckCommand.Matrix(session.Console, rules, findings, day);

        // The most telling findings: for each clause, its disputed findings first, then its violations — one of each per clause.
        var telling = findings.Where(f => f.Status is FindingStatus.Disputed or FindingStatus.Violated && f.Subject.Kind != "party")
            .GroupBy(f => (f.Clause, f.Status))
            .Select(g => g.First())
            .OrderBy(f => f.Status == FindingStatus.Disputed ? 0 : 1)
            .ThenBy(f => f.Clause, StringComparer.Ordinal)
            .Take(14);
        FindingsView.Table(session.Console, "Telling findings (one per clause and status; 'detente explain CLAUSE --subject ID' for the steps)", telling);
    }
}
